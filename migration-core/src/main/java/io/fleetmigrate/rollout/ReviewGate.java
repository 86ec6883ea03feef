package io.fleetmigrate.rollout;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.PullRequestStore;

/**
 * What a refresh does next for one pull request under the campaign's review gates: a draft with
 * green checks is marked ready for review ({@code rollout.draft}); an open, approved pull request
 * with green checks is merged ({@code rollout.autoMerge}). Nothing else is ever done for a person.
 */
public final class ReviewGate {
  private ReviewGate() {}

  public enum Action {
    NONE,
    READY_FOR_REVIEW,
    MERGE
  }

  public static Action next(CampaignSpec.Rollout rollout, PullRequestStore.PullRequestSnapshot now) {
    if (now.state() != PullRequestStatus.OPEN || !"success".equals(now.checks())) {
      return Action.NONE;
    }
    if (Boolean.TRUE.equals(now.draft())) {
      return rollout.draft() ? Action.READY_FOR_REVIEW : Action.NONE;
    }
    return rollout.autoMerge() && "APPROVED".equals(now.reviewDecision()) ? Action.MERGE : Action.NONE;
  }
}
