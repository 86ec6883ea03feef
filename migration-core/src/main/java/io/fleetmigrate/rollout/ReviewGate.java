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

  public static Action next(CampaignSpec.Rollout rollout, PullRequestStore.PullRequestSnapshot now) {
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
    if (green && "APPROVED".equals(now.reviewDecision())) {
      return Action.MERGE;
    }
    // Red checks need a person first; anything else (running, none yet, waiting for reviews) can wait on the host.
    return "failure".equals(now.checks()) ? Action.NONE : Action.ENABLE_AUTO_MERGE;
  }
}
