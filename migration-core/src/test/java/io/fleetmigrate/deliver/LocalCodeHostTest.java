package io.fleetmigrate.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.checkout.Workspace;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStore;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

class LocalCodeHostTest {
  @TempDir Path tmp;
  private CampaignStore store;
  private LocalCodeHost host;
  private RepoRef repo;
  private Path origin;

  @BeforeEach
  void setUp() throws Exception {
    DataSource ds = TestDatabase.migrated();
    store = CampaignStore.of(ds);
    store.runs().saveCampaign("junit5", "", null, "name: junit5");
    host = new LocalCodeHost(store, new DataSourceTransactionManager(ds));
    origin = GitFixtures.origin(tmp, "billing", Map.of("README.md", "hello\n"));
    repo = new RepoRef("billing", origin.toString(), null, null, List.of(), "test");
  }

  /** A fresh clone on the campaign branch with README.md set to {@code content}, committed. */
  private Delivery deliver(String content) throws Exception {
    try (Workspace ws = new Checkout().prepare(repo, tmp.resolve("ws"), "fleet/junit5")) {
      Files.writeString(ws.dir().resolve("README.md"), content);
      ws.git().add().addFilepattern("README.md").call();
      RevCommit commit = ws.git().commit().setMessage("change").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
      return host.deliver(new DeliveryRequest("junit5", repo, ws, commit.name(), "Title", "Body"));
    }
  }

  private ObjectId originBranch() throws Exception {
    try (Git git = Git.open(origin.toFile())) {
      return git.getRepository().resolve("refs/heads/fleet/junit5");
    }
  }

