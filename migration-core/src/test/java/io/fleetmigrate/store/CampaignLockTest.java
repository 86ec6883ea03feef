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
        .param("h", gone.pid() + "@" + host + "/deadbeef")
        .param("now", now)
        .update();

    assertThat(new CampaignLock(ds).tryAcquire("junit5")).isPresent();
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
        .param("h", ProcessHandle.current().parent().orElseThrow().pid() + "@" + host + "/x")
        .param("now", now)
        .update();

    assertThat(new CampaignLock(ds).tryAcquire("a")).isEmpty();
    assertThat(new CampaignLock(ds).tryAcquire("b")).isEmpty();
  }
}
