package io.fleetmigrate.rollout;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.checkout.Workspace;
import io.fleetmigrate.inventory.RepoRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;

/**
 * A green build with few tests is not evidence. A repository whose baseline ran fewer tests than
 * {@code rollout.minTests}, or whose change touches main code its tests cover less of than
 * {@code rollout.minCoverage} ({@link ChangeCoverage}), gets its pull request as a draft, labelled
 * {@value #LABEL}, with its owners asked to review (the {@code CODEOWNERS} owners of the changed
 * paths, else the inventory owner), whatever the campaign's own pull request settings say.
 */
public final class RiskFlag {
  public static final String LABEL = "fleet:low-test-coverage";

  private static final String PREFIX = "low test coverage: ";
  private static final String TREATMENT = ", so the pull request is a draft labelled " + LABEL;

  private RiskFlag() {}

  /**
   * What one change is, for the rollout: why it is flagged, and who owns the paths it changes.
   *
   * @param reason why the pull request is flagged, or {@code null} when it is not
   * @param owners the {@code CODEOWNERS} owners of the changed paths (handles and e-mail addresses as
   *     written), empty without a {@code CODEOWNERS} or when no rule owns them
   */
  public record Assessment(@Nullable String reason, List<String> owners) {
    public Assessment {
      owners = List.copyOf(owners);
    }

    /** The campaign's pull request options, flagged when the change is. */
    public CampaignSpec.PullRequest options(CampaignSpec.PullRequest options, RepoRef repo) {
      return reason == null ? options : flagged(options, repo, owners);
    }

    /** What the outcome's reason gets after the delivery's: {@code "; low test coverage: ..."}, or nothing. */
    public String suffix() {
      return reason == null ? "" : "; " + reason;
    }
  }

  /**
   * Assesses the change committed in {@code ws} (its base commit to {@code HEAD}).
   *
   * @param baselineTests how many tests the baseline ran
   * @param coverage the baseline's JaCoCo reports, read right after it ran
   */
  public static Assessment assess(
      CampaignSpec.Rollout rollout, Workspace ws, int baselineTests, ChangeCoverage.Baseline coverage) throws IOException {
    List<String> changed = changedPaths(ws.git().getRepository(), ws.baseCommit());
    Optional<CodeOwners> codeOwners = CodeOwners.read(ws.dir());
    List<String> owners = codeOwners.map(c -> c.ownersOf(changed)).orElse(List.of());
    String reason = reason(rollout, baselineTests);
    if (reason == null && rollout.minCoverage() > 0) {
      reason = reason(rollout, ChangeCoverage.of(ws.dir(), changed, coverage));
    }
    return new Assessment(reason, owners);
  }

  /** Whether {@code executed} baseline tests are too few for {@code rollout}. */
  public static boolean lowTests(CampaignSpec.Rollout rollout, int executed) {
    return executed < rollout.minTests();
  }

  /** Why {@code executed} baseline tests flag the repository, or {@code null} when they are enough. */
  public static @Nullable String reason(CampaignSpec.Rollout rollout, int executed) {
    return lowTests(rollout, executed)
        ? PREFIX + "the baseline ran " + executed + " test" + (executed == 1 ? "" : "s") + " (rollout.minTests: "
            + rollout.minTests() + ")" + TREATMENT + " with the owner asked to review"
        : null;
  }

  /** Why the coverage of the changed main code flags the repository, or {@code null} when it does not. */
  static @Nullable String reason(CampaignSpec.Rollout rollout, ChangeCoverage.@Nullable Measure measure) {
    return measure != null && measure.percent() < rollout.minCoverage()
        ? PREFIX + "the change touches main code its tests cover little of: " + measure.basis() + " (rollout.minCoverage: "
            + rollout.minCoverage() + "%)" + TREATMENT + " with the owners asked to review"
        : null;
  }

  /** The cause alone, from a reason this class gave: {@code the baseline ran 3 tests (rollout.minTests: 10)}. */
  public static String why(String reason) {
    String cause = reason.startsWith(PREFIX) ? reason.substring(PREFIX.length()) : reason;
    int treatment = cause.indexOf(TREATMENT);
    return treatment < 0 ? cause : cause.substring(0, treatment);
  }

  /**
   * {@code options} made a draft, with {@value #LABEL} and the repository's owner as a reviewer (the
   * GitHub host asks a login that is no user as the team of that slug: an owner imported with
   * {@code --teams} is one).
   */
  public static CampaignSpec.PullRequest flagged(CampaignSpec.PullRequest options, RepoRef repo) {
    return flagged(options, repo, List.of());
  }

  /**
   * {@code options} made a draft, with {@value #LABEL} and, as reviewers, the {@code CODEOWNERS}
   * owners given ({@code @login} a reviewer, {@code @org/team} a team reviewer; an e-mail address
   * cannot be asked), or without any handle among them the repository's inventory owner.
   */
  public static CampaignSpec.PullRequest flagged(CampaignSpec.PullRequest options, RepoRef repo, List<String> owners) {
    List<String> reviewers = options.reviewers();
    List<String> teams = options.teamReviewers();
    List<String> handles = owners.stream().filter(CodeOwners::isHandle).map(o -> o.substring(1)).toList();
    if (!handles.isEmpty()) {
      for (String handle : handles) {
        if (handle.contains("/")) {
          teams = with(teams, handle);
        } else {
          reviewers = with(reviewers, handle);
        }
      }
    } else if (repo.owner() != null && !repo.owner().isBlank()) {
      reviewers = with(reviewers, repo.owner());
    }
    return new CampaignSpec.PullRequest(options.branch(), options.title(), options.body(), true, with(options.labels(), LABEL), reviewers,
        teams, options.assignees());
  }

  /** The paths a commit range changes (both sides of a rename), relative to the checkout. */
  static List<String> changedPaths(Repository repo, String baseCommit) throws IOException {
    ObjectId head = repo.resolve("HEAD");
    if (head == null) {
      return List.of();
    }
    Set<String> paths = new LinkedHashSet<>();
    try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
      tree.addTree(walk.parseCommit(ObjectId.fromString(baseCommit)).getTree());
      tree.addTree(walk.parseCommit(head).getTree());
      tree.setRecursive(true);
      for (DiffEntry entry : DiffEntry.scan(tree)) {
        if (!entry.getOldPath().equals(DiffEntry.DEV_NULL)) {
          paths.add(entry.getOldPath());
        }
        if (!entry.getNewPath().equals(DiffEntry.DEV_NULL)) {
          paths.add(entry.getNewPath());
        }
      }
    }
    return List.copyOf(paths);
  }

  private static List<String> with(List<String> list, String item) {
    List<String> all = new ArrayList<>(list);
    if (!all.contains(item)) {
      all.add(item);
    }
    return List.copyOf(all);
  }
}
