package io.fleetmigrate.store;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worker processes of remote runs (table {@code fleet_worker}) and the shard each one holds
 * (table {@code worker_shard}). Workers beat every {@link #HEARTBEAT}; one silent for longer than
 * {@link #LEASE} is dead (killed, machine lost) and the manager says so.
 */
@Repository
public class WorkerRegistry {
  /**
   * How often a worker beats, 5 s, and how long one may be silent before it is dead, 20 s
   * (docs/scaling.md). The JVM system properties {@code fleet.worker.heartbeat} and {@code
   * fleet.worker.lease} (ISO-8601 durations) shorten them only for the integration test that kills
   * a worker and would otherwise wait the whole lease out; {@code WorkerRegistryTest} holds the defaults.
   */
  public static final Duration HEARTBEAT = duration("fleet.worker.heartbeat", Duration.ofSeconds(5));
  public static final Duration LEASE = lease(duration("fleet.worker.lease", Duration.ofSeconds(20)), HEARTBEAT);

  /** The positive ISO-8601 duration in {@code property}, else {@code otherwise}; anything else stops with the property named. */
  static Duration duration(String property, Duration otherwise) {
    String value = System.getProperty(property);
    if (value == null) {
      return otherwise;
    }
    try {
      Duration d = Duration.parse(value.strip());
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("not positive");
      }
      return d;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(property + "=" + value + " is not a positive ISO-8601 duration such as " + otherwise, e);
    }
  }

  /** {@code lease}, when it is at least two heartbeats: a shorter one would take shards from live workers between beats. */
  static Duration lease(Duration lease, Duration heartbeat) {
    if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("fleet.worker.lease (" + lease + ") must be at least twice fleet.worker.heartbeat ("
          + heartbeat + "): a shorter lease takes shards from live workers between their beats");
    }
    return lease;
  }

  private final JdbcClient jdbc;

  public WorkerRegistry(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** A shard that a worker holds (or held) and the worker's state. */
  public record Claim(long stepExecutionId, int shard, String workerId, int claims, boolean released, boolean workerAlive) {}

  /** A new, unique worker id for this process: pid@host and a random suffix. */
  public static String newWorkerId() {
    return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  public void register(String workerId, int lanes) {
    OffsetDateTime now = now();
    String host = workerId.contains("@") ? workerId.substring(workerId.indexOf('@') + 1, workerId.indexOf('/')) : "?";
    jdbc.sql("INSERT INTO fleet_worker (id, host, lanes, started_at, heartbeat_at) VALUES (:id, :host, :lanes, :now, :now)")
        .param("id", workerId).param("host", host).param("lanes", lanes).param("now", now).update();
  }

  public void beat(String workerId) {
    jdbc.sql("UPDATE fleet_worker SET heartbeat_at = :now WHERE id = :id").param("now", now()).param("id", workerId).update();
  }

  public void stopped(String workerId) {
    jdbc.sql("UPDATE fleet_worker SET stopped_at = :now WHERE id = :id").param("now", now()).param("id", workerId).update();
  }

  /** Workers that beat within the lease and have not stopped. */
  public int alive() {
    return jdbc.sql("SELECT COUNT(*) FROM fleet_worker WHERE stopped_at IS NULL AND heartbeat_at >= :since")
        .param("since", now().minus(LEASE))
        .query(Integer.class)
        .single();
  }

  /**
   * {@code workerId} takes {@code stepExecutionId}: on its first delivery, or on a redelivery whose
   * holder released it, stopped or let its heartbeat go stale (died). A shard whose holder is alive
   * is not taken — the broker redelivered a request its holder is still working on (it lost the
   * broker, not the database) — and this returns 0; the caller waits and asks again.
   *
   * @return how often the shard has been taken, this time included; 0 when a live worker holds it
   */
  public int claim(long stepExecutionId, long runId, int shard, String workerId) {
    OffsetDateTime now = now();
    OffsetDateTime since = now.minus(LEASE);
    // No live holder of this step execution (not even another lane of this same worker), and none
    // of another execution of the same shard (a restarted job's new request while a worker still
    // runs the old one).
    String liveHolderOfTheShard = "EXISTS (SELECT 1 FROM worker_shard o JOIN fleet_worker f ON f.id = o.worker_id"
        + " WHERE o.run_id = :run AND o.shard = :shard AND o.step_execution_id <> :id AND o.released_at IS NULL"
        + " AND f.stopped_at IS NULL AND f.heartbeat_at >= :since)";
    int updated = jdbc.sql(
            "UPDATE worker_shard SET worker_id = :w, claims = claims + 1, claimed_at = :now, released_at = NULL"
                + " WHERE step_execution_id = :id AND (released_at IS NOT NULL OR NOT EXISTS ("
                + "SELECT 1 FROM fleet_worker f WHERE f.id = worker_shard.worker_id AND f.stopped_at IS NULL"
                + " AND f.heartbeat_at >= :since)) AND NOT " + liveHolderOfTheShard)
        .param("w", workerId).param("now", now).param("since", since).param("id", stepExecutionId)
        .param("run", runId).param("shard", shard).update();
    if (updated == 0) {
      boolean exists = jdbc.sql("SELECT COUNT(*) FROM worker_shard WHERE step_execution_id = :id").param("id", stepExecutionId)
          .query(Integer.class).single() > 0;
      boolean shardHeld = jdbc.sql("SELECT COUNT(*) FROM worker_shard o JOIN fleet_worker f ON f.id = o.worker_id"
              + " WHERE o.run_id = :run AND o.shard = :shard AND o.step_execution_id <> :id AND o.released_at IS NULL"
              + " AND f.stopped_at IS NULL AND f.heartbeat_at >= :since")
          .param("run", runId).param("shard", shard).param("id", stepExecutionId).param("since", since)
          .query(Integer.class).single() > 0;
      if (exists || shardHeld) {
        return 0;
      }
      try {
        jdbc.sql("INSERT INTO worker_shard (step_execution_id, run_id, shard, worker_id, claims, claimed_at)"
                + " VALUES (:id, :run, :shard, :w, 1, :now)")
            .param("id", stepExecutionId).param("run", runId).param("shard", shard).param("w", workerId).param("now", now)
            .update();
      } catch (org.springframework.dao.DuplicateKeyException e) {
        return 0; // another worker took it this very moment
      }
      return 1;
    }
    return jdbc.sql("SELECT claims FROM worker_shard WHERE step_execution_id = :id").param("id", stepExecutionId)
        .query(Integer.class).single();
  }

  /** Whether {@code workerId} still holds {@code stepExecutionId} (no other worker took it over). */
  public boolean holds(long stepExecutionId, String workerId) {
    return jdbc.sql("SELECT COUNT(*) FROM worker_shard WHERE step_execution_id = :id AND worker_id = :w AND released_at IS NULL")
        .param("id", stepExecutionId).param("w", workerId).query(Integer.class).single() > 0;
  }

  public void release(long stepExecutionId, String workerId) {
    jdbc.sql("UPDATE worker_shard SET released_at = :now WHERE step_execution_id = :id AND worker_id = :w")
        .param("now", now()).param("id", stepExecutionId).param("w", workerId).update();
  }

  /**
   * Shards of {@code runId} that live workers still hold: after a manager died, they run on, so a
   * resume must wait for them before it restarts the job (else two workers would run one shard).
   */
  public List<Claim> liveClaims(long runId) {
    return claims(runId).stream().filter(c -> !c.released() && c.workerAlive()).toList();
  }

  /** The claims of a run's shards, with whether each holder is still alive. */
  public List<Claim> claims(long runId) {
    OffsetDateTime since = now().minus(LEASE);
    return jdbc.sql(
            "SELECT s.step_execution_id, s.shard, s.worker_id, s.claims, s.released_at, w.heartbeat_at, w.stopped_at"
                + " FROM worker_shard s LEFT JOIN fleet_worker w ON w.id = s.worker_id WHERE s.run_id = :run"
                + " ORDER BY s.shard")
        .param("run", runId)
        .query((rs, i) -> {
          OffsetDateTime beat = rs.getObject("heartbeat_at", OffsetDateTime.class);
          boolean alive = beat != null && !beat.isBefore(since) && rs.getObject("stopped_at") == null;
          return new Claim(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getObject("released_at") != null, alive);
        })
        .list();
  }

  public Optional<Claim> claim(long stepExecutionId) {
    return jdbc.sql("SELECT run_id FROM worker_shard WHERE step_execution_id = :id").param("id", stepExecutionId)
        .query(Long.class).optional()
        .flatMap(run -> claims(run).stream().filter(c -> c.stepExecutionId() == stepExecutionId).findFirst());
  }

  /**
   * The database's clock, not this machine's: processes on several machines compare one lease
   * against one clock, so a skewed machine clock neither steals a live lease nor keeps a dead one.
   */
  private OffsetDateTime now() {
    return jdbc.sql("SELECT CURRENT_TIMESTAMP").query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).single()
        .withOffsetSameInstant(ZoneOffset.UTC);
  }
}
