package io.fleetmigrate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.inventory.RepoRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskFlagTest {
  static final CampaignSpec.PullRequest OPTIONS = new CampaignSpec.PullRequest(
      "fleet/junit5", "JUnit 5", "body", false, List.of("fleet-migrate"), List.of("alice"), List.of(), List.of());

  @Test
  void aBaselineWithFewerTestsThanTheFloorIsFlaggedAndOneAtTheFloorIsNot() {
    CampaignSpec.Rollout rollout = new CampaignSpec.Rollout(2);

    assertThat(RiskFlag.reason(rollout, 3)).isEqualTo("low test coverage: the baseline ran 3 tests (rollout.minTests: 10), so the pull"
        + " request is a draft labelled fleet:low-test-coverage with the owner asked to review");
    assertThat(RiskFlag.reason(rollout, 10)).isNull();
    assertThat(RiskFlag.reason(new CampaignSpec.Rollout(2, List.of(), List.of(), CampaignSpec.Gate.DEFAULT, false, false, 0, null), 0))
        .as("minTests 0: off").isNull();
  }

  @Test
  void aFlaggedPullRequestIsADraftWithTheLabelAndTheOwnerAsReviewerWhateverTheSpecSays() {
    RepoRef fromFile = new RepoRef("billing", "file:///billing", "main", "carol", List.of(), "inventory.csv");

    CampaignSpec.PullRequest flagged = RiskFlag.flagged(OPTIONS, fromFile);

    assertThat(flagged.draft()).isTrue();
    assertThat(flagged.labels()).containsExactly("fleet-migrate", "fleet:low-test-coverage");
    assertThat(flagged.reviewers()).containsExactly("alice", "carol");
    assertThat(flagged.teamReviewers()).isEmpty();
    assertThat(flagged.title()).isEqualTo("JUnit 5");
    assertThat(RiskFlag.flagged(flagged, fromFile).labels()).as("never twice").containsExactly("fleet-migrate", "fleet:low-test-coverage");
  }

  @Test
  void withoutAnOwnerOnlyTheLabelAndTheDraftAreAdded() {
    RepoRef noOwner = new RepoRef("billing", "file:///billing", "main", null, List.of(), "inventory.csv");

    CampaignSpec.PullRequest flagged = RiskFlag.flagged(OPTIONS, noOwner);

    assertThat(flagged.reviewers()).containsExactly("alice");
    assertThat(flagged.draft()).isTrue();
  }
}
