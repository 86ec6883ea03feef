package io.fleetmigrate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.PullRequestStore;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class NudgeTest {
  static final OffsetDateTime OPENED = OffsetDateTime.parse("2026-12-01T10:00:00Z");
  static final Duration FIVE_DAYS = Duration.ofDays(5);

  private static PullRequestStore.PullRequestSnapshot at(Duration since, String review, boolean draft) {
    return new PullRequestStore.PullRequestSnapshot(PullRequestStatus.OPEN, draft, review, "success", OPENED.plus(since));
  }

  @Test
  void dueOnceThePeriodHasPassedWithoutAReviewAndThenOncePerPeriod() {
    assertThat(Nudge.due(FIVE_DAYS, at(Duration.ofDays(4), "REVIEW_REQUIRED", false), OPENED, null)).isFalse();
    assertThat(Nudge.due(FIVE_DAYS, at(Duration.ofDays(5), "REVIEW_REQUIRED", false), OPENED, null)).isTrue();
    OffsetDateTime nudged = OPENED.plusDays(5);
    assertThat(Nudge.due(FIVE_DAYS, at(Duration.ofDays(9), "NONE", false), OPENED, nudged)).as("not twice in a period").isFalse();
    assertThat(Nudge.due(FIVE_DAYS, at(Duration.ofDays(10), "NONE", false), OPENED, nudged)).isTrue();
  }

  @Test
  void neverForAReviewedADraftOrAClosedPullRequestOrWithoutTheSetting() {
    assertThat(Nudge.due(FIVE_DAYS, at(Duration.ofDays(6), "APPROVED", false), OPENED, null)).isFalse();
    assertThat(Nudge.due(FIVE_DAYS, at(Duration.ofDays(6), "CHANGES_REQUESTED", false), OPENED, null)).isFalse();
    assertThat(Nudge.due(FIVE_DAYS, at(Duration.ofDays(6), "NONE", true), OPENED, null)).isFalse();
    assertThat(Nudge.due(FIVE_DAYS, new PullRequestStore.PullRequestSnapshot(PullRequestStatus.MERGED, false, "NONE", "success", OPENED.plusDays(6)), OPENED,
        null)).isFalse();
    assertThat(Nudge.due(null, at(Duration.ofDays(60), "NONE", false), OPENED, null)).isFalse();
  }

  @Test
  void mentionsTheOwnerATeamFromAGitHubImportWithItsOrganisation() {
    assertThat(Nudge.mention(new RepoRef("billing", "file:///b", "main", "carol", List.of(), "inventory.csv"))).isEqualTo("@carol");
    assertThat(Nudge.mention(new RepoRef("acme/billing", "https://github.com/acme/billing.git", "main", "platform", List.of(),
        "github:org/acme?api=https%3A%2F%2Fapi.github.com&teams=true"))).isEqualTo("@acme/platform");
    assertThat(Nudge.mention(new RepoRef("billing", "file:///b", "main", null, List.of(), "inventory.csv"))).isNull();
    assertThat(Nudge.text("@carol", "junit5", Duration.ofDays(5), "success"))
        .startsWith("@carol: this pull request from the Fleet Migrate campaign `junit5` has waited 5d for a review and its checks are green.");
  }
}
