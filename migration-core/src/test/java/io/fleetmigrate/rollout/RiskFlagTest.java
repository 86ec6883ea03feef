package io.fleetmigrate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.checkout.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskFlagTest {
  static final CampaignSpec.PullRequest OPTIONS = new CampaignSpec.PullRequest(
      "fleet/junit5", "JUnit 5", "body", false, List.of("fleet-migrate"), List.of("alice"), List.of(), List.of());

  @Test
  void aBaselineWithFewerTestsThanTheFloorIsFlaggedAndOneAtTheFloorIsNot() {
    CampaignSpec.Rollout rollout = new CampaignSpec.Rollout(2);

    assertThat(RiskFlag.reason(rollout, 3)).isEqualTo("low test coverage: the baseline ran 3 tests (rollout.minTests: 10), so the pull"
        + " request is a draft labelled fleet:low-test-coverage with the owner asked to review");
    assertThat(RiskFlag.reason(rollout, 10)).isNull();
    assertThat(RiskFlag.reason(new CampaignSpec.Rollout(2, List.of(), List.of(), CampaignSpec.Gate.DEFAULT, false, false, 0, 0, null), 0))
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

  @TempDir Path dir;

  /** A checkout whose base commit holds {@code base}, with {@code change} committed on top, as the pipeline leaves it. */
  private Workspace checkout(Map<String, String> base, Map<String, String> change) throws Exception {
    Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    PersonIdent person = new PersonIdent("A Person", "person@example.com");
    for (var e : base.entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
    }
    git.add().addFilepattern(".").call();
    String baseCommit = git.commit().setMessage("base").setAuthor(person).setCommitter(person).setSign(false).call().name();
    for (var e : change.entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
    git.add().addFilepattern(".").call();
    git.commit().setMessage("change").setAuthor(person).setCommitter(person).setSign(false).call();
    return new Workspace(dir, git, "main", baseCommit, "fleet/junit5");
  }

  static final Map<String, String> BILLING = Map.of(
      ".github/CODEOWNERS", "* @platform\n/src/main/ @alice @acme/billing\n",
      "pom.xml", "<project/>",
      "src/main/java/com/acme/Invoice.java", "class Invoice { void pay() {} }",
      "src/main/java/com/acme/Ledger.java", "class Ledger {}",
      "src/test/java/com/acme/LedgerTest.java", "class LedgerTest { Ledger ledger; }");

  @Test
  void aChangeToMainCodeNoTestNamesIsFlaggedAndItsCodeOwnersAreAskedToReview() throws Exception {
    RepoRef repo = new RepoRef("billing", "file:///billing", "main", "carol", List.of(), "inventory.csv");
    try (Workspace ws = checkout(BILLING, Map.of("src/main/java/com/acme/Invoice.java", "class Invoice { void pay(int cents) {} }"))) {
      RiskFlag.Assessment risk = RiskFlag.assess(new CampaignSpec.Rollout(2), ws, 40, ChangeCoverage.Baseline.NONE);

      assertThat(risk.reason()).isEqualTo("low test coverage: the change touches main code its tests cover little of: 0 of the 1 changed"
          + " main class (0%) named by any test source (no JaCoCo report in the baseline, so this stands in for coverage)"
          + " (rollout.minCoverage: 50%), so the pull request is a draft labelled fleet:low-test-coverage with the owners asked to review");
      assertThat(risk.owners()).containsExactly("@alice", "@acme/billing");
      CampaignSpec.PullRequest options = risk.options(OPTIONS, repo);
      assertThat(options.draft()).isTrue();
      assertThat(options.labels()).containsExactly("fleet-migrate", "fleet:low-test-coverage");
      assertThat(options.reviewers()).as("CODEOWNERS, not the inventory owner").containsExactly("alice");
      assertThat(options.teamReviewers()).containsExactly("acme/billing");
      assertThat(risk.suffix()).startsWith("; low test coverage: the change touches main code");
    }
  }

  @Test
  void aCoveredChangeIsNotFlaggedButItsOwnersAreStillKnown() throws Exception {
    try (Workspace ws = checkout(BILLING, Map.of("src/main/java/com/acme/Ledger.java", "class Ledger { int size; }",
        "pom.xml", "<project><!-- changed --></project>"))) {
      RiskFlag.Assessment risk = RiskFlag.assess(new CampaignSpec.Rollout(2), ws, 40, ChangeCoverage.Baseline.NONE);

      assertThat(risk.reason()).as("Ledger is named by LedgerTest").isNull();
      assertThat(risk.owners()).containsExactly("@platform", "@alice", "@acme/billing");
      assertThat(risk.options(OPTIONS, new RepoRef("billing", "file:///b", "main", "carol", List.of(), "x"))).isEqualTo(OPTIONS);
      assertThat(risk.suffix()).isEmpty();
    }
  }

  @Test
  void minCoverageZeroTurnsTheSecondCriterionOff() throws Exception {
    try (Workspace ws = checkout(BILLING, Map.of("src/main/java/com/acme/Invoice.java", "class Invoice {}"))) {
      var off = new CampaignSpec.Rollout(2, List.of(), List.of(), CampaignSpec.Gate.DEFAULT, false, false, 10, 0, null);
      assertThat(RiskFlag.assess(off, ws, 40, ChangeCoverage.Baseline.NONE).reason()).isNull();
      assertThat(RiskFlag.assess(off, ws, 3, ChangeCoverage.Baseline.NONE).reason()).as("minTests still counts")
          .startsWith("low test coverage: the baseline ran 3 tests");
    }
  }
}
