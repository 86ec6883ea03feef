package io.fleetmigrate.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignService.RunOptions;
import io.fleetmigrate.store.RunStatus;
import io.fleetmigrate.store.RunStore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When {@code campaign run} carries on an unfinished run, and why it does not. */
class RunChoiceTest {
  private static final String SPEC = "name: junit5\nrecipes: [a.B]\n";
  private static final RunStore.Run DEAD = new RunStore.Run(
      4, "junit5", SPEC, "", false, 2, "all", 9L, RunStatus.RUNNING, OffsetDateTime.now(ZoneOffset.UTC), null);

  @Test
  void theSameSpecRecipesAndModeWithoutNarrowingIsTheSameRun() {
    assertThat(CampaignService.notTheSameRun(DEAD, SPEC, "", RunOptions.defaults())).isNull();
    assertThat(CampaignService.notTheSameRun(DEAD, SPEC, "", new RunOptions(false, false, List.of(), null, 8)))
        .as("concurrency is not part of a run's identity").isNull();
  }

  @Test
  void eachDifferenceIsNamed() {
    assertThat(CampaignService.notTheSameRun(DEAD, SPEC + "# changed\n", "", RunOptions.defaults())).contains("spec changed");
    assertThat(CampaignService.notTheSameRun(DEAD, SPEC, "type: specs.openrewrite.org/v1beta/recipe\n", RunOptions.defaults()))
        .contains("recipe files");
    assertThat(CampaignService.notTheSameRun(DEAD, SPEC, "", new RunOptions(true, false, List.of(), null, null))).contains("dry run");
    assertThat(CampaignService.notTheSameRun(DEAD, SPEC, "", new RunOptions(false, true, List.of(), null, null))).contains("--only");
    assertThat(CampaignService.notTheSameRun(DEAD, SPEC, "", new RunOptions(false, false, List.of("billing"), null, null))).contains("--repo");
    assertThat(CampaignService.notTheSameRun(DEAD, SPEC, "", new RunOptions(false, false, List.of(), 3, null))).contains("--limit");
  }

  @Test
  void newAsksForANewRunOfTheSameSpec() {
    // Without it a run whose job keeps failing as a whole would be restarted by every 'campaign run' of its spec.
    assertThat(CampaignService.notTheSameRun(DEAD, SPEC, "", new RunOptions(false, false, List.of(), null, null, null, null, true)))
        .contains("--new");
  }
}
