package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.FleetCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code campaign pause-rollout | resume-rollout | advance}: what each says and does, and the errors they give. */
class RolloutCommandsTest {
  @TempDir Path tmp;

  private FleetCli.Result fleet(String... args) {
    return FleetCli.in(tmp.resolve("data"), args);
  }

  @Test
  void pauseResumeAndAdvanceChangeTheStoredRollout() throws Exception {
    assertThat(fleet("inventory", "list").exit()).isZero(); // creates and migrates the data directory's database
    org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
    ds.setURL(new io.fleetmigrate.config.FleetHome(tmp.resolve("data")).jdbcUrl());
    ds.setUser("sa");
    var store = new io.fleetmigrate.store.RunStore(ds);
    store.saveCampaign("owners", "", null, "name: owners\nrecipes: [a.B]\nrollout: {waves: [1, 100%]}\n");
    store.saveCampaign("plain", "", null, "name: plain\nrecipes: [a.B]\n");

    assertThat(fleet("campaign", "pause-rollout", "owners").out())
        .startsWith("Rollout of owners: paused (wave 1 of the spec's rollout.waves); paused: paused with 'fleet campaign pause-rollout' at ");
    FleetCli.Result twice = fleet("campaign", "pause-rollout", "owners");
    assertThat(twice.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(twice.err()).contains("the rollout of 'owners' is already paused");
    assertThat(fleet("campaign", "resume-rollout", "owners").out()).isEqualTo("Rollout of owners: resumed (wave 1 of the spec's rollout.waves)\n");
    assertThat(fleet("campaign", "advance", "owners").out()).isEqualTo("Rollout of owners: the next wave is open (wave 2 of the spec's rollout.waves)\n");

    FleetCli.Result plain = fleet("campaign", "advance", "plain");
    assertThat(plain.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(plain.err()).contains("campaign 'plain' has no 'rollout.waves'");
    assertThat(fleet("campaign", "resume-rollout", "nope").err()).contains("no campaign named 'nope'");
  }
}
