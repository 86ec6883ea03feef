package io.fleetmigrate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A re-run reuses an outcome only when the remote head, the spec and the recipes are all unchanged. */
class OutcomeReuseTest {
  static final String SPEC = """
      name: c
      recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
      """;

  @TempDir Path tmp;
  CampaignStore store;
  OutcomeReuse reuse;
  RepoRef repo;
  String head;

  @BeforeEach
  void setUp() throws Exception {
    store = CampaignStore.of(TestDatabase.migrated());
    reuse = new OutcomeReuse(store, new Checkout());
    Path origin = GitFixtures.origin(tmp, "r", Map.of("pom.xml", "<project/>"));
    repo = new RepoRef("r", origin.toString(), "main", null, List.of(), "test");
    try (Git git = Git.open(origin.toFile())) {
      head = git.getRepository().resolve("refs/heads/main").name();
    }
    store.runs().saveCampaign("c", "", null, SPEC);
  }

  private RunContext run(String spec, OutcomeStatus previous, String base) throws Exception {
    long first = store.runs().createRun("c", SPEC, "", false, 1, "t");
    store.outcomes().saveOutcome(first, new RepoOutcome("r", previous, "as it was", RepoOutcome.Stage.DONE, 0, base, null, null, null, null,
        Duration.ofSeconds(30)));
    long second = store.runs().createRun("c", spec, "", false, 1, "t");
    return new RunContext(second, CampaignSpecReader.parse(spec, "t"), "", false);
  }

  @Test
  void unchangedHeadSpecAndRecipesReuseTheOutcome() throws Exception {
    var reused = reuse.reuse(run(SPEC, OutcomeStatus.NO_CHANGES, head), repo);

    assertThat(reused).isPresent();
    assertThat(reused.get().status()).isEqualTo(OutcomeStatus.NO_CHANGES);
    assertThat(reused.get().reason()).startsWith("unchanged since run 1 (base " + head.substring(0, 7)).endsWith("as it was");
    assertThat(reused.get().duration()).isLessThan(Duration.ofSeconds(10));
    assertThat(tmp.resolve("workspaces")).doesNotExist();
  }

  @Test
  void aReusedOutcomeReusedAgainKeepsTheOriginalReasonOnceWithItsRun() throws Exception {
    RunContext second = run(SPEC, OutcomeStatus.NO_CHANGES, head);
    RepoOutcome reusedOnce = reuse.reuse(second, repo).orElseThrow();
    store.outcomes().saveOutcome(second.runId(), reusedOnce);
    long third = store.runs().createRun("c", SPEC, "", false, 1, "t");

    RepoOutcome reusedTwice = reuse.reuse(new RunContext(third, CampaignSpecReader.parse(SPEC, "t"), "", false), repo).orElseThrow();

    assertThat(reusedTwice.reason()).isEqualTo("unchanged since run 1 (base " + head.substring(0, 7) + ", same spec and recipes): as it was");
  }

  @Test
  void aNewCommitOnTheBaseBranchMeansTheRepositoryIsRunAgain() throws Exception {
    RunContext run = run(SPEC, OutcomeStatus.NO_CHANGES, head);
    Path work = tmp.resolve("r-seed");
    Files.writeString(work.resolve("README.md"), "changed");
    try (Git git = Git.open(work.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("more").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
      git.push().setRemote("origin").add("main").call();
    }
    assertThat(reuse.reuse(run, repo)).isEmpty();
  }

  @Test
  void aChangedSpecMeansTheRepositoryIsRunAgain() throws Exception {
    assertThat(reuse.reuse(run(SPEC + "rollout: {concurrency: 3}\n", OutcomeStatus.NO_CHANGES, head), repo)).isEmpty();
  }

  @Test
  void failuresAreTriedAgain() throws Exception {
    assertThat(reuse.reuse(run(SPEC, OutcomeStatus.NEEDS_HUMAN, head), repo)).isEmpty();
    assertThat(reuse.reuse(run(SPEC, OutcomeStatus.ERROR, head), repo)).isEmpty();
  }

  @Test
  void aPullRequestWithoutItsBranchIsNotReused() throws Exception {
    assertThat(reuse.reuse(run(SPEC, OutcomeStatus.PR_OPENED, head), repo)).as("no open pull request is recorded").isEmpty();
  }

  @Test
  void aWaitingRepositoryIsReusedWhileItsWaveIsClosedAndRunAgainOnceItOpens() throws Exception {
    long first = store.runs().createRun("c", SPEC, "", false, 1, "t");
    store.outcomes().saveOutcome(first, new RepoOutcome("r", OutcomeStatus.WAITING,
        "green after the recipe; not delivered yet: past the rollout's wave 1 of 3 (1: 1 of 5 repositories)", RepoOutcome.Stage.DONE,
        1, head, null, null, null, null, Duration.ofSeconds(30)));
    long second = store.runs().createRun("c", SPEC, "", false, 1, "t");
    var spec = CampaignSpecReader.parse(SPEC, "t");
    var stillHeld = new io.fleetmigrate.rollout.DeliveryWindow(
        Map.of("r", "green; not delivered yet: past the rollout's wave 2 of 3 (2: 2 of 5 repositories)"));

    RepoOutcome reused = reuse.reuse(new RunContext(second, spec, "", false, null, stillHeld), repo).orElseThrow();

    assertThat(reused.status()).isEqualTo(OutcomeStatus.WAITING);
    assertThat(reused.reason()).as("this run's wave, not the old one's").isEqualTo("unchanged since run " + first + " (base "
        + head.substring(0, 7) + ", same spec and recipes): green after the recipe; not delivered yet: past the rollout's wave 2 of 3"
        + " (2: 2 of 5 repositories)");
    assertThat(reuse.reuse(new RunContext(second, spec, "", false), repo)).as("its wave is open: through the pipeline to deliver")
        .isEmpty();
  }

  @Test
  void aBaselineRedForWantOfAJdkIsTriedAgainSinceItIsAboutTheMachine() throws Exception {
    long first = store.runs().createRun("c", SPEC, "", false, 1, "t");
    store.outcomes().saveOutcome(first, new RepoOutcome("r", OutcomeStatus.BASELINE_RED, "red before any change: no JDK to build on: the"
        + " builds rule's jdk is 11, and Fleet knows JDK 17, JDK 21 (add its home to FLEET_JDKS)", RepoOutcome.Stage.BASELINE, 0, head,
        null, null, null, null, Duration.ofSeconds(1)));
    long second = store.runs().createRun("c", SPEC, "", false, 1, "t");

    assertThat(reuse.reuse(new RunContext(second, CampaignSpecReader.parse(SPEC, "t"), "", false), repo))
        .as("the operator may have added the JDK since").isEmpty();
    assertThat(reuse.reuse(run(SPEC, OutcomeStatus.BASELINE_RED, head), repo)).as("a red build is the repository's").isPresent();
  }
}
