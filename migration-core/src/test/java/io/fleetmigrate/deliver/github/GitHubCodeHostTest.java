package io.fleetmigrate.deliver.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.checkout.Workspace;
import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.Delivery;
import io.fleetmigrate.deliver.DeliveryRequest;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStore;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.GitHubOpenApi;
import io.fleetmigrate.testing.GitHubStub;
import io.fleetmigrate.testing.GitSmartHttpServer;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The github code host against a stateful GitHub stub and a real git smart-HTTP server on
 * loopback. After every test, each request our code sent is checked against GitHub's OpenAPI
 * description.
 */
class GitHubCodeHostTest {
  static final String TOKEN = "ghp_stubToken0123456789abcdefABCDEF0123";
  static final String CAMPAIGN = "junit5";
  static final String BRANCH = "fleet/junit5";
  private static final GitHubOpenApi OPENAPI = GitHubOpenApi.load();

  @TempDir Path tmp;
  private GitSmartHttpServer git;
  private GitHubStub github;
  private DataSource ds;
  private CampaignStore store;
  private CampaignSpec.CodeHost settings;
  private RepoRef billing;

  @BeforeEach
  void setUp() throws Exception {
    Path root = tmp.resolve("served");
    Files.createDirectories(root.resolve("acme"));
    git = new GitSmartHttpServer(root, TOKEN);
    github = new GitHubStub(TOKEN, "fleet-bot", (repo, branch) -> tip(root.resolve(repo + ".git"), branch));
    github.org("acme", "platform");
    github.user("alice");
    github.user("bob");
    GitFixtures.origin(root.resolve("acme"), "billing", Map.of("README.md", "hello\n"));
    github.repo("acme", "billing", git.url("acme/billing"));
    billing = new RepoRef("acme/billing", git.url("acme/billing"), null, "platform", List.of(), "github");
    ds = TestDatabase.migrated();
    store = CampaignStore.of(ds);
    store.runs().saveCampaign(CAMPAIGN, "", null, "name: junit5");
    settings = new CampaignSpec.CodeHost("github", github.apiUrl(), null, "auto", Duration.ofMillis(20), 500);
  }

  @AfterEach
  void everyRequestFollowsGitHubsDescription() {
    try {
      assertThat(OPENAPI.problems(github.requests)).isEmpty();
    } finally {
      github.close();
      git.close();
    }
  }

  private GitHubCodeHost host(String token) {
    return new GitHubCodeHost(store, new GitHubConnections(ContentCallThrottle.jdbcLedger(ds), Map.of("FLEET_GITHUB_TOKEN", token)),
        new DataSourceTransactionManager(ds));
  }

  private static final CampaignSpec.PullRequest OPTIONS = new CampaignSpec.PullRequest(
      BRANCH, "Migrate to JUnit 5", "body", true, List.of("fleet-migrate", "junit5"), List.of("alice"), List.of("platform"),
      List.of("bob"));

  private Delivery deliver(GitHubCodeHost host, RepoRef repo, String content, String body) throws Exception {
    try (Workspace ws = new Checkout().prepare(repo, tmp.resolve("ws-" + System.nanoTime()), BRANCH,
        new UsernamePasswordCredentialsProvider("x-access-token", TOKEN))) {
      RevCommit commit = commitReadme(ws, content);
      return host.deliver(new DeliveryRequest(CAMPAIGN, repo, ws, commit.name(), "Migrate to JUnit 5", body, OPTIONS, settings));
    }
  }

  /** The change every test proposes: README.md rewritten, committed on the campaign branch. */
  private static RevCommit commitReadme(Workspace ws, String content) throws Exception {
    Files.writeString(ws.dir().resolve("README.md"), content);
    ws.git().add().addFilepattern("README.md").call();
    return ws.git().commit().setMessage("change").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
  }

  private static String tip(Path bare, String branch) {
    if (!Files.isDirectory(bare)) {
      return null;
    }
    try (Git g = Git.open(bare.toFile())) {
      ObjectId id = g.getRepository().resolve("refs/heads/" + branch);
      return id == null ? null : id.name();
    } catch (Exception e) {
      return null;
    }
  }

  private String served(String fullName) {
    return tip(git.root().resolve(fullName + ".git"), BRANCH);
  }

