package io.fleetmigrate.deliver.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.MovingClock;
import io.fleetmigrate.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Content-creating calls: one at a time, spaced, capped per hour, counted in the store. */
class ContentCallThrottleTest {
  /** A clock that only moves when the throttle sleeps (or the test says time passed). */
  static final class FakeTime extends MovingClock {
    final List<Duration> sleeps = new ArrayList<>();

    FakeTime() {
      super(Instant.parse("2026-11-21T10:00:00Z"));
    }

    void sleep(Duration d) {
      sleeps.add(d);
      pass(d);
    }
  }

  private final DataSource ds = TestDatabase.migrated();

  @Test
  void callsAreAtLeastTheIntervalApart() throws Exception {
    FakeTime time = new FakeTime();
    ContentCallThrottle throttle =
        new ContentCallThrottle("https://api.github.com", Duration.ofSeconds(1), 100, ContentCallThrottle.jdbcLedger(ds), time, time::sleep);

    throttle.awaitTurn();
    throttle.awaitTurn();
    time.pass(Duration.ofMillis(300));
    throttle.awaitTurn();

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(700));
  }

  @Test
  void theHourlyCapWaitsUntilTheOldestCallIsAnHourOldAndHoldsForAResumedRun() throws Exception {
    FakeTime time = new FakeTime();
    Instant start = time.instant();
    ContentCallThrottle first =
        new ContentCallThrottle("https://ghe.example.com/api/v3", Duration.ofSeconds(1), 3, ContentCallThrottle.jdbcLedger(ds), time, time::sleep);
    first.awaitTurn();
    first.awaitTurn();
    first.awaitTurn();
    time.sleeps.clear();

    // A new process on the same database (a resumed run) sees the three calls of the last hour.
    ContentCallThrottle resumed =
        new ContentCallThrottle("https://ghe.example.com/api/v3", Duration.ofSeconds(1), 3, ContentCallThrottle.jdbcLedger(ds), time, time::sleep);
    resumed.awaitTurn();

    assertThat(time.instant()).isAfterOrEqualTo(start.plus(Duration.ofHours(1)));
    assertThat(time.sleeps).hasSize(1);
    // Another API host has its own count.
    ContentCallThrottle other =
        new ContentCallThrottle("https://api.github.com", Duration.ofSeconds(1), 3, ContentCallThrottle.jdbcLedger(ds), time, time::sleep);
    time.sleeps.clear();
    other.awaitTurn();
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void theIntervalCountsFromTheEndOfTheCall() throws Exception {
    FakeTime time = new FakeTime();
    ContentCallThrottle throttle =
        new ContentCallThrottle("https://api.github.com", Duration.ofSeconds(1), 100, ContentCallThrottle.jdbcLedger(ds), time, time::sleep);

    throttle.run(() -> {
      time.pass(Duration.ofMillis(500));
      return null;
    }); // a call that takes half a second
    throttle.awaitTurn();

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aSecondaryLimitHoldsBackEveryLaterCallNotOnlyTheOneThatGotIt() throws Exception {
    FakeTime time = new FakeTime();
    ContentCallThrottle throttle =
        new ContentCallThrottle("https://api.github.com", Duration.ofSeconds(1), 100, ContentCallThrottle.jdbcLedger(ds), time, time::sleep);

    throttle.blockUntil(time.instant().plusSeconds(60));
    throttle.awaitTurn();

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(60));
  }

  @Test
  void concurrentCallsNeverOverlap() throws Exception {
    ContentCallThrottle throttle = new ContentCallThrottle(
        "https://api.github.com", Duration.ofMillis(5), 1000, ContentCallThrottle.jdbcLedger(ds), Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()));
    java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        for (int j = 0; j < 3; j++) {
          try {
            throttle.run(() -> {
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              Thread.sleep(30); // a slow answer
              inFlight.decrementAndGet();
              return null;
            });
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(most.get()).isEqualTo(1);
  }
}
