package io.fleetmigrate.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildSlotsTest {
  @TempDir Path dir;
  private final BuildRunner runner = new BuildRunner(new MavenToolchain(null));
  private final ExecutorService lanes = Executors.newFixedThreadPool(6);

  @AfterEach
  void stop() {
    lanes.shutdownNow();
  }

  @Test
  void neverMoreBuildsAtOnceThanSlotsWhileMoreRepositoriesAreInFlight() throws Exception {
    BuildSlots.Gate gate = new BuildSlots.Gate(2);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Future<Integer>> builds = new ArrayList<>();
    for (int i = 0; i < 6; i++) { // six repositories in flight, each with two builds (baseline, verify)
      builds.add(lanes.submit(() -> {
        int done = 0;
        for (int b = 0; b < 2; b++) {
          done += gate.run(() -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
              Thread.sleep(40);
            } catch (InterruptedException e) {
              throw new BuildException("interrupted", e);
            } finally {
              now.decrementAndGet();
            }
            return 1;
          });
        }
        return done;
      }));
    }
    int total = 0;
    for (Future<Integer> f : builds) {
      total += f.get(30, TimeUnit.SECONDS);
    }

    assertThat(total).isEqualTo(12);
    assertThat(most.get()).isEqualTo(2); // never 3, and the two slots were really used side by side
    assertThat(gate.mostAtOnce()).isEqualTo(2);
    assertThat(gate.builds()).isEqualTo(12);
    assertThat(gate.describe()).startsWith("2 build slots, 12 builds, at most 2 at once, ");
    assertThat(gate.running()).isZero();
    assertThat(gate.waited()).isPositive();
  }

  @Test
  void slotIsFreedWhenTheBuildCannotStartOrBreaks() throws Exception {
    BuildSlots.Gate gate = new BuildSlots.Gate(1);

    assertThatThrownBy(() -> gate.run(() -> {
      throw new BuildException("cannot start 'mvn'");
    })).isInstanceOf(BuildException.class);
    assertThat(gate.running()).isZero();
    assertThatThrownBy(() -> gate.run(() -> {
      throw new IllegalStateException("a bug");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(gate.running()).isZero();

    // The one slot is free again: another lane's build gets it at once.
    Future<Integer> next = lanes.submit(() -> gate.run(() -> 7));
    assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(7);
  }

  @Test
  void slotIsFreedWhenTheBuildTimesOut() throws Exception {
    BuildSlots.Gate gate = new BuildSlots.Gate(1);

    BuildResult stuck = gate.run(() -> runner.run(dir, "sleep 30", Duration.ofMillis(300), dir.resolve("stuck.log")));

    assertThat(stuck.timedOut()).isTrue();
    assertThat(gate.running()).isZero();
    BuildResult next = lanes.submit(() -> gate.run(() -> runner.run(dir, "true", Duration.ofSeconds(30), dir.resolve("next.log"))))
        .get(10, TimeUnit.SECONDS);
    assertThat(next.green()).isTrue();
  }

  /** A build on a lane that takes the gate's slot, says so, and keeps it until {@code release}. */
  private Future<?> holdTheSlot(BuildSlots.Gate gate, CountDownLatch holding, CountDownLatch release) {
    return lanes.submit(() -> gate.run(() -> {
      holding.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new BuildException("interrupted", e);
      }
      return null;
    }));
  }

  @Test
  void aBuildsDurationIsItsOwnNotItsWaitForASlot() throws Exception {
    BuildSlots.Gate gate = new BuildSlots.Gate(1);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> first = holdTheSlot(gate, holding, release);
    holding.await(5, TimeUnit.SECONDS);
    long start = System.nanoTime();
    Future<BuildResult> second = lanes.submit(() -> gate.run(() -> runner.run(dir, "true", Duration.ofSeconds(30), dir.resolve("b.log"))));
    Thread.sleep(1500); // the second build waits all this time for the slot
    assertThat(second.isDone()).isFalse();
    assertThat(gate.waiting()).isEqualTo(1);
    release.countDown();
    BuildResult result = second.get(10, TimeUnit.SECONDS);
    first.get(5, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    assertThat(result.duration()).isLessThan(Duration.ofMillis(1500));
    assertThat(gate.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
  }

  @Test
  void interruptedWhileWaitingIsABuildThatCouldNotRunAndTakesNoSlot() throws Exception {
    BuildSlots.Gate gate = new BuildSlots.Gate(1);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    holdTheSlot(gate, holding, release);
    holding.await(5, TimeUnit.SECONDS);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger ran = new AtomicInteger();
    Thread waiter = new Thread(() -> {
      try {
        gate.run(() -> ran.incrementAndGet());
      } catch (BuildException e) {
        failure.set(e);
      }
    });
    waiter.start();
    while (gate.waiting() == 0) {
      Thread.sleep(10);
    }
    waiter.interrupt();
    waiter.join(5000);

    assertThat(failure.get()).isInstanceOf(BuildException.class).hasMessageContaining("interrupted while waiting for a build slot");
    assertThat(ran.get()).isZero();
    release.countDown();
    assertThat(lanes.submit(() -> gate.run(() -> 1)).get(5, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(gate.running()).isZero();
  }

  @Test
  void inFlightIsTheSlotsPlusPrefetchWithinBounds() {
    assertThat(BuildSlots.inFlight(2, BuildSlots.DEFAULT_PREFETCH)).isEqualTo(4);
    assertThat(BuildSlots.inFlight(3, 0)).isEqualTo(3);
    assertThatThrownBy(() -> BuildSlots.inFlight(2, -1)).hasMessageContaining("fleet.prefetch (FLEET_PREFETCH) must be between 0 and 8");
    assertThatThrownBy(() -> BuildSlots.inFlight(2, BuildSlots.MAX_PREFETCH + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BuildSlots.inFlight(0, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prefetchFromTheEnvironmentIsCheckedBeforeARun() {
    assertThat(BuildSlots.prefetch(null)).isEqualTo(BuildSlots.DEFAULT_PREFETCH);
    assertThat(BuildSlots.prefetch(" 0 ")).isZero();
    assertThat(BuildSlots.prefetch("8")).isEqualTo(8);
    assertThatThrownBy(() -> BuildSlots.prefetch("9")).hasMessage("fleet.prefetch (FLEET_PREFETCH) must be between 0 and 8, not 9");
    assertThatThrownBy(() -> BuildSlots.prefetch("two")).hasMessage("FLEET_PREFETCH must be a number between 0 and 8, not 'two'");
  }

  @Test
  void oneGatePerKeyUntilForgotten() {
    BuildSlots slots = new BuildSlots();
    BuildSlots.Gate run1 = slots.gate(1L, 2);

    assertThat(slots.gate(1L, 2)).isSameAs(run1); // every lane of a run shares one gate
    assertThat(slots.gate(2L, 3)).isNotSameAs(run1).extracting(BuildSlots.Gate::slots).isEqualTo(3);
    slots.forget(1L);
    assertThat(slots.gate(1L, 2)).isNotSameAs(run1);
  }
}
