package io.fleetmigrate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.TestDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class CampaignLockTest {
  private final DataSource ds = TestDatabase.migrated();

  @Test
  void secondHolderIsRefusedUntilTheFirstReleases() {
    CampaignLock one = new CampaignLock(ds);
    CampaignLock two = new CampaignLock(ds);

    var held = one.tryAcquire("junit5");

    assertThat(held).isPresent();
    assertThat(two.tryAcquire("junit5")).isEmpty();
    assertThat(two.tryAcquire("other-campaign")).isPresent();
    assertThat(two.holder("junit5")).isPresent();

    held.get().close();

    assertThat(one.holder("junit5")).isEmpty();
    assertThat(two.tryAcquire("junit5")).isPresent();
  }

  @Test
  void aLockWhoseHolderStoppedBeatingIsTakenOver() {
    CampaignLock dead = new CampaignLock(ds);
    CampaignLock alive = new CampaignLock(ds);
    dead.tryAcquire("junit5");
    JdbcClient.create(ds)
        .sql("UPDATE campaign_lock SET heartbeat_at = :old")
        .param("old", OffsetDateTime.now(ZoneOffset.UTC).minus(CampaignLock.LEASE).minusSeconds(1))
        .update();

    assertThat(alive.tryAcquire("junit5")).isPresent();
  }

  @Test
  void aHolderWhoseLockWasTakenOverNoticesAtItsNextBeatAndStops() {
    CampaignLock frozen = new CampaignLock(ds);
    CampaignLock resumer = new CampaignLock(ds);
    var held = frozen.tryAcquire("junit5").orElseThrow();
    held.beatNow();
    frozen.checkNotLost();
    JdbcClient.create(ds)
        .sql("UPDATE campaign_lock SET heartbeat_at = :old")
        .param("old", OffsetDateTime.now(ZoneOffset.UTC).minus(CampaignLock.LEASE).minusSeconds(1))
        .update();
    assertThat(resumer.tryAcquire("junit5")).isPresent();

    held.beatNow();

    org.assertj.core.api.Assertions.assertThatThrownBy(frozen::checkNotLost)
        .hasMessageContaining("lost the lock of campaign 'junit5'")
        .hasMessageContaining("taken over by " + resumer.holder("junit5").orElseThrow().holder());
    resumer.checkNotLost();
  }

  @Test
  void aFreshLockIsNotTakenOver() {
    new CampaignLock(ds).tryAcquire("junit5");

    assertThat(new CampaignLock(ds).tryAcquire("junit5")).isEmpty();
  }

  @Test
  void aLockHeldByAProcessOfThisMachineThatIsGoneIsTakenOverAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String host = java.lang.management.ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", "");
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    JdbcClient.create(ds)
        .sql("INSERT INTO campaign_lock (campaign, holder, acquired_at, heartbeat_at) VALUES ('junit5', :h, :now, :now)")
        .param("h", CampaignLock.nameFor(gone.toHandle(), "deadbeef"))
        .param("now", now)
        .update();

    assertThat(new CampaignLock(ds).tryAcquire("junit5")).isPresent();
  }

  private void held(String campaign, String holder) {
    JdbcClient.create(ds)
        .sql("INSERT INTO campaign_lock (campaign, holder, acquired_at, heartbeat_at) VALUES (:c, :h, :now, :now)")
        .param("c", campaign)
        .param("h", holder)
        .param("now", OffsetDateTime.now(ZoneOffset.UTC))
        .update();
  }

  @Test
  void aPidOfAnotherPidNamespaceWithTheSameHostNameIsNotJudgedFromHere() throws Exception {
    // Another container (same host name, its own PID namespace, or another machine) holds the lock
    // under a pid that means nothing here: it must not be taken for dead while it beats.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String host = java.lang.management.ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", "");
    held("other-namespace", gone.pid() + "@" + host + "/0123456789ab/1700000000000/cafe");
    held("unnamed-namespace", gone.pid() + "@" + host + "/cafebabe"); // no namespace said: only the lease decides

    assertThat(new CampaignLock(ds).tryAcquire("other-namespace")).isEmpty();
    assertThat(new CampaignLock(ds).tryAcquire("unnamed-namespace")).isEmpty();
  }

  @Test
  void aPidReusedByALaterProcessIsNotTheHolder() {
    ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
    String live = CampaignLock.nameFor(parent, "beef");
    long started = parent.info().startInstant().orElseThrow().toEpochMilli();
    held("reused", live.replace("/" + started + "/", "/" + (started - 60_000) + "/"));
    held("same", live);

    assertThat(new CampaignLock(ds).tryAcquire("reused")).as("the pid now belongs to a process started later").isPresent();
    assertThat(new CampaignLock(ds).tryAcquire("same")).as("the holder itself, alive").isEmpty();
  }

  @Test
  void aFreshLockOfAnotherMachineOrOfALiveProcessWaitsForItsLease() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    JdbcClient.create(ds)
        .sql("INSERT INTO campaign_lock (campaign, holder, acquired_at, heartbeat_at) VALUES ('a', '1@elsewhere.example/x', :now, :now)")
        .param("now", now)
        .update();
    String host = java.lang.management.ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", "");
    JdbcClient.create(ds)
        .sql("INSERT INTO campaign_lock (campaign, holder, acquired_at, heartbeat_at) VALUES ('b', :h, :now, :now)")
        .param("h", CampaignLock.nameFor(ProcessHandle.current().parent().orElseThrow(), "x"))
        .param("now", now)
        .update();

    assertThat(new CampaignLock(ds).tryAcquire("a")).isEmpty();
    assertThat(new CampaignLock(ds).tryAcquire("b")).isEmpty();
  }
}