  @Test
  void firstDeliveryPushesTheBranchAndOpensAPullRequest() throws Exception {
    Delivery delivery = deliver("migrated\n");

    assertThat(delivery.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(delivery.prNumber()).isEqualTo(1);
    assertThat(originBranch().name()).isEqualTo(delivery.headCommit());
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find("junit5", "billing").orElseThrow();
    assertThat(pr.state()).isEqualTo(PullRequestStatus.OPEN);
    assertThat(pr.branch()).isEqualTo("fleet/junit5");
    assertThat(pr.baseBranch()).isEqualTo("main");
    assertThat(pr.pendingCommit()).isNull();
  }

  @Test
  void reRunWithTheSameResultUpdatesInsteadOfOpeningAnother() throws Exception {
    Delivery first = deliver("migrated\n");

    Delivery second = deliver("migrated\n");

    assertThat(second.status()).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(second.prNumber()).isEqualTo(first.prNumber());
    assertThat(second.reason()).contains("already holds this change");
    assertThat(originBranch().name()).isEqualTo(first.headCommit());
    assertThat(store.pullRequests().list("junit5")).hasSize(1);
  }

  @Test
  void aPullRequestClosedWithoutMergingIsNotReopened() throws Exception {
    Delivery first = deliver("migrated\n");
    var pr = store.pullRequests().find("junit5", repo.name()).orElseThrow();
    store.pullRequests().save(new PullRequestStore.PullRequestRecord(pr.campaign(), pr.repository(), pr.host(), pr.number(), pr.url(),
        pr.branch(), pr.baseBranch(), pr.title(), pr.body(), PullRequestStatus.CLOSED, pr.headCommit(), null, pr.createdAt(), pr.updatedAt()));

    Delivery again = deliver("migrated better\n");

    assertThat(again.status()).isEqualTo(OutcomeStatus.HUMAN_EDITED);
    assertThat(again.reason()).isEqualTo("pull request #" + first.prNumber()
        + " was closed without merging; not reopened (delete branch fleet/junit5 to start this repository over)");
    assertThat(originBranch().name()).as("nothing pushed").isEqualTo(first.headCommit());
    assertThat(store.pullRequests().find("junit5", repo.name()).orElseThrow().state()).isEqualTo(PullRequestStatus.CLOSED);
  }

  @Test
  void reRunWithANewResultPushesItToTheSamePullRequest() throws Exception {
    Delivery first = deliver("migrated\n");

    Delivery second = deliver("migrated better\n");

    assertThat(second.status()).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(second.prNumber()).isEqualTo(first.prNumber());
    assertThat(originBranch().name()).isEqualTo(second.headCommit()).isNotEqualTo(first.headCommit());
  }

  @Test
  void aPersonsCommitOnTheBranchIsNeverOverwritten() throws Exception {
    deliver("migrated\n");
    // A person pushes a fix-up to the campaign branch.
    Path human = tmp.resolve("human");
    ObjectId humanCommit;
    try (Git git = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(human.toFile()).setBranch("fleet/junit5").call()) {
      Files.writeString(human.resolve("NOTES.md"), "reviewed\n");
      git.add().addFilepattern("NOTES.md").call();
      humanCommit = git.commit().setMessage("human fix").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
      git.push().setRemote("origin").add("fleet/junit5").call();
    }

    Delivery again = deliver("migrated differently\n");

    assertThat(again.status()).isEqualTo(OutcomeStatus.HUMAN_EDITED);
    assertThat(again.reason()).contains("did not push");
    assertThat(originBranch()).isEqualTo(humanCommit);
  }

  @Test
  void aBranchThatExistedBeforeTheCampaignIsLeftAlone() throws Exception {
    ObjectId theirs;
    try (Git git = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(tmp.resolve("other").toFile()).call()) {
      git.checkout().setCreateBranch(true).setName("fleet/junit5").call();
      Files.writeString(tmp.resolve("other/X.md"), "x\n");
      git.add().addFilepattern("X.md").call();
      theirs = git.commit().setMessage("someone else's").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
      git.push().setRemote("origin").add("fleet/junit5").call();
    }

    Delivery delivery = deliver("migrated\n");

    assertThat(delivery.status()).isEqualTo(OutcomeStatus.HUMAN_EDITED);
    assertThat(originBranch()).isEqualTo(theirs);
    assertThat(store.pullRequests().list("junit5")).isEmpty();
  }

  /** What a crash between the pending row and the confirmation leaves: the row, and maybe the push. */
  private ObjectId crashedDelivery(boolean pushed) throws Exception {
    ObjectId commit;
    try (Workspace ws = new Checkout().prepare(repo, tmp.resolve("crashed"), "fleet/junit5")) {
      Files.writeString(ws.dir().resolve("README.md"), "migrated\n");
      ws.git().add().addFilepattern("README.md").call();
      commit = ws.git().commit().setMessage("change").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
      java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
      store.pullRequests().save(new PullRequestStore.PullRequestRecord(
          "junit5", "billing", LocalCodeHost.ID, 1, null, "fleet/junit5", "main", "Title", "Body", PullRequestStatus.PENDING, commit.name(), commit.name(), now, now));
      if (pushed) {
        ws.git().push().setRemote("origin").add("fleet/junit5").call();
      }
    }
    return commit;
  }

  @Test
  void aPushThatLandedBeforeTheCrashIsFoundAndConfirmedNotPushedAgain() throws Exception {
    ObjectId pushed = crashedDelivery(true);

    Delivery redone = deliver("migrated\n"); // the repository redone after the crash: a new commit, same change

    assertThat(redone.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(redone.prNumber()).isEqualTo(1);
    assertThat(originBranch()).as("the branch keeps the commit pushed before the crash").isEqualTo(pushed);
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find("junit5", "billing").orElseThrow();
    assertThat(pr.state()).isEqualTo(PullRequestStatus.OPEN);
    assertThat(pr.headCommit()).isEqualTo(pushed.name());
    assertThat(pr.pendingCommit()).isNull();
    assertThat(store.pullRequests().list("junit5")).hasSize(1);
  }

  @Test
  void aCrashBeforeThePushOpensTheSamePullRequestNumber() throws Exception {
    crashedDelivery(false);

    Delivery redone = deliver("migrated\n");

    assertThat(redone.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(redone.prNumber()).isEqualTo(1);
    assertThat(originBranch().name()).isEqualTo(redone.headCommit());
    assertThat(store.pullRequests().find("junit5", "billing").orElseThrow().state()).isEqualTo(PullRequestStatus.OPEN);
  }
}
