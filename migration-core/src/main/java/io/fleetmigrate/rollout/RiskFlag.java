package io.fleetmigrate.rollout;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.inventory.RepoRef;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A green build with few tests is not evidence. A repository whose baseline ran fewer tests than
 * {@code rollout.minTests} gets its pull request as a draft, labelled {@value #LABEL}, with its
 * owner asked to review, whatever the campaign's own pull request settings say.
 */
public final class RiskFlag {
  public static final String LABEL = "fleet:low-test-coverage";

  private RiskFlag() {}

  /** Whether {@code executed} baseline tests are too few for {@code rollout}. */
  public static boolean lowTests(CampaignSpec.Rollout rollout, int executed) {
    return executed < rollout.minTests();
  }

  /** Why {@code executed} baseline tests flag the repository, or {@code null} when they are enough. */
  public static @Nullable String reason(CampaignSpec.Rollout rollout, int executed) {
    return lowTests(rollout, executed)
        ? "low test coverage: the baseline ran " + executed + " test" + (executed == 1 ? "" : "s") + " (rollout.minTests: "
            + rollout.minTests() + "), so the pull request is a draft labelled " + LABEL + (" with the owner asked to review")
        : null;
  }

  /**
   * {@code options} made a draft, with {@value #LABEL} and the repository's owner as a reviewer (the
   * GitHub host asks a login that is no user as the team of that slug: an owner imported with
   * {@code --teams} is one).
   */
  public static CampaignSpec.PullRequest flagged(CampaignSpec.PullRequest options, RepoRef repo) {
    List<String> reviewers = repo.owner() == null || repo.owner().isBlank() ? options.reviewers() : with(options.reviewers(), repo.owner());
    return new CampaignSpec.PullRequest(options.branch(), options.title(), options.body(), true, with(options.labels(), LABEL), reviewers,
        options.teamReviewers(), options.assignees());
  }

  private static List<String> with(List<String> list, String item) {
    List<String> all = new ArrayList<>(list);
    if (!all.contains(item)) {
      all.add(item);
    }
    return List.copyOf(all);
  }
}
