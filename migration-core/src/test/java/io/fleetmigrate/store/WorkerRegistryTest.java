package io.fleetmigrate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.testing.TestDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fencing of shards between workers: a live holder keeps its shard, a dead one loses it. */
class WorkerRegistryTest {
  private final DataSource ds = TestDatabase.migrated();
  private final WorkerRegistry workers = new WorkerRegistry(ds);
  /** The run whose shards the workers claim (a worker_shard row belongs to its run). */
  private final long run = runOf(ds);

  private static long runOf(DataSource ds) {
    RunStore runs = new RunStore(ds);
    runs.saveCampaign("c", "", null, "name: c\n");
    return runs.createRun("c", "name: c\n", "", false, 2, "all");
  }

  @Test
  void workersBeatEveryFiveSecondsAndOneSilentForTwentyIsDeadAsTheDocsSay() {
    assertThat(System.getProperty("fleet.worker.heartbeat")).isNull();
    assertThat(System.getProperty("fleet.worker.lease")).isNull();
    assertThat(WorkerRegistry.HEARTBEAT).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(WorkerRegistry.LEASE).isEqualTo(java.time.Duration.ofSeconds(20));
    assertThat(WorkerRegistry.duration("fleet.worker.no-such-setting", java.time.Duration.ofSeconds(7)))
        .isEqualTo(java.time.Duration.ofSeconds(7));
  }

  @Test
  void aMistypedOrTooShortTimingStopsWithTheSettingNamed() {
    String property = "fleet.worker.test-only-timing";
    try {
      System.setProperty(property, "20s");
      assertThatThrownBy(() -> WorkerRegistry.duration(property, java.time.Duration.ofSeconds(20)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(property + "=20s is not a positive ISO-8601 duration such as PT20S");
      System.setProperty(property, "PT0S");
      assertThatThrownBy(() -> WorkerRegistry.duration(property, java.time.Duration.ofSeconds(5)))
          .hasMessageContaining("is not a positive ISO-8601 duration");
      System.setProperty(property, "PT8S");
      assertThat(WorkerRegistry.duration(property, java.time.Duration.ofSeconds(5))).isEqualTo(java.time.Duration.ofSeconds(8));
    } finally {
      System.clearProperty(property);
    }
    assertThat(WorkerRegistry.lease(java.time.Duration.ofSeconds(8), java.time.Duration.ofSeconds(2))).isEqualTo(java.time.Duration.ofSeconds(8));
    assertThatThrownBy(() -> WorkerRegistry.lease(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fleet.worker.lease (PT1S) must be at least twice fleet.worker.heartbeat (PT5S)");
  }

  @Test
  void aShardHeldByALiveWorkerIsNotTakenByARedelivery() {
    workers.register("worker-a", 2);
    workers.register("worker-b", 2);
    assertThat(workers.claim(41, run, 0, "worker-a")).isEqualTo(1);

    assertThat(workers.claim(41, run, 0, "worker-b")).as("holder alive: fenced").isZero();
    assertThat(workers.claim(41).orElseThrow().workerId()).isEqualTo("worker-a");
  }

  @Test
  void aShardWhoseHolderDiedIsTakenOver() {
    workers.register("worker-a", 2);
    workers.register("worker-b", 2);
    workers.claim(42, run, 1, "worker-a");
    JdbcClient.create(ds).sql("UPDATE fleet_worker SET heartbeat_at = :old WHERE id = 'worker-a'")
        .param("old", OffsetDateTime.now(ZoneOffset.UTC).minus(WorkerRegistry.LEASE).minusSeconds(1)).update();

    assertThat(workers.claim(42, run, 1, "worker-b")).isEqualTo(2);
    assertThat(workers.claim(42).orElseThrow().workerId()).isEqualTo("worker-b");
  }

  @Test
  void aShardWhoseHolderStoppedOrReleasedItIsTakenOver() {
    workers.register("worker-a", 2);
    workers.register("worker-b", 2);
    workers.claim(43, run, 2, "worker-a");
    workers.claim(44, run, 3, "worker-a");
    workers.release(43, "worker-a");

    assertThat(workers.claim(43, run, 2, "worker-b")).isEqualTo(2);
    assertThat(workers.claim(44, run, 3, "worker-b")).isZero();
    workers.stopped("worker-a");
    assertThat(workers.claim(44, run, 3, "worker-b")).isEqualTo(2);
  }

  @Test
  void anotherLaneOfTheHoldingWorkerDoesNotTakeItEither() {
    workers.register("worker-a", 2);
    workers.claim(45, run, 0, "worker-a");

    assertThat(workers.claim(45, run, 0, "worker-a")).as("a redelivery to another consumer of the same worker").isZero();
  }

  @Test
  void aNewExecutionOfAShardWaitsWhileALiveWorkerRunsTheOldOne() {
    workers.register("worker-a", 2);
    workers.register("worker-b", 2);
    workers.claim(46, run, 5, "worker-a");

    assertThat(workers.claim(47, run, 5, "worker-b")).as("a restarted job's request for the same shard").isZero();
    assertThat(workers.claim(48, run, 6, "worker-b")).as("another shard").isEqualTo(1);
    workers.release(46, "worker-a");
    assertThat(workers.claim(47, run, 5, "worker-b")).isEqualTo(1);
  }
}
