package io.fleetmigrate.rollout;

import io.fleetmigrate.inventory.GitHubSource;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.reports.MergeRate;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.PullRequestStore;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code rollout.nudgeAfter}: an open pull request that has waited that long without a review gets
 * one comment mentioning its owners, and at most one per period after that.
 */
public final class Nudge {
  private Nudge() {}

  /**
   * Whether a nudge is due now.
   *
   * @param lastNudge when the last one went out, or {@code null}
   */
  public static boolean due(
      @Nullable Duration nudgeAfter, PullRequestStore.PullRequestSnapshot now, OffsetDateTime openedAt, @Nullable OffsetDateTime lastNudge) {
    if (nudgeAfter == null || now.state() != PullRequestStatus.OPEN || Boolean.TRUE.equals(now.draft())) {
      return false;
    }
    // Reviewed (approved or changes requested): a person is on it.
    if ("APPROVED".equals(now.reviewDecision()) || "CHANGES_REQUESTED".equals(now.reviewDecision())) {
      return false;
    }
    OffsetDateTime at = now.at();
    return !openedAt.plus(nudgeAfter).isAfter(at) && (lastNudge == null || !lastNudge.plus(nudgeAfter).isAfter(at));
  }

  /**
   * Who to mention: the {@code CODEOWNERS} owners of the changed paths recorded when the pull request
   * was delivered ({@code @login}, {@code @org/team}; an e-mail address cannot be mentioned), else the
   * inventory owner; a team's slug recorded by a GitHub organisation import ({@code --teams}) is
   * mentioned as {@code @org/slug}. {@code null} when there is nobody to mention.
   */
  public static @Nullable String mention(RepoRef repo, List<String> codeOwners) {
    List<String> handles = codeOwners.stream().filter(CodeOwners::isHandle).distinct().toList();
    if (!handles.isEmpty()) {
      return String.join(" ", handles);
    }
    return mention(repo);
  }

  /** The inventory owner's mention, or {@code null} when the repository has no owner. */
  public static @Nullable String mention(RepoRef repo) {
    String owner = repo.owner();
    if (owner == null || owner.isBlank()) {
      return null;
    }
    GitHubSource source = GitHubSource.parse(repo.source());
    return "@" + (source != null && source.teams() && !owner.contains("/") ? source.owner() + "/" + owner : owner);
  }

  /** The comment's text. */
  public static String text(String mention, String campaign, Duration waited, @Nullable String checks) {
    return mention + ": this pull request from the Fleet Migrate campaign `" + campaign + "` has waited " + MergeRate.text(waited)
        + " for a review" + ("success".equals(checks) ? " and its checks are green" : "")
        + ". It is one of the same change across many repositories; a review or a comment here helps the rollout go on."
        + " (One reminder per period; Fleet will not ask more often.)";
  }
}