  @Test
  void firstRunPushesWithTheTokenAndOpensADraftPullRequestWithLabelsReviewersAndAssignees() throws Exception {
    Delivery d = deliver(host(TOKEN), billing, "migrated\n", "body one");

    assertThat(d.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(d.prNumber()).isEqualTo(1);
    assertThat(served("acme/billing")).isEqualTo(d.headCommit());
    GitHubStub.Pull pull = github.pulls("acme/billing").get(0);
    assertThat(pull.draft).isTrue();
    assertThat(pull.title).isEqualTo("Migrate to JUnit 5");
    assertThat(pull.body).isEqualTo("body one");
    assertThat(pull.headOwner + ":" + pull.headRef).isEqualTo("acme:" + BRANCH);
    assertThat(pull.labels).containsExactly("fleet-migrate", "junit5");
    assertThat(pull.reviewers).containsExactly("alice");
    assertThat(pull.teamReviewers).containsExactly("platform");
    assertThat(pull.assignees).containsExactly("bob");
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow();
    assertThat(pr.host()).isEqualTo("github");
    assertThat(pr.number()).isEqualTo(1);
    assertThat(pr.url()).isEqualTo("https://github.com/acme/billing/pull/1");
    assertThat(pr.state()).isEqualTo(PullRequestStatus.OPEN);
    assertThat(pr.pendingCommit()).isNull();
    // The token went to git only as a Basic credential, never in a URL.
    assertThat(git.requestLines).noneMatch(line -> line.contains(TOKEN));
    assertThat(git.authorizations).isNotEmpty();
  }

  @Test
  void secondRunWithTheSameResultOpensNothingAndChangesNothing() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    Delivery first = deliver(host, billing, "migrated\n", "body one");
    int before = github.requests.size();

    Delivery second = deliver(host, billing, "migrated\n", "body one");

    assertThat(second.status()).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(second.prNumber()).isEqualTo(first.prNumber());
    assertThat(second.reason()).contains("already holds this change");
    assertThat(github.pulls("acme/billing")).hasSize(1);
    List<GitHubStub.Recorded> later = github.requests.subList(before, github.requests.size());
    assertThat(later).allMatch(r -> r.method().equals("GET"));
    assertThat(served("acme/billing")).isEqualTo(first.headCommit());
  }

  @Test
  void aChangedResultIsPushedAndThePullRequestBodyUpdated() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    Delivery first = deliver(host, billing, "migrated\n", "body one");

    Delivery second = deliver(host, billing, "migrated better\n", "body two");

