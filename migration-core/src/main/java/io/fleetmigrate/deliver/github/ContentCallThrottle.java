package io.fleetmigrate.deliver.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Serialises content-creating calls to one API host (GitHub's guidance against secondary rate
 * limits: one at a time, at least a second apart) and caps them per hour. {@link #run} holds one
 * fair lock from the wait through the end of the call, and the interval counts from the end of
 * the previous call; a secondary-limit answer ({@link #blockUntil}) holds every later call back,
 * not only the thread that got it. The calls are recorded in the store ({@code code_host_call}), so
 * the cap holds over every process using the database and over a run that is stopped while it
 * waits and resumed later.
 */
public final class ContentCallThrottle {
  private static final Logger log = LoggerFactory.getLogger(ContentCallThrottle.class);

  /** Where calls are counted. */
  public interface Ledger {
    /** Calls to {@code host} since {@code from}. */
    int count(String host, Instant from);

    /** The oldest call to {@code host} since {@code from}, if any. */
    @Nullable Instant oldest(String host, Instant from);

    void record(String host, Instant at);
  }

  /** A content-creating call. */
  public interface Call<T, E extends Exception> {
    T call() throws E;
  }

  /** Sleeps; replaced in tests that must not wait for real. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final String host;
  private final Duration interval;
  private final int perHour;
  private final Ledger ledger;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ReentrantLock lock = new ReentrantLock(true);
  private @Nullable Instant last;
  private volatile @Nullable Instant blockedUntil;

  public ContentCallThrottle(String host, Duration interval, int perHour, Ledger ledger, Clock clock, Sleeper sleeper) {
    this.host = host;
    this.interval = interval;
    this.perHour = perHour;
    this.ledger = ledger;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Runs {@code call} when its turn comes, alone: no other content-creating call to this host overlaps it. */
  public <T, E extends Exception> T run(Call<T, E> call) throws E, InterruptedException {
    lock.lockInterruptibly();
    try {
      waitAndCount();
      try {
        return call.call();
      } finally {
        last = clock.instant();
      }
    } finally {
      lock.unlock();
    }
  }

  /** GitHub asked to wait ({@code Retry-After}): no content-creating call to this host goes out before {@code until}. */
  public void blockUntil(Instant until) {
    synchronized (this) {
      Instant b = blockedUntil;
      if (b == null || until.isAfter(b)) {
        blockedUntil = until;
      }
    }
    log.warn("{}: secondary rate limit; content-creating calls wait until {}", host, until);
  }

  /** Blocks until a content-creating call may go out, then counts it (prefer {@link #run}, which also holds others off during the call). */
  public void awaitTurn() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      waitAndCount();
      last = clock.instant();
    } finally {
      lock.unlock();
    }
  }

  private void waitAndCount() throws InterruptedException {
    Instant now = clock.instant();
    Instant blocked = blockedUntil;
    while (blocked != null && now.isBefore(blocked)) {
      sleeper.sleep(Duration.between(now, blocked));
      now = clock.instant();
      blocked = blockedUntil;
    }
    if (last != null && now.isBefore(last.plus(interval))) {
      sleeper.sleep(Duration.between(now, last.plus(interval)));
      now = clock.instant();
    }
    while (ledger.count(host, now.minus(Duration.ofHours(1))) >= perHour) {
      Instant oldest = ledger.oldest(host, now.minus(Duration.ofHours(1)));
      Duration wait = oldest == null ? interval : Duration.between(now, oldest.plus(Duration.ofHours(1))).plusMillis(10);
      log.warn("{}: {} content-creating calls in the last hour, the cap; waiting {} s (stop and resume later if you prefer)",
          host, perHour, wait.toSeconds());
      sleeper.sleep(wait.isNegative() ? Duration.ZERO : wait);
      now = clock.instant();
    }
    ledger.record(host, now);
  }

  /** The ledger in the store's {@code code_host_call} table. */
  public static Ledger jdbcLedger(DataSource dataSource) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    return new Ledger() {
      @Override
      public int count(String host, Instant from) {
        return jdbc.sql("SELECT COUNT(*) FROM code_host_call WHERE host = :h AND called_at >= :f")
            .param("h", host)
            .param("f", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
            .query(Integer.class)
            .single();
      }

      @Override
      public @Nullable Instant oldest(String host, Instant from) {
        OffsetDateTime t = jdbc.sql("SELECT MIN(called_at) FROM code_host_call WHERE host = :h AND called_at >= :f")
            .param("h", host)
            .param("f", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
            .query(OffsetDateTime.class)
            .optional()
            .orElse(null);
        return t == null ? null : t.toInstant();
      }

      @Override
      public void record(String host, Instant at) {
        // Older rows no longer count; keep the table small.
        jdbc.sql("DELETE FROM code_host_call WHERE host = :h AND called_at < :old")
            .param("h", host)
            .param("old", OffsetDateTime.ofInstant(at.minus(Duration.ofHours(2)), ZoneOffset.UTC))
            .update();
        jdbc.sql("INSERT INTO code_host_call (host, called_at) VALUES (:h, :t)")
            .param("h", host)
            .param("t", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
            .update();
      }
    };
  }
}
