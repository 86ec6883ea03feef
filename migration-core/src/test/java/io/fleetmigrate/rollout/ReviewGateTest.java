package io.fleetmigrate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.rollout.ReviewGate.Action;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.PullRequestStore.PullRequestSnapshot;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewGateTest {
  static CampaignSpec.Rollout gates(boolean draft, boolean autoMerge) {
    return new CampaignSpec.Rollout(1, List.of(), List.of(), CampaignSpec.Gate.DEFAULT, draft, autoMerge, 10, 50, null);
  }

  static PullRequestSnapshot pr(String state, boolean draft, String review, String checks) {
    return new PullRequestSnapshot(PullRequestStatus.valueOf(state), draft, review, checks, OffsetDateTime.parse("2026-12-01T10:00:00Z"));
  }

  @Test
  void aGreenDraftIsMarkedReadyOnlyWithRolloutDraft() {
    assertThat(ReviewGate.next(gates(true, true), pr("OPEN", true, "NONE", "success"))).isEqualTo(Action.READY_FOR_REVIEW);
    assertThat(ReviewGate.next(gates(true, true), pr("OPEN", true, "NONE", "pending"))).isEqualTo(Action.NONE);
    assertThat(ReviewGate.next(gates(false, true), pr("OPEN", true, "APPROVED", "success"))).as("a draft is never merged").isEqualTo(Action.NONE);
  }

  @Test
  void autoMergeMergesWhatIsGreenAndApprovedAndLeavesTheRestToTheHostsAutoMergeUnlessItIsRed() {
    CampaignSpec.Rollout on = gates(false, true);
    assertThat(ReviewGate.next(on, pr("OPEN", false, "APPROVED", "success"))).isEqualTo(Action.MERGE);
    assertThat(ReviewGate.next(on, pr("OPEN", false, "REVIEW_REQUIRED", "success"))).isEqualTo(Action.ENABLE_AUTO_MERGE);
    assertThat(ReviewGate.next(on, pr("OPEN", false, "APPROVED", "pending"))).isEqualTo(Action.ENABLE_AUTO_MERGE);
    assertThat(ReviewGate.next(on, pr("OPEN", false, "NONE", "none"))).as("no review required by the host: auto-merge would merge it unreviewed")
        .isEqualTo(Action.NONE);
    assertThat(ReviewGate.next(on, pr("OPEN", false, "APPROVED", "success"), true)).as("flagged: a person merges it").isEqualTo(Action.NONE);
    assertThat(ReviewGate.next(on, pr("OPEN", false, "REVIEW_REQUIRED", "pending"), true)).isEqualTo(Action.NONE);
    assertThat(ReviewGate.next(on, pr("OPEN", false, "APPROVED", "failure"))).as("red: a person first").isEqualTo(Action.NONE);
    assertThat(ReviewGate.next(on, pr("MERGED", false, "APPROVED", "success"))).isEqualTo(Action.NONE);
    assertThat(ReviewGate.next(gates(false, false), pr("OPEN", false, "APPROVED", "success"))).as("off by default").isEqualTo(Action.NONE);
  }
}
