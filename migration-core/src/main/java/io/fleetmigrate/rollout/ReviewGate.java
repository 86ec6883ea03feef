package io.fleetmigrate.rollout;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.PullRequestStore;

/**
 * What a refresh does next for one pull request under the campaign's review gates: a draft with
 * green checks is marked ready for review ({@code rollout.draft}); with {@code rollout.autoMerge},
 * an open pull request with green checks that is approved is merged, and one that is not there yet
 * gets the host's own auto-merge turned on where the repository allows it (the host then merges it
 * once its rules are met). Nothing else is ever done for a person.
 */
public final class ReviewGate {
  private ReviewGate() {}

  public enum Action {
    NONE,
    READY_FOR_REVIEW,
    /** Merge through the host's API now. */
    MERGE,
    /** Ask the host to merge it by itself once its rules are met (GitHub's auto-merge), if the repository allows that. */
    ENABLE_AUTO_MERGE
  }

  /** {@link #next(CampaignSpec.Rollout, PullRequestStore.PullRequestSnapshot, boolean)} for a pull request that is not flagged. */
  public static Action next(CampaignSpec.Rollout rollout, PullRequestStore.PullRequestSnapshot now) {
    return next(rollout, now, false);
  }

  /** @param flagged whether the pull request is flagged for low test coverage: never merged by Fleet or the host's auto-merge */
  public static Action next(CampaignSpec.Rollout rollout, PullRequestStore.PullRequestSnapshot now, boolean flagged) {
    if (now.state() != PullRequestStatus.OPEN) {
      return Action.NONE;
    }
    boolean green = "success".equals(now.checks());
    if (Boolean.TRUE.equals(now.draft())) {
      return rollout.draft() && green ? Action.READY_FOR_REVIEW : Action.NONE;
    }
    if (!rollout.autoMerge()) {
      return Action.NONE;
    }
    if (flagged) {
      return Action.NONE; // flagged for low test coverage: a person merges it
    }
    if (green && "APPROVED".equals(now.reviewDecision())) {
      return Action.MERGE;
    }
    // Red checks need a person first. The host's auto-merge only where a review is in or the host
    // requires one: on a repository that requires none, it would merge on green checks unreviewed.
    boolean reviewed = "APPROVED".equals(now.reviewDecision()) || "REVIEW_REQUIRED".equals(now.reviewDecision());
    return "failure".equals(now.checks()) || !reviewed ? Action.NONE : Action.ENABLE_AUTO_MERGE;
  }
}