    assertThat(second.status()).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(second.reason()).contains("updated with a new result");
    assertThat(served("acme/billing")).isEqualTo(second.headCommit()).isNotEqualTo(first.headCommit());
    assertThat(github.pulls("acme/billing")).hasSize(1);
    assertThat(github.pulls("acme/billing").get(0).body).isEqualTo("body two");
    assertThat(github.requests("POST", "/repos/acme/billing/pulls")).hasSize(1);
  }

  @Test
  void aCommitAPersonPushedToTheBranchIsLeftAlone() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    deliver(host, billing, "migrated\n", "body one");
    String human = pushAsAPerson("acme/billing");
    int before = github.requests.size();

    Delivery again = deliver(host, billing, "migrated better\n", "body two");

    assertThat(again.status()).isEqualTo(OutcomeStatus.HUMAN_EDITED);
    assertThat(again.reason()).contains("did not push").contains("left alone");
    assertThat(served("acme/billing")).isEqualTo(human);
    assertThat(github.pulls("acme/billing").get(0).body).isEqualTo("body one");
    assertThat(github.requests.subList(before, github.requests.size())).allMatch(r -> r.method().equals("GET"));
  }

  @Test
  void aPullRequestAPersonClosedIsNotReopened() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    deliver(host, billing, "migrated\n", "body one");
    github.pulls("acme/billing").get(0).state = "closed";

    Delivery again = deliver(host, billing, "migrated better\n", "body two");

    assertThat(again.status()).isEqualTo(OutcomeStatus.HUMAN_EDITED);
    assertThat(again.reason()).contains("closed without merging; not reopened");
    assertThat(github.pulls("acme/billing")).hasSize(1);
    assertThat(github.requests("POST", "/repos/acme/billing/pulls")).hasSize(1);
  }

  @Test
  void aReRunAfterAPersonClosedThePullRequestAsksGitHubAndEndsHumanEditedNotUnchanged() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    Delivery first = deliver(host, billing, "migrated\n", "body one");
    String spec = """
        name: junit5
        recipes: [a.B]
        codeHost: {type: github, apiUrl: %s}
        """.formatted(github.apiUrl());
    long run1 = store.runs().createRun(CAMPAIGN, spec, "", false, 1, "t");
    store.outcomes().saveOutcome(run1, new io.fleetmigrate.campaign.RepoOutcome("acme/billing", OutcomeStatus.PR_OPENED, first.reason(),
        io.fleetmigrate.campaign.RepoOutcome.Stage.DONE, 1, tip(git.root().resolve("acme/billing.git"), "main"), first.headCommit(),
        first.prNumber(), null, null, Duration.ofSeconds(30)));
    var hosts = new io.fleetmigrate.deliver.CodeHosts(
        new io.fleetmigrate.deliver.LocalCodeHost(store, new DataSourceTransactionManager(ds)), host);
    var reuse = new io.fleetmigrate.pipeline.OutcomeReuse(store, new Checkout(), hosts);
    var runContext = new io.fleetmigrate.pipeline.RunContext(store.runs().createRun(CAMPAIGN, spec, "", false, 1, "t"),
        io.fleetmigrate.campaign.CampaignSpecReader.parse(spec, "t"), "", false);
    int before = github.requests.size();
    assertThat(reuse.reuse(runContext, billing)).as("open on GitHub: reused").get()
        .extracting(io.fleetmigrate.campaign.RepoOutcome::status).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(github.requests.subList(before, github.requests.size())).as("asked cheaply: no reviews, statuses or checks")
        .extracting(GitHubStub.Recorded::toString)
        .containsExactly("GET /repos/acme/billing -> 200", "GET /repos/acme/billing/pulls/" + first.prNumber() + " -> 200");

    github.pulls("acme/billing").get(0).state = "closed"; // closed without merging; the branch kept

    assertThat(reuse.reuse(runContext, billing)).as("the stored OPEN is out of date").isEmpty();
    Delivery again = deliver(host, billing, "migrated\n", "body one");
    assertThat(again.status()).isEqualTo(OutcomeStatus.HUMAN_EDITED);
    assertThat(again.reason()).contains("closed without merging; not reopened");
  }

  @Test
  void closeAllReadsTheStateFirstAndNeverRecordsACloseThatDidNotHappen() throws Exception {
    GitFixtures.origin(git.root().resolve("acme"), "ledger", Map.of("README.md", "hello\n"));
    github.repo("acme", "ledger", git.url("acme/ledger"));
    RepoRef ledger = new RepoRef("acme/ledger", git.url("acme/ledger"), null, "platform", List.of(), "github");
    GitHubCodeHost host = host(TOKEN);
    deliver(host, billing, "migrated\n", "body");
    deliver(host, ledger, "migrated\n", "body");
    store.runs().saveCampaign(CAMPAIGN, "", null, """
        name: junit5
        recipes: [a.B]
        codeHost: {type: github, apiUrl: %s}
        """.formatted(github.apiUrl()));
    GitHubStub.Pull merged = github.pulls("acme/billing").get(0);
    merged.merged = true; // merged by a person since the last refresh; the store still says OPEN
    merged.state = "closed";
    var tracker = new io.fleetmigrate.deliver.PullRequestTracker(store, new io.fleetmigrate.inventory.InventoryStore(ds),
        new io.fleetmigrate.deliver.CodeHosts(new io.fleetmigrate.deliver.LocalCodeHost(store, new DataSourceTransactionManager(ds)), host));

    var closing = tracker.close(CAMPAIGN, true, false);

    assertThat(closing).extracting(c -> c.pr().repository() + " " + c.closed() + " " + c.foundState() + " " + c.error())
        .containsExactly("acme/billing false MERGED null", "acme/ledger true null null");
    assertThat(store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow().state()).isEqualTo(PullRequestStatus.MERGED);
    assertThat(store.pullRequests().find(CAMPAIGN, "acme/ledger").orElseThrow().state()).isEqualTo(PullRequestStatus.CLOSED);
    assertThat(merged.comments).isEmpty();
    assertThat(github.requests("POST", "/repos/acme/billing/issues/.*/comments")).isEmpty();
    assertThat(github.requests("PATCH", "/repos/acme/billing/pulls/.*")).isEmpty();
    assertThat(github.pulls("acme/ledger").get(0).state).isEqualTo("closed");
    assertThat(github.pulls("acme/ledger").get(0).comments).hasSize(1);
  }

  private io.fleetmigrate.deliver.PullRequestTracker tracker(GitHubCodeHost host, String rollout) {
    store.runs().saveCampaign(CAMPAIGN, "", null, """
        name: junit5
        recipes: [a.B]
        codeHost: {type: github, apiUrl: %s}
        %s
        """.formatted(github.apiUrl(), rollout));
    return new io.fleetmigrate.deliver.PullRequestTracker(store, new io.fleetmigrate.inventory.InventoryStore(ds),
        new io.fleetmigrate.deliver.CodeHosts(new io.fleetmigrate.deliver.LocalCodeHost(store, new DataSourceTransactionManager(ds)), host));
  }

  @Test
  void reviewGatesMarkAGreenDraftReadyForReviewThenMergeItOnceApproved() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    deliver(host, billing, "migrated\n", "body"); // a draft, alice asked to review
    var tracker = tracker(host, "rollout: {draft: true, autoMerge: true}");
    GitHubStub.Pull pull = github.pulls("acme/billing").get(0);

    pull.checkRuns.put("build", null); // still running
    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).isNull();
    assertThat(pull.draft).isTrue();

    pull.checkRuns.put("build", "success");
    var ready = tracker.refresh(CAMPAIGN).get(0);
    assertThat(ready.done()).isEqualTo("marked ready for review (checks green)");
    assertThat(ready.snapshot().draft()).isFalse();
    assertThat(pull.draft).isFalse();
    assertThat(pull.readyForReviewCalls).isEqualTo(1);
    assertThat(github.requests("POST", "/graphql")).hasSize(1);

    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).as("green, but nobody approved yet").isNull();
    assertThat(pull.merged).isFalse();

    pull.reviews.add(new String[] {"alice", "APPROVED"});
    var merged = tracker.refresh(CAMPAIGN).get(0);
    assertThat(merged.done()).isEqualTo("merged (checks green, approved)");
    assertThat(pull.merged).isTrue();
    assertThat(pull.mergeMethod).isEqualTo("merge");
    assertThat(store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow().state()).isEqualTo(PullRequestStatus.MERGED);
    assertThat(github.requests("PUT", "/repos/acme/billing/pulls/1/merge")).hasSize(1);
    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).as("merged: nothing more to do").isNull();
  }

  @Test
  void autoMergeTurnsOnGitHubsOwnAutoMergeWhereTheRepositoryAllowsItAndGitHubMergesOnceItsRulesAreMet() throws Exception {
    github.repo("acme/billing").allowAutoMerge = true;
    GitHubCodeHost host = host(TOKEN);
    deliver(host, billing, "migrated\n", "body");
    var tracker = tracker(host, "rollout: {autoMerge: true}");
    GitHubStub.Pull pull = github.pulls("acme/billing").get(0);
    pull.draft = false; // a person marked it ready
    pull.checkRuns.put("build", null); // still running

    var enabled = tracker.refresh(CAMPAIGN).get(0);
    assertThat(enabled.error()).isNull();
    assertThat(enabled.done()).isEqualTo("auto-merge enabled (the host merges it once its checks and required reviews are in)");
    assertThat(pull.autoMerge).isEqualTo("MERGE");
    assertThat(github.requests("POST", "/graphql")).extracting(GitHubStub.Recorded::body)
        .satisfiesExactly(
            q -> assertThat(q).contains("autoMergeAllowed"),
            q -> assertThat(q).contains("enablePullRequestAutoMerge", "mergeMethod: MERGE", "expectedHeadOid: $head",
                store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow().headCommit()));

    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).as("on already: asked, not enabled twice").isNull();
    assertThat(github.requests("POST", "/graphql")).hasSize(3);

    pull.checkRuns.put("build", "success");
    pull.reviews.add(new String[] {"alice", "APPROVED"});
    var merged = tracker.refresh(CAMPAIGN).get(0);
    assertThat(merged.snapshot().state()).as("GitHub merged it by itself").isEqualTo(io.fleetmigrate.store.PullRequestStatus.MERGED);
    assertThat(merged.done()).isNull();
    assertThat(pull.mergeMethod).isEqualTo("merge");
    assertThat(github.requests("PUT", "/repos/acme/billing/pulls/1/merge")).as("not merged through the REST API").isEmpty();
    assertThat(store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow().state()).isEqualTo(io.fleetmigrate.store.PullRequestStatus.MERGED);
  }

  @Test
  void withoutGitHubsAutoMergeAutoMergeMergesThroughTheApiOnceChecksAreGreenAndItIsApproved() throws Exception {
    GitHubCodeHost host = host(TOKEN); // the repository does not allow auto-merge (GitHub's default)
    deliver(host, billing, "migrated\n", "body");
    var tracker = tracker(host, "rollout: {autoMerge: true}");
    GitHubStub.Pull pull = github.pulls("acme/billing").get(0);
    pull.draft = false;
    pull.checkRuns.put("build", "success");

    var waiting = tracker.refresh(CAMPAIGN).get(0);
    assertThat(waiting.error()).isNull();
    assertThat(waiting.done()).as("green, not approved: nothing to do yet").isNull();
    assertThat(pull.autoMerge).isNull();
    assertThat(github.requests("POST", "/graphql")).extracting(GitHubStub.Recorded::body)
        .noneMatch(q -> q.contains("enablePullRequestAutoMerge"));

    pull.checkRuns.put("build", "failure");
    tracker.refresh(CAMPAIGN);
    assertThat(github.requests("POST", "/graphql")).as("red checks: GitHub is not even asked").hasSize(1);

    pull.checkRuns.put("build", "success");
    pull.reviews.add(new String[] {"alice", "APPROVED"});
    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).isEqualTo("merged (checks green, approved)");
    assertThat(github.requests("PUT", "/repos/acme/billing/pulls/1/merge")).hasSize(1);
    assertThat(pull.merged).isTrue();
  }

  @Test
  void withoutReviewGatesARefreshOnlyReadsAndAPushAfterTheChecksIsNeverMerged() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    deliver(host, billing, "migrated\n", "body");
    GitHubStub.Pull pull = github.pulls("acme/billing").get(0);
    pull.checkRuns.put("build", "success");
    pull.reviews.add(new String[] {"alice", "APPROVED"});

    assertThat(tracker(host, "").refresh(CAMPAIGN).get(0).done()).isNull();
    assertThat(pull.draft).as("pullRequest.draft alone: it stays a draft").isTrue();
    assertThat(github.requests("POST", "/graphql")).isEmpty();

    pull.draft = false; // a person marked it ready
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> host.merge(pr, billing, settings, "0".repeat(40)))
        .isInstanceOf(io.fleetmigrate.deliver.CodeHostException.class);
    assertThat(pull.merged).as("the head moved since the checks were seen: GitHub refuses (409)").isFalse();
  }

  @Test
  void aPullRequestWaitingForAReviewGetsOneNudgeMentioningItsOwnerPerPeriod() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    deliver(host, billing, "migrated\n", "body");
    var tracker = tracker(host, "rollout: {nudgeAfter: 5d}");
    new io.fleetmigrate.inventory.InventoryStore(ds).upsert(List.of(new RepoRef("acme/billing", git.url("acme/billing"), null, "carol",
        List.of(), "inventory.csv")));
    GitHubStub.Pull pull = github.pulls("acme/billing").get(0);
    pull.draft = false;
    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).as("opened just now").isNull();

    // Opened six days ago (as the store and GitHub would say after that long).
    org.springframework.jdbc.core.simple.JdbcClient.create(ds).sql("UPDATE pull_request SET created_at = :t WHERE repository = 'acme/billing'")
        .param("t", store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow().createdAt().minusDays(6)).update();

    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).isEqualTo("nudged @carol to review");
    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).as("once per period").isNull();
    assertThat(pull.comments).hasSize(1);
    assertThat(pull.comments.get(0)).startsWith("@carol: this pull request from the Fleet Migrate campaign `junit5` has waited 6d");
  }

  @Test
  void aNudgeMentionsTheCodeOwnersOfTheChangedPathsOncePerPeriod() throws Exception {
    GitFixtures.origin(git.root().resolve("acme"), "payments", Map.of("README.md", "hello\n", "src/main/java/Pay.java", "class Pay {}\n",
        ".github/CODEOWNERS", "* @platform-lead\n*.md @alice @acme/docs docs@acme.example\n/src/ @bob\n"));
    github.repo("acme", "payments", git.url("acme/payments"));
    RepoRef payments = new RepoRef("acme/payments", git.url("acme/payments"), null, "carol", List.of(), "inventory.csv");
    new io.fleetmigrate.inventory.InventoryStore(ds).upsert(List.of(payments));
    GitHubCodeHost host = host(TOKEN);
    // As the pipeline delivers: the change assessed in its checkout, the owners recorded with the pull request.
    try (Workspace ws = new Checkout().prepare(payments, tmp.resolve("ws-payments"), BRANCH,
        new UsernamePasswordCredentialsProvider("x-access-token", TOKEN))) {
      RevCommit commit = commitReadme(ws, "migrated\n");
      var risk = io.fleetmigrate.rollout.RiskFlag.assess(new CampaignSpec.Rollout(1), ws, 40, io.fleetmigrate.rollout.ChangeCoverage.Baseline.NONE);
      host.deliver(new DeliveryRequest(CAMPAIGN, payments, ws, commit.name(), "Migrate to JUnit 5", "body", risk.options(OPTIONS, payments),
          settings));
      store.pullRequests().saveRisk(CAMPAIGN, payments.name(), risk.reason(), risk.owners());
    }
    var tracker = tracker(host, "rollout: {nudgeAfter: 5d}");
    GitHubStub.Pull pull = github.pulls("acme/payments").get(0);
    pull.draft = false;
    org.springframework.jdbc.core.simple.JdbcClient.create(ds).sql("UPDATE pull_request SET created_at = :t WHERE repository = 'acme/payments'")
        .param("t", store.pullRequests().find(CAMPAIGN, "acme/payments").orElseThrow().createdAt().minusDays(6)).update();

    assertThat(store.pullRequests().owners(CAMPAIGN, "acme/payments")).containsExactly("@alice", "@acme/docs", "docs@acme.example");
    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).as("README.md's owners, not the inventory owner carol")
        .isEqualTo("nudged @alice @acme/docs to review");
    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).as("once per period").isNull();
    assertThat(pull.comments).hasSize(1);
    assertThat(pull.comments.get(0)).startsWith("@alice @acme/docs: this pull request from the Fleet Migrate campaign `junit5` has waited 6d");

    // A period later, one more.
    org.springframework.jdbc.core.simple.JdbcClient.create(ds).sql("UPDATE pull_request SET nudged_at = :t WHERE repository = 'acme/payments'")
        .param("t", store.pullRequests().nudgedAt(CAMPAIGN, "acme/payments").orElseThrow().minusDays(5)).update();
    assertThat(tracker.refresh(CAMPAIGN).get(0).done()).isEqualTo("nudged @alice @acme/docs to review");
    assertThat(pull.comments).hasSize(2);
  }

  @Test
  void aSecondaryRateLimitIsWaitedOutAndNoDuplicatePullRequestOpened() throws Exception {
    github.fault(new GitHubStub.Fault("POST", "/repos/acme/billing/pulls", 403, Map.of("Retry-After", "1"),
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."));
    long start = System.nanoTime();

    Delivery d = deliver(host(TOKEN), billing, "migrated\n", "body one");

    assertThat(d.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(github.requests("POST", "/repos/acme/billing/pulls")).extracting(GitHubStub.Recorded::status).containsExactly(403, 201);
    assertThat(github.pulls("acme/billing")).hasSize(1);
  }

  @Test
  void aPullRequestThatAlreadyExistsIsFoundNotDuplicated() throws Exception {
    // The pull request appeared after our lookup (a lost answer of an earlier attempt, a lagging
    // search): the create answers 422 "already exists" and that pull request is used.
    GitHubCodeHost host = host(TOKEN);
    Delivery first = deliver(host, billing, "migrated\n", "body one");
    github.fault(new GitHubStub.Fault("GET", "/repos/acme/billing/pulls", 200, Map.of(), null));

    Delivery again = deliver(host, billing, "migrated\n", "body one");

    assertThat(again.status()).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(again.prNumber()).isEqualTo(first.prNumber());
    assertThat(github.requests("POST", "/repos/acme/billing/pulls")).extracting(GitHubStub.Recorded::status).containsExactly(201, 422);
    assertThat(github.pulls("acme/billing")).hasSize(1);
  }

  @Test
  void aRejectedTokenIsAClearErrorThatNamesNoSecret() {
    github.token("ghp_theRealOne");

    assertThatThrownBy(() -> deliver(host(TOKEN), billing, "migrated\n", "body"))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("refused the token (401")
        .hasMessageContaining("FLEET_GITHUB_TOKEN")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void aMissingRepositoryIsAClearErrorAndTheNextRepositoryStillDelivers() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    GitFixtures.origin(git.root().resolve("acme"), "ghost", Map.of("README.md", "boo\n"));
    RepoRef ghost = new RepoRef("acme/ghost", git.url("acme/ghost"), null, null, List.of(), "github");

    assertThatThrownBy(() -> deliver(host, ghost, "migrated\n", "body"))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("has no repository acme/ghost (404)");
    assertThat(deliver(host, billing, "migrated\n", "body").status()).isEqualTo(OutcomeStatus.PR_OPENED);
  }

  @Test
  void aTokenGitRefusesFailsThePushCleanly() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    try (Workspace ws = new Checkout().prepare(billing, tmp.resolve("ws"), BRANCH,
        new UsernamePasswordCredentialsProvider("x-access-token", TOKEN))) {
      Files.writeString(ws.dir().resolve("README.md"), "migrated\n");
      ws.git().add().addFilepattern("README.md").call();
      RevCommit c = ws.git().commit().setMessage("c").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
      git.token("a-different-token");

      assertThatThrownBy(() -> host.deliver(new DeliveryRequest(CAMPAIGN, billing, ws, c.name(), "t", "b", OPTIONS, settings)))
          .isInstanceOf(CodeHostException.class)
          .hasMessageContaining("not authorized")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }
    assertThat(served("acme/billing")).isNull();
    assertThat(github.pulls("acme/billing")).isEmpty();
  }

  @Test
  void whenTheTokenCannotPushTheBranchGoesToAForkAndThePullRequestComesFromThere() throws Exception {
    github.repo("acme", "billing", git.url("acme/billing")).push = false;
    git.readOnly("acme/billing");
    github.forker((upstream, fork) -> {
      try {
        Path target = git.root().resolve(fork + ".git");
        Git.cloneRepository().setBare(true).setURI(git.root().resolve(upstream + ".git").toUri().toString())
            .setDirectory(target.toFile()).call().close();
        return git.url(fork);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    Delivery d = deliver(host(TOKEN), billing, "migrated\n", "body");

    assertThat(d.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(served("fleet-bot/billing")).isEqualTo(d.headCommit());
    assertThat(served("acme/billing")).isNull();
    GitHubStub.Pull pull = github.pulls("acme/billing").get(0);
    assertThat(pull.headOwner).isEqualTo("fleet-bot");
  }

  @Test
  void stateReportsMergedDraftReviewAndChecksAndCloseCommentsThenCloses() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    deliver(host, billing, "migrated\n", "body");
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow();
    GitHubStub.Pull pull = github.pulls("acme/billing").get(0);
    pull.reviews.add(new String[] {"alice", "CHANGES_REQUESTED"});
    pull.reviews.add(new String[] {"alice", "APPROVED"});
    pull.statuses.put("ci/jenkins", "success");
    pull.checkRuns.put("build", "success");

    io.fleetmigrate.deliver.PullRequestState open = host.state(pr, billing, settings);
    assertThat(open).isEqualTo(new io.fleetmigrate.deliver.PullRequestState("OPEN", true, "APPROVED", "success", served("acme/billing")));

    pull.checkRuns.put("lint", null);
    assertThat(host.state(pr, billing, settings).checks()).isEqualTo("pending");
    pull.statuses.put("ci/jenkins", "failure");
    assertThat(host.state(pr, billing, settings).checks()).isEqualTo("failure");

    host.close(pr, billing, settings, "No longer needed: the recipe finds nothing to change.");
    assertThat(pull.state).isEqualTo("closed");
    assertThat(pull.comments).containsExactly("No longer needed: the recipe finds nothing to change.");
    assertThat(host.state(pr, billing, settings).state()).isEqualTo("CLOSED");
    pull.merged = true;
    assertThat(host.state(pr, billing, settings).state()).isEqualTo("MERGED");
  }

  /** What a crash after the pending row leaves: the row (as written before the push), and maybe the push. */
  private String crashedDelivery(boolean pushed) throws Exception {
    try (Workspace ws = new Checkout().prepare(billing, tmp.resolve("crashed"), BRANCH,
        new UsernamePasswordCredentialsProvider("x-access-token", TOKEN))) {
      RevCommit commit = commitReadme(ws, "migrated\n");
      pendingRow(commit.name());
      if (pushed) {
        ws.git().push().setRemote(git.url("acme/billing")).setRefSpecs(new RefSpec("refs/heads/" + BRANCH + ":refs/heads/" + BRANCH))
            .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", TOKEN)).call();
      }
      return commit.name();
    }
  }

  private void pendingRow(String commit) {
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
    store.pullRequests().save(new PullRequestStore.PullRequestRecord(CAMPAIGN, "acme/billing", GitHubCodeHost.ID, 0, null, BRANCH, "main",
        "Migrate to JUnit 5", "body one", PullRequestStatus.PENDING, commit, commit, now, now));
  }

  @Test
  void aPushThatLandedBeforeTheCrashIsKeptAndThePullRequestOpenedOnce() throws Exception {
    String pushed = crashedDelivery(true);

    Delivery redone = deliver(host(TOKEN), billing, "migrated\n", "body one"); // redone: a new commit, the same change

    assertThat(redone.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(served("acme/billing")).as("the commit pushed before the crash is kept").isEqualTo(pushed);
    assertThat(github.pulls("acme/billing")).hasSize(1);
    assertThat(github.pulls("acme/billing").get(0).labels).containsExactly("fleet-migrate", "junit5");
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow();
    assertThat(pr.state()).isEqualTo(PullRequestStatus.OPEN);
    assertThat(pr.number()).isEqualTo(redone.prNumber());
    assertThat(pr.headCommit()).isEqualTo(pushed);
    assertThat(pr.pendingCommit()).isNull();
  }

  @Test
  void aPullRequestOpenedJustBeforeTheCrashCountsAsOpenedAndGetsItsLabelsAndReviewers() throws Exception {
    // The crash came after GitHub created the pull request and before we labelled it and confirmed
    // the row: the redo must finish that opening, not report an update of a pull request no
    // outcome of ours ever announced.
    Delivery first = deliver(host(TOKEN), billing, "migrated\n", "body one");
    GitHubStub.Pull pull = github.pulls("acme/billing").get(0);
    pull.labels.clear();
    pull.reviewers.clear();
    pull.teamReviewers.clear();
    pull.assignees.clear();
    pendingRow(first.headCommit());

    Delivery redone = deliver(host(TOKEN), billing, "migrated\n", "body one");

    assertThat(redone.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(redone.prNumber()).isEqualTo(first.prNumber());
    assertThat(github.pulls("acme/billing")).hasSize(1);
    assertThat(github.requests("POST", "/repos/acme/billing/pulls")).hasSize(1);
    assertThat(pull.labels).containsExactly("fleet-migrate", "junit5");
    assertThat(pull.reviewers).containsExactly("alice");
    assertThat(pull.teamReviewers).containsExactly("platform");
    assertThat(pull.assignees).containsExactly("bob");
    assertThat(served("acme/billing")).isEqualTo(first.headCommit());
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow();
    assertThat(pr.state()).isEqualTo(PullRequestStatus.OPEN);
    assertThat(pr.number()).isEqualTo(first.prNumber());
    assertThat(pr.pendingCommit()).isNull();
  }

  @Test
  void theTokenGoesToGitOnlyOverHttpsOnTheApisWebHost() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    CampaignSpec.CodeHost dotCom = new CampaignSpec.CodeHost("github", "https://api.github.com", null, "auto", Duration.ofSeconds(1), 500);
    CampaignSpec.CodeHost enterprise =
        new CampaignSpec.CodeHost("github", "https://ghe.acme.io/api/v3", null, "auto", Duration.ofSeconds(1), 500);

    assertThat(host.cloneCredentials(dotCom, "https://github.com/acme/billing.git")).isNotNull();
    assertThat(host.cloneCredentials(enterprise, "https://ghe.acme.io/acme/billing.git")).isNotNull();
    assertThat(host.cloneCredentials(settings, billing.cloneUrl())).as("loopback http, as in these tests").isNotNull();
    // Another host, or the right host over plain http: cloned without the token.
    assertThat(host.cloneCredentials(dotCom, "https://gitlab.example.com/acme/billing.git")).isNull();
    assertThat(host.cloneCredentials(dotCom, "http://github.com/acme/billing.git")).isNull();
    assertThat(host.cloneCredentials(enterprise, "https://github.com/acme/billing.git")).isNull();
    assertThat(host.cloneCredentials(dotCom, "git@github.com:acme/billing.git")).isNull();
  }

  @Test
  void aPushUrlOffTheApisHostGetsNoToken() {
    // GitHub's answer names a git URL on another host: nothing is pushed there with our token.
    github.repo("acme", "billing", "http://198.51.100.7/acme/billing.git");

    assertThatThrownBy(() -> deliver(host(TOKEN), billing, "migrated\n", "body"))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("not sending the token there");
    assertThat(github.pulls("acme/billing")).isEmpty();
  }

  @Test
  void aLabelFailureKeepsTheOpenedPullRequestRecordedAndNamesTheUrlThatFailed() throws Exception {
    github.fault(new GitHubStub.Fault("POST", "/repos/acme/billing/issues/\\d+/labels", 404, Map.of(), "Not Found"));
    GitHubCodeHost host = host(TOKEN);

    Delivery d = deliver(host, billing, "migrated\n", "body one");

    assertThat(d.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(d.prNumber()).isEqualTo(1);
    assertThat(d.reason()).contains("labels/reviewers not set").contains("/repos/acme/billing/issues/1/labels")
        .doesNotContain("has no repository");
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find(CAMPAIGN, "acme/billing").orElseThrow();
    assertThat(pr.number()).isEqualTo(1);
    assertThat(pr.state()).isEqualTo(PullRequestStatus.OPEN);
    assertThat(pr.url()).isEqualTo("https://github.com/acme/billing/pull/1");
    assertThat(github.pulls("acme/billing")).hasSize(1);
  }

  @Test
  void concurrentDeliveriesNeverOverlapTheirContentCreatingCalls() throws Exception {
    GitFixtures.origin(git.root().resolve("acme"), "ledger", Map.of("README.md", "hello\n"));
    github.repo("acme", "ledger", git.url("acme/ledger"));
    RepoRef ledger = new RepoRef("acme/ledger", git.url("acme/ledger"), null, "platform", List.of(), "github");
    github.contentDelayMillis = 150; // slow answers: overlapping calls would be seen
    GitHubCodeHost host = host(TOKEN);

    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var a = pool.submit(() -> deliver(host, billing, "migrated\n", "body"));
      var b = pool.submit(() -> deliver(host, ledger, "migrated\n", "body"));
      assertThat(a.get().status()).isEqualTo(OutcomeStatus.PR_OPENED);
      assertThat(b.get().status()).isEqualTo(OutcomeStatus.PR_OPENED);
    } finally {
      pool.shutdownNow();
    }

    assertThat(github.requests.stream().filter(r -> !r.method().equals("GET")).count()).isGreaterThan(4);
    assertThat(github.maxContentInFlight.get()).isEqualTo(1);
  }

  @Test
  void aSilentGitServerFailsTheDeliveryInsteadOfHanging() throws Exception {
    try (io.fleetmigrate.testing.SilentServer silent = new io.fleetmigrate.testing.SilentServer()) {
      github.repo("acme", "billing", silent.url("acme/billing.git"));
      GitHubCodeHost host = host(TOKEN);
      host.gitTimeout(Duration.ofSeconds(2));

      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
          assertThatThrownBy(() -> deliver(host, billing, "migrated\n", "body"))
              .isInstanceOf(CodeHostException.class)
              .hasMessageContaining("acme/billing"));
    }
    assertThat(github.pulls("acme/billing")).isEmpty();
  }

  @Test
  void aPersonsEditOfTitleAndBodyStaysUntilOurOwnTextChanges() throws Exception {
    GitHubCodeHost host = host(TOKEN);
    deliver(host, billing, "migrated\n", "body one");
    GitHubStub.Pull pull = github.pulls("acme/billing").get(0);
    pull.body = "body one\n\nReviewer note: wait for the release freeze.";
    pull.title = "Migrate to JUnit 5 (after the freeze)";

    Delivery same = deliver(host, billing, "migrated\n", "body one");

    assertThat(same.reason()).contains("already holds this change");
    assertThat(pull.body).endsWith("wait for the release freeze.");
    assertThat(pull.title).isEqualTo("Migrate to JUnit 5 (after the freeze)");
    assertThat(github.requests("PATCH", "/repos/acme/billing/pulls/\\d+")).isEmpty();

    deliver(host, billing, "migrated\n", "body two");
    assertThat(pull.body).isEqualTo("body two");
    assertThat(pull.title).as("our title did not change").isEqualTo("Migrate to JUnit 5 (after the freeze)");
  }

  @Test
  void withoutPermissionsInTheAnswerAutoPushesUpstreamWhenGitAllowsIt() throws Exception {
    // GitHub App installation tokens get no "permissions" with a repository: only the push can tell.
    github.repo("acme", "billing", git.url("acme/billing")).push = false;

    Delivery d = deliver(host(TOKEN), billing, "migrated\n", "body");

    assertThat(d.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(served("acme/billing")).isEqualTo(d.headCommit());
    assertThat(github.pulls("acme/billing").get(0).headOwner).isEqualTo("acme");
    assertThat(github.requests("POST", "/repos/acme/billing/forks")).isEmpty();
  }

  /** A person pushes a commit of their own to the campaign branch on the server. */
  private String pushAsAPerson(String fullName) throws Exception {
    Path clone = tmp.resolve("person");
    try (Git g = Git.cloneRepository().setURI(git.root().resolve(fullName + ".git").toUri().toString()).setBranch(BRANCH)
        .setDirectory(clone.toFile()).call()) {
      Files.writeString(clone.resolve("NOTES.md"), "a person's fix\n");
      g.add().addFilepattern("NOTES.md").call();
      RevCommit c = g.commit().setMessage("fix by hand").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
      g.push().setRefSpecs(new RefSpec("refs/heads/" + BRANCH + ":refs/heads/" + BRANCH)).call();
      return c.name();
    }
  }

}
