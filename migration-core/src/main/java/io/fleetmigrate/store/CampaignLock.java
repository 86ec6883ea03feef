package io.fleetmigrate.store;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Keeps two runs of the same campaign from overlapping, across threads and processes that share
 * the database: a row per campaign, held under a lease the holder keeps alive with a heartbeat. A
 * holder that died (kill -9, reboot) stops beating; after the lease its row may be taken over. A
 * holder on this same machine whose process is gone is known dead at once, without waiting for
 * the lease (holders are named {@code pid@host/space/start/nonce}, see {@link #nameFor}), so a
 * resume after a crash can start now.
 *
 * <p>The lock is written outside any surrounding transaction (its own connection, auto-commit), so
 * other processes see it at once.
 */
@Component
public class CampaignLock {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CampaignLock.class);

  static final Duration LEASE = Duration.ofSeconds(90);
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final JdbcClient jdbc;
  private final String self = nameFor(ProcessHandle.current(), UUID.randomUUID().toString().substring(0, 8));
  /** Why this process lost a lock it held (its lease ran out and another process took it over), or null. */
  private volatile @Nullable String lost;

  public CampaignLock(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Who holds a campaign's lock, and since when. */
  public record Holder(String holder, OffsetDateTime acquiredAt, OffsetDateTime heartbeatAt) {}

  /** A held lock; closing it releases the campaign. */
  public final class Held implements AutoCloseable {
    private final String campaign;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean closed;

    private Held(String campaign) {
      this.campaign = campaign;
      this.heartbeat =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "fleet-lock-" + campaign);
                t.setDaemon(true);
                return t;
              });
      heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    /** One heartbeat now (tests; the schedule beats every {@link #HEARTBEAT}). */
    void beatNow() {
      beat();
    }

    private void beat() {
      try {
        int kept = jdbc.sql("UPDATE campaign_lock SET heartbeat_at = :now WHERE campaign = :c AND holder = :h")
            .param("now", now())
            .param("c", campaign)
            .param("h", self)
            .update();
        if (kept == 0 && !closed) {
          // Our beats did not reach the database for a whole lease (a frozen process, a lost
          // connection) and another process took the campaign over: it resumes the run, so this
          // one must stop before it delivers anything twice.
          String by = holder(campaign).map(h -> " by " + h.holder()).orElse("");
          lost = "this process lost the lock of campaign '" + campaign + "' (its lease of " + LEASE.toSeconds()
              + "s ran out and it was taken over" + by + "); it stops so that the run is not carried on twice";
          log.error(lost);
          heartbeat.shutdown();
        }
      } catch (RuntimeException e) {
        // A missed beat is retried at the next tick; the lease is several beats long.
      }
    }

    @Override
    public void close() {
      closed = true;
      heartbeat.shutdownNow();
      lost = null; // the next run in this process (fleet schedule) starts afresh
      jdbc.sql("DELETE FROM campaign_lock WHERE campaign = :c AND holder = :h").param("c", campaign).param("h", self).update();
    }
  }

  /**
   * Fails when this process lost a lock it held to another process (see {@code beat}); the
   * campaign job asks before every repository, so a run whose lease was taken over stops.
   */
  public void checkNotLost() {
    String why = lost;
    if (why != null) {
      throw new IllegalStateException(why);
    }
  }

  /** Takes {@code campaign}'s lock, or says who holds it. */
  public Optional<Held> tryAcquire(String campaign) {
    OffsetDateTime now = now();
    try {
      jdbc.sql("INSERT INTO campaign_lock (campaign, holder, acquired_at, heartbeat_at) VALUES (:c, :h, :now, :now)")
          .param("c", campaign)
          .param("h", self)
          .param("now", now)
          .update();
      return Optional.of(new Held(campaign));
    } catch (DuplicateKeyException e) {
      // Held: take it over only if its holder stopped beating.
      int taken =
          jdbc.sql(
                  "UPDATE campaign_lock SET holder = :h, acquired_at = :now, heartbeat_at = :now"
                      + " WHERE campaign = :c AND heartbeat_at < :stale")
              .param("h", self)
              .param("now", now)
              .param("c", campaign)
              .param("stale", now.minus(LEASE))
              .update();
      if (taken == 0) {
        // Or if its holder is a process of this machine that no longer exists. The holder is part
        // of the condition, so a live process that took the row meanwhile is not robbed.
        Optional<Holder> current = holder(campaign);
        if (current.isPresent() && deadHereAndNow(current.get().holder())) {
          taken =
              jdbc.sql("UPDATE campaign_lock SET holder = :h, acquired_at = :now, heartbeat_at = :now WHERE campaign = :c AND holder = :old")
                  .param("h", self)
                  .param("now", now)
                  .param("c", campaign)
                  .param("old", current.get().holder())
                  .update();
        }
      }
      return taken == 1 ? Optional.of(new Held(campaign)) : Optional.empty();
    }
  }

  /**
   * A holder's name: {@code pid@host/space/start/nonce}. The host name alone does not say that a
   * pid means the same process here: containers on other machines can share a host name, and
   * containers on this machine have PID namespaces of their own. {@code space} names this kernel
   * (its boot id) and PID namespace, so a pid is only looked up where it means the same thing;
   * {@code start} (the process's start, epoch millis) tells a pid that was reused. Either is
   * {@code -} when it cannot be read, and then only the lease decides.
   */
  static String nameFor(ProcessHandle process, String nonce) {
    String host = ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", "");
    String start = process.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("-");
    return process.pid() + "@" + host + "/" + PID_SPACE + "/" + start + "/" + nonce;
  }

  /** This kernel's boot id and this process's PID namespace, hashed short; {@code -} if unknown. */
  static final String PID_SPACE = pidSpace();

  private static String pidSpace() {
    try {
      String boot = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/random/boot_id")).strip();
      String ns = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid")).toString();
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest((boot + " " + ns).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 6);
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException | RuntimeException e) {
      return "-";
    }
  }

  /**
   * Whether {@code holder} names a process of this machine and PID namespace that has ended (or
   * whose pid now belongs to a process started later). A holder of another machine, container or
   * PID namespace, or one whose name does not parse, is never judged here: only its lease can
   * expire.
   */
  static boolean deadHereAndNow(String holder) {
    int at = holder.indexOf('@');
    if (at <= 0) {
      return false;
    }
    String[] parts = holder.substring(at + 1).split("/", -1);
    if (parts.length != 4 || "-".equals(PID_SPACE) || !parts[1].equals(PID_SPACE)) {
      return false;
    }
    String ownName = ManagementFactory.getRuntimeMXBean().getName();
    if (!parts[0].equals(ownName.substring(ownName.indexOf('@') + 1))) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(holder.substring(0, at));
    } catch (NumberFormatException e) {
      return false;
    }
    if (pid == ProcessHandle.current().pid()) {
      return false; // another lock object of this very process: alive
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return true;
    }
    if ("-".equals(parts[2])) {
      return false;
    }
    // The pid lives, but is it still the holder? A process started at another time is not.
    return process.get().info().startInstant().map(i -> !Long.toString(i.toEpochMilli()).equals(parts[2])).orElse(false);
  }

  /** Whether a live process holds {@code campaign}'s lock (a fresh heartbeat, and not known dead). */
  public boolean heldByALiveProcess(String campaign) {
    return holder(campaign)
        .filter(h -> h.heartbeatAt().isAfter(now().minus(LEASE)) && !deadHereAndNow(h.holder()))
        .isPresent();
  }

  public Optional<Holder> holder(String campaign) {
    return jdbc.sql("SELECT holder, acquired_at, heartbeat_at FROM campaign_lock WHERE campaign = :c")
        .param("c", campaign)
        .query(
            (rs, i) ->
                new Holder(
                    rs.getString("holder"),
                    rs.getObject("acquired_at", OffsetDateTime.class),
                    rs.getObject("heartbeat_at", OffsetDateTime.class)))
        .optional();
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
