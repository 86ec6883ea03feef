package io.fleetmigrate.deliver.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.checkout.Workspace;
import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.CodeHosts;
import io.fleetmigrate.deliver.Delivery;
import io.fleetmigrate.deliver.DeliveryRequest;
import io.fleetmigrate.deliver.LocalCodeHost;
import io.fleetmigrate.deliver.PullRequestState;
import io.fleetmigrate.deliver.PullRequestTracker;
import io.fleetmigrate.deliver.github.ContentCallThrottle;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStore;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.GitLabStub;
import io.fleetmigrate.testing.GitSmartHttpServer;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The gitlab code host against a stateful GitLab stub (answering as GitLab's REST API v4 documents,
 * and refusing attributes the documentation does not list) and a real git smart-HTTP server on
 * loopback. The token is a canary: after every test it must be in no log line, no exception
 * message, no database row and no URL git was sent to.
 */
class GitLabCodeHostTest {
  static final String CAMPAIGN = "junit5";
  static final String BRANCH = "fleet/junit5";
  private final String canary = "glpat-CANARY" + UUID.randomUUID().toString().replace("-", "");

  @TempDir Path tmp;
  private GitSmartHttpServer git;
  private GitLabStub gitlab;
  private DataSource ds;
  private CampaignStore store;
  private CampaignSpec.CodeHost settings;
  private RepoRef billing;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void setUp() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    logs.start();
    Path root = tmp.resolve("served");
    Files.createDirectories(root.resolve("acme/platform"));
    git = new GitSmartHttpServer(root, canary);
    gitlab = new GitLabStub(canary, "fleet-bot", (path, branch) -> GitFixtures.tip(root.resolve(path + ".git"), branch));
    gitlab.user("alice");
    gitlab.user("bob");
    GitFixtures.origin(root.resolve("acme/platform"), "billing", Map.of("README.md", "hello\n"));
    gitlab.project("acme/platform/billing", git.url("acme/platform/billing"));
    billing = new RepoRef("acme/platform/billing", git.url("acme/platform/billing"), null, null, List.of(), "gitlab");
    ds = TestDatabase.migrated();
    store = CampaignStore.of(ds);
    store.runs().saveCampaign(CAMPAIGN, "", null, "name: junit5");
    settings = new CampaignSpec.CodeHost("gitlab", gitlab.apiUrl(), null, "auto", Duration.ofMillis(20), 500);
  }

  @AfterEach
  void theCanaryTokenIsNowhereItShouldNotBe() throws Exception {
    try {
      assertThat(gitlab.requests).as("every request is shaped as GitLab documents it").noneMatch(r -> r.status() == 400);
      assertThat(git.requestLines).noneMatch(l -> l.contains(canary));
      for (ILoggingEvent e : logs.list) {
        assertThat(e.getFormattedMessage()).doesNotContain(canary);
        if (e.getThrowableProxy() != null) {
          assertThat(ThrowableProxyUtil.asString(e.getThrowableProxy())).doesNotContain(canary);
        }
      }
      try (Connection db = ds.getConnection(); ResultSet rs = db.createStatement().executeQuery("SCRIPT")) {
        StringBuilder dump = new StringBuilder();
        while (rs.next()) {
          dump.append(rs.getString(1)).append('\n');
        }
        assertThat(dump.toString()).doesNotContain(canary);
      }
    } finally {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
      gitlab.close();
      git.close();
    }
  }

  private GitLabCodeHost host(String token) {
    return new GitLabCodeHost(store, new GitLabConnections(ContentCallThrottle.jdbcLedger(ds), Map.of("FLEET_GITLAB_TOKEN", token)),
        new DataSourceTransactionManager(ds));
  }

  private static final CampaignSpec.PullRequest OPTIONS = new CampaignSpec.PullRequest(
      BRANCH, "Migrate to JUnit 5", "body", true, List.of("fleet-migrate", "junit5"), List.of("alice"), List.of(), List.of("bob"));

  private Delivery deliver(GitLabCodeHost host, String content, String body) throws Exception {
    try (Workspace ws = new Checkout().prepare(billing, tmp.resolve("ws-" + System.nanoTime()), BRANCH,
        new UsernamePasswordCredentialsProvider("oauth2", canary))) {
      Files.writeString(ws.dir().resolve("README.md"), content);
      ws.git().add().addFilepattern("README.md").call();
      RevCommit commit = ws.git().commit().setMessage("change").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON)
          .setSign(false).call();
      return host.deliver(new DeliveryRequest(CAMPAIGN, billing, ws, commit.name(), "Migrate to JUnit 5", body, OPTIONS, settings));
    }
  }


  private String served() {
    return GitFixtures.tip(git.root().resolve("acme/platform/billing.git"), BRANCH);
  }

  private static final String MRS = "/projects/acme/platform/billing/merge_requests";

  @Test
  void firstRunPushesAsOauth2AndOpensADraftMergeRequestWithLabelsReviewersAndAssignees() throws Exception {
    Delivery d = deliver(host(canary), "migrated\n", "body one");

    assertThat(d.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(d.prNumber()).isEqualTo(1);
    assertThat(served()).isEqualTo(d.headCommit());
    GitLabStub.MergeRequest mr = gitlab.mergeRequests("acme/platform/billing").get(0);
    assertThat(mr.title).isEqualTo("Draft: Migrate to JUnit 5");
    assertThat(mr.draft()).isTrue();
    assertThat(mr.description).isEqualTo("body one");
    assertThat(mr.sourceBranch).isEqualTo(BRANCH);
    assertThat(mr.targetBranch).isEqualTo("main");
    assertThat(mr.labels).containsExactly("fleet-migrate", "junit5");
    assertThat(mr.reviewerIds).containsExactly(gitlab.userId("alice"));
    assertThat(mr.assigneeIds).containsExactly(gitlab.userId("bob"));
    assertThat(gitlab.requests("GET", "/users")).extracting(r -> r.query().get("username")).containsExactly("alice", "bob");
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find(CAMPAIGN, "acme/platform/billing").orElseThrow();
    assertThat(pr.host()).isEqualTo("gitlab");
    assertThat(pr.number()).isEqualTo(1);
    assertThat(pr.url()).isEqualTo("https://gitlab.example.com/acme/platform/billing/-/merge_requests/1");
    assertThat(pr.state()).isEqualTo(PullRequestStatus.OPEN);
    // The API got the token in PRIVATE-TOKEN; git as the password of oauth2, never in a URL.
    assertThat(gitlab.requests).allMatch(r -> r.token().equals(canary));
    assertThat(git.authorizations).isNotEmpty().allMatch(a ->
        new String(Base64.getDecoder().decode(a.substring("Basic ".length())), StandardCharsets.UTF_8).equals("oauth2:" + canary));
  }

  @Test
  void aReRunWithTheSameResultOpensNothingAndChangesNothing() throws Exception {
    GitLabCodeHost host = host(canary);
    Delivery first = deliver(host, "migrated\n", "body one");
    int before = gitlab.requests.size();

    Delivery second = deliver(host, "migrated\n", "body one");

    assertThat(second.status()).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(second.prNumber()).isEqualTo(first.prNumber());
    assertThat(second.reason()).contains("already holds this change");
    assertThat(gitlab.mergeRequests("acme/platform/billing")).hasSize(1);
    assertThat(gitlab.requests.subList(before, gitlab.requests.size())).allMatch(r -> r.method().equals("GET"));
    assertThat(served()).isEqualTo(first.headCommit());
  }

  @Test
  void aChangedResultIsPushedAndTheMergeRequestUpdatedNotDuplicated() throws Exception {
    GitLabCodeHost host = host(canary);
    Delivery first = deliver(host, "migrated\n", "body one");

    Delivery second = deliver(host, "migrated better\n", "body two");

    assertThat(second.status()).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(second.reason()).contains("merge request !1 updated with a new result");
    assertThat(served()).isEqualTo(second.headCommit()).isNotEqualTo(first.headCommit());
    assertThat(gitlab.mergeRequests("acme/platform/billing")).hasSize(1);
    assertThat(gitlab.mergeRequests("acme/platform/billing").get(0).description).isEqualTo("body two");
    assertThat(gitlab.requests("POST", MRS)).hasSize(1);
    assertThat(gitlab.requests("PUT", MRS + "/1")).extracting(GitLabStub.Recorded::body).containsExactly("{\"description\":\"body two\"}");
  }

  @Test
  void aCommitAPersonPushedToTheBranchIsLeftAlone() throws Exception {
    GitLabCodeHost host = host(canary);
    deliver(host, "migrated\n", "body one");
    String human = pushAsAPerson("acme/platform/billing");
    int before = gitlab.requests.size();

    Delivery again = deliver(host, "migrated better\n", "body two");

    assertThat(again.status()).isEqualTo(OutcomeStatus.HUMAN_EDITED);
    assertThat(again.reason()).contains("did not push").contains("left alone");
    assertThat(served()).isEqualTo(human);
    assertThat(gitlab.mergeRequests("acme/platform/billing").get(0).description).isEqualTo("body one");
    assertThat(gitlab.requests.subList(before, gitlab.requests.size())).allMatch(r -> r.method().equals("GET"));
  }

  @Test
  void aMergeRequestAPersonClosedIsNotReopened() throws Exception {
    GitLabCodeHost host = host(canary);
    deliver(host, "migrated\n", "body one");
    gitlab.mergeRequests("acme/platform/billing").get(0).state = "closed";

    Delivery again = deliver(host, "migrated better\n", "body two");

    assertThat(again.status()).isEqualTo(OutcomeStatus.HUMAN_EDITED);
    assertThat(again.reason()).contains("merge request !1 was closed without merging; not reopened");
    assertThat(gitlab.mergeRequests("acme/platform/billing")).hasSize(1);
    assertThat(gitlab.requests("POST", MRS)).hasSize(1);
  }

  @Test
  void aMergeRequestThatAlreadyExistsIsFoundNotDuplicated() throws Exception {
    // The merge request appeared after our lookup (an earlier attempt's answer was lost): GitLab answers 409.
    GitLabCodeHost host = host(canary);
    Delivery first = deliver(host, "migrated\n", "body one");
    gitlab.fault(new GitLabStub.Fault("GET", MRS, 200, Map.of(), "[]"));

    Delivery again = deliver(host, "migrated\n", "body one");

    assertThat(again.status()).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(again.prNumber()).isEqualTo(first.prNumber());
    assertThat(gitlab.requests("POST", MRS)).extracting(GitLabStub.Recorded::status).containsExactly(201, 409);
    assertThat(gitlab.mergeRequests("acme/platform/billing")).hasSize(1);
  }

  @Test
  void anAttemptThatCrashedAfterPushingAndOpeningIsFinishedNotDuplicated() throws Exception {
    // What a crash leaves: the pending row, the pushed branch, and a merge request GitLab opened (labels not yet set).
    String commit;
    try (Workspace ws = new Checkout().prepare(billing, tmp.resolve("crashed"), BRANCH, new UsernamePasswordCredentialsProvider("oauth2", canary))) {
      Files.writeString(ws.dir().resolve("README.md"), "migrated\n");
      ws.git().add().addFilepattern("README.md").call();
      commit = ws.git().commit().setMessage("change").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call()
          .name();
      java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
      store.pullRequests().save(new PullRequestStore.PullRequestRecord(CAMPAIGN, "acme/platform/billing", GitLabCodeHost.ID, 0, null, BRANCH,
          "main", "Migrate to JUnit 5", "body one", PullRequestStatus.PENDING, commit, commit, now, now));
      ws.git().push().setRemote(git.url("acme/platform/billing")).setRefSpecs(new RefSpec("refs/heads/" + BRANCH + ":refs/heads/" + BRANCH))
          .setCredentialsProvider(new UsernamePasswordCredentialsProvider("oauth2", canary)).call();
    }
    GitLabConnections connections = new GitLabConnections(ContentCallThrottle.jdbcLedger(ds), Map.of("FLEET_GITLAB_TOKEN", canary));
    connections.api(settings, connections.token(settings)).post(MRS.replace("acme/platform/billing", GitLabApi.id("acme/platform/billing")),
        Map.of("source_branch", BRANCH, "target_branch", "main", "title", "Draft: Migrate to JUnit 5", "labels", "someone-elses"));
    int posts = gitlab.requests("POST", MRS).size();

    Delivery d = deliver(host(canary), "migrated\n", "body one");

    assertThat(d.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(d.prNumber()).isEqualTo(1);
    assertThat(d.headCommit()).isEqualTo(commit);
    assertThat(gitlab.requests("POST", MRS)).hasSize(posts);
    GitLabStub.MergeRequest mr = gitlab.mergeRequests("acme/platform/billing").get(0);
    assertThat(mr.labels).containsExactly("someone-elses", "fleet-migrate", "junit5");
    assertThat(mr.reviewerIds).containsExactly(gitlab.userId("alice"));
    assertThat(store.pullRequests().find(CAMPAIGN, "acme/platform/billing").orElseThrow().state()).isEqualTo(PullRequestStatus.OPEN);
  }

  @Test
  void a429IsWaitedOutAsRetryAfterSaysAndNoDuplicateOpened() throws Exception {
    gitlab.fault(new GitLabStub.Fault("POST", MRS, 429, Map.of("Retry-After", "1"), "{\"message\":\"429 Too Many Requests\"}"));
    long start = System.nanoTime();

    Delivery d = deliver(host(canary), "migrated\n", "body one");

    assertThat(d.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(gitlab.requests("POST", MRS)).extracting(GitLabStub.Recorded::status).containsExactly(429, 201);
    assertThat(gitlab.mergeRequests("acme/platform/billing")).hasSize(1);
  }

  @Test
  void fewRequestsLeftMakeTheNextWaitForTheReset() throws Exception {
    GitLabApi api = new GitLabConnections(ContentCallThrottle.jdbcLedger(ds), Map.of("FLEET_GITLAB_TOKEN", canary))
        .api(settings, GitLabToken.resolve(null, "codeHost.tokenFile", Map.of("FLEET_GITLAB_TOKEN", canary)));
    gitlab.rateLimitRemaining = GitLabApi.RESERVE;
    gitlab.rateLimitReset = System.currentTimeMillis() / 1000 + 2;
    api.get("/user", Map.of());
    gitlab.rateLimitRemaining = 2000;
    long start = System.nanoTime();

    api.get("/user", Map.of());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void stateReportsDraftApprovalsAndPipelineAndCloseCommentsThenCloses() throws Exception {
    GitLabCodeHost host = host(canary);
    deliver(host, "migrated\n", "body");
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find(CAMPAIGN, "acme/platform/billing").orElseThrow();
    GitLabStub.MergeRequest mr = gitlab.mergeRequests("acme/platform/billing").get(0);
    mr.approvalsRequired = 1;
    mr.pipeline = "running";

    assertThat(host.state(pr, billing, settings)).isEqualTo(new PullRequestState("OPEN", true, "REVIEW_REQUIRED", "pending", served()));
    mr.approvedBy.add("alice");
    mr.pipeline = "success";
    assertThat(host.state(pr, billing, settings)).isEqualTo(new PullRequestState("OPEN", true, "APPROVED", "success", served()));
    mr.pipeline = "failed";
    assertThat(host.state(pr, billing, settings).checks()).isEqualTo("failure");
    assertThat(host.openness(pr, billing, settings)).isEqualTo("OPEN");

    PullRequestStore.PullRequestRecord row = store.pullRequests().find(CAMPAIGN, "acme/platform/billing").orElseThrow();
    assertThat(host.close(row, billing, settings, "No longer needed.")).isEqualTo(new io.fleetmigrate.deliver.CodeHost.Closed(true, "CLOSED"));
    assertThat(mr.state).isEqualTo("closed");
    assertThat(mr.notes).containsExactly("No longer needed.");
    assertThat(host.state(pr, billing, settings).state()).isEqualTo("CLOSED");
    mr.state = "merged";
    assertThat(host.openness(pr, billing, settings)).isEqualTo("MERGED");
  }

  @Test
  void closeAllThroughTheTrackerLeavesAMergedOneAloneAndRecordsWhatGitLabSays() throws Exception {
    GitLabCodeHost host = host(canary);
    deliver(host, "migrated\n", "body");
    store.runs().saveCampaign(CAMPAIGN, "", null, """
        name: junit5
        recipes: [a.B]
        codeHost: {type: gitlab, apiUrl: %s}
        """.formatted(gitlab.apiUrl()));
    InventoryStore inventory = new InventoryStore(ds);
    inventory.upsert(List.of(billing));
    GitLabStub.MergeRequest mr = gitlab.mergeRequests("acme/platform/billing").get(0);
    mr.state = "merged"; // merged by a person since the last refresh; the store still says OPEN
    var tracker = new PullRequestTracker(store, inventory,
        new CodeHosts(new LocalCodeHost(store, new DataSourceTransactionManager(ds)), host));

    var closing = tracker.close(CAMPAIGN, true, false);

    assertThat(closing).extracting(c -> c.pr().repository() + " " + c.closed() + " " + c.foundState() + " " + c.error())
        .containsExactly("acme/platform/billing false MERGED null");
    assertThat(store.pullRequests().find(CAMPAIGN, "acme/platform/billing").orElseThrow().state()).isEqualTo(PullRequestStatus.MERGED);
    assertThat(gitlab.requests("PUT", MRS + "/1")).isEmpty();
    assertThat(mr.notes).isEmpty();
  }

  @Test
  void aRejectedTokenIsAClearErrorThatNamesNoSecret() {
    gitlab.token("glpat-theRealOne");

    assertThatThrownBy(() -> deliver(host(canary), "migrated\n", "body"))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("refused the token (401")
        .hasMessageContaining("FLEET_GITLAB_TOKEN")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(canary));
  }

  @Test
  void aMissingProjectNamesItsPath() throws Exception {
    RepoRef ghost = new RepoRef("acme/ghost", git.url("acme/platform/billing"), null, null, List.of(), "gitlab");
    try (Workspace ws = new Checkout().prepare(billing, tmp.resolve("ws"), BRANCH, new UsernamePasswordCredentialsProvider("oauth2", canary))) {
      assertThatThrownBy(() -> host(canary).deliver(new DeliveryRequest(CAMPAIGN, ghost, ws, ws.git().getRepository().resolve("HEAD").name(),
          "t", "b", OPTIONS, settings)))
          .isInstanceOf(CodeHostException.class)
          .hasMessageContaining("has no project acme/ghost (404)");
    }
  }

  @Test
  void cloneCredentialsGoOnlyToTheApisHost() throws Exception {
    GitLabCodeHost host = host(canary);
    assertThat(host.cloneCredentials(settings, git.url("acme/platform/billing"))).isNotNull();
    assertThat(host.cloneCredentials(settings, "https://elsewhere.example.com/acme/x.git")).isNull();
    assertThat(host.cloneCredentials(settings, "http://10.1.2.3/acme/x.git")).isNull();
  }

  // ---------------------------------------------------------------- forks

  private static final String FORK = "fleet-bot/billing";
  private static final String FORK_MRS = "/projects/fleet-bot/billing/merge_requests";

  /** The token may read the project but git refuses its pushes (403), and GitLab's forks get a real repository. */
  private void theProjectRefusesPushesAndForksAreServed() {
    git.readOnly("acme/platform/billing");
    gitlab.forker((upstream, fork) -> {
      try {
        Git.cloneRepository().setBare(true).setURI(git.root().resolve(upstream + ".git").toUri().toString())
            .setDirectory(git.root().resolve(fork + ".git").toFile()).call().close();
        return git.url(fork);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private String servedOn(String path) {
    return GitFixtures.tip(git.root().resolve(path + ".git"), BRANCH);
  }

  private CampaignSpec.CodeHost fork(String mode) {
    return new CampaignSpec.CodeHost("gitlab", gitlab.apiUrl(), null, mode, Duration.ofMillis(20), 500);
  }

  private static boolean pushesTo(String line, String path) {
    return line.contains("/git/" + path + ".git/") && line.contains("receive-pack");
  }

  @Test
  void whenGitRefusesThePushTheBranchGoesToTheUsersForkAndTheMergeRequestFromThereIntoTheProject() throws Exception {
    theProjectRefusesPushesAndForksAreServed();
    GitLabCodeHost host = host(canary);
    host.forkWait(Duration.ofSeconds(30), Duration.ofMillis(20));

    Delivery d = deliver(host, "migrated\n", "body one");

    assertThat(d.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(d.reason()).contains("merge request !1 opened from fleet-bot/billing:" + BRANCH);
    assertThat(servedOn(FORK)).isEqualTo(d.headCommit());
    assertThat(served()).as("nothing reached the project itself").isNull();
    GitLabStub.Project upstream = gitlab.projectAt("acme/platform/billing");
    GitLabStub.Project fork = gitlab.projectAt(FORK);
    assertThat(fork.forkedFrom).isSameAs(upstream);
    assertThat(gitlab.requests("POST", "/projects/acme/platform/billing/fork")).hasSize(1);
    // GitLab copies a fork in the background: it was read until its import finished (two "started", then "finished").
    assertThat(gitlab.requests("GET", "/projects/" + fork.id)).hasSize(3);
    assertThat(fork.importStatus).isEqualTo("finished");
    // Created on the fork, aimed at the project, where it lives.
    GitLabStub.Recorded post = gitlab.requests("POST", FORK_MRS).get(0);
    assertThat(post.body()).contains("\"target_project_id\":" + upstream.id).contains("\"allow_collaboration\":true");
    assertThat(gitlab.mergeRequests(FORK)).isEmpty();
    GitLabStub.MergeRequest mr = gitlab.mergeRequests("acme/platform/billing").get(0);
    assertThat(mr.sourceProject).isEqualTo(FORK);
    assertThat(mr.sourceBranch).isEqualTo(BRANCH);
    assertThat(mr.targetBranch).isEqualTo("main");
    assertThat(mr.title).isEqualTo("Draft: Migrate to JUnit 5");
    assertThat(mr.labels).containsExactly("fleet-migrate", "junit5");
    assertThat(mr.reviewerIds).containsExactly(gitlab.userId("alice"));
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find(CAMPAIGN, "acme/platform/billing").orElseThrow();
    assertThat(pr.number()).isEqualTo(1);
    assertThat(pr.url()).isEqualTo("https://gitlab.example.com/acme/platform/billing/-/merge_requests/1");
    assertThat(pr.state()).isEqualTo(PullRequestStatus.OPEN);

    // Tracking and closing go to the project, where the merge request lives; its head is the fork's branch.
    mr.pipeline = "success";
    assertThat(host.state(pr, billing, settings)).isEqualTo(new PullRequestState("OPEN", true, "NONE", "success", servedOn(FORK)));
    assertThat(host.close(pr, billing, settings, "No longer needed.")).isEqualTo(new io.fleetmigrate.deliver.CodeHost.Closed(true, "CLOSED"));
    assertThat(mr.state).isEqualTo("closed");
    assertThat(host.openness(pr, billing, settings)).isEqualTo("CLOSED");
  }

  @Test
  void aReRunFindsTheForkAndItsOwnMergeRequestAndUpdatesItNotAnotherWithTheSameBranchName() throws Exception {
    theProjectRefusesPushesAndForksAreServed();
    // A person's fork has an open merge request from a branch of the same name: it is not ours.
    GitFixtures.origin(git.root().resolve("alice"), "billing", Map.of("README.md", "alice\n"));
    gitlab.project("alice/billing", git.url("alice/billing")).forkedFrom = gitlab.projectAt("acme/platform/billing");
    GitLabStub.MergeRequest alices = gitlab.openMergeRequest("alice/billing", "acme/platform/billing", BRANCH, "Alice's own");
    GitLabCodeHost host = host(canary);
    host.forkWait(Duration.ofSeconds(30), Duration.ofMillis(20));
    Delivery first = deliver(host, "migrated\n", "body one");
    assertThat(first.prNumber()).isEqualTo(2);

    Delivery second = deliver(host, "migrated better\n", "body two");

    assertThat(second.status()).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(second.reason()).contains("merge request !2 updated with a new result");
    assertThat(servedOn(FORK)).isEqualTo(second.headCommit()).isNotEqualTo(first.headCommit());
    assertThat(served()).isNull();
    assertThat(gitlab.requests("POST", "/projects/acme/platform/billing/fork")).as("the fork is found, not made again").hasSize(1);
    assertThat(gitlab.requests("GET", "/projects/acme/platform/billing/forks")).extracting(r -> r.query().get("owned"))
        .containsOnly("true");
    assertThat(gitlab.requests("POST", FORK_MRS)).hasSize(1);
    assertThat(gitlab.mergeRequests("acme/platform/billing")).hasSize(2);
    assertThat(gitlab.mergeRequests("acme/platform/billing").get(1).description).isEqualTo("body two");
    assertThat(alices.description).isEmpty();
    assertThat(alices.title).isEqualTo("Alice's own");

    int before = gitlab.requests.size();
    Delivery third = deliver(host, "migrated better\n", "body two");
    assertThat(third.status()).isEqualTo(OutcomeStatus.PR_UPDATED);
    assertThat(third.reason()).contains("merge request !2 is open and already holds this change");
    assertThat(gitlab.requests.subList(before, gitlab.requests.size())).allMatch(r -> r.method().equals("GET"));
  }

  @Test
  void aCommitAPersonPushedToTheForksBranchIsLeftAlone() throws Exception {
    theProjectRefusesPushesAndForksAreServed();
    GitLabCodeHost host = host(canary);
    host.forkWait(Duration.ofSeconds(30), Duration.ofMillis(20));
    deliver(host, "migrated\n", "body one");
    String human = pushAsAPerson(FORK);
    int puts = gitlab.requests("PUT", MRS + "/1").size();

    Delivery again = deliver(host, "migrated better\n", "body two");

    assertThat(again.status()).isEqualTo(OutcomeStatus.HUMAN_EDITED);
    assertThat(again.reason()).contains("on " + FORK + " has commits this campaign did not push").contains("left alone");
    assertThat(servedOn(FORK)).isEqualTo(human);
    assertThat(gitlab.mergeRequests("acme/platform/billing").get(0).description).isEqualTo("body one");
    assertThat(gitlab.requests("PUT", MRS + "/1")).hasSize(puts);
  }

  @Test
  void forkAlwaysGoesToTheForkWithoutTryingTheProject() throws Exception {
    theProjectRefusesPushesAndForksAreServed();
    settings = fork("always");
    GitLabCodeHost host = host(canary);
    host.forkWait(Duration.ofSeconds(30), Duration.ofMillis(20));

    Delivery d = deliver(host, "migrated\n", "body one");

    assertThat(d.status()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(servedOn(FORK)).isEqualTo(d.headCommit());
    assertThat(git.requestLines).noneMatch(l -> pushesTo(l, "acme/platform/billing"));
    assertThat(gitlab.mergeRequests("acme/platform/billing").get(0).sourceProject).isEqualTo(FORK);
  }

  @Test
  void forkNeverMakesTheRefusalTheReasonAndForksNothing() throws Exception {
    theProjectRefusesPushesAndForksAreServed();
    settings = fork("never");

    assertThatThrownBy(() -> deliver(host(canary), "migrated\n", "body one"))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("push of " + BRANCH + " to acme/platform/billing refused (the token may not push there)")
        .hasMessageContaining("not permitted")
        .hasMessageContaining("codeHost.fork is never, so no fork was tried")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(canary));
    assertThat(gitlab.requests("POST", "/projects/acme/platform/billing/fork")).isEmpty();
    assertThat(gitlab.projectAt(FORK)).isNull();
    assertThat(gitlab.mergeRequests("acme/platform/billing")).isEmpty();
    assertThat(served()).isNull();
  }

  @Test
  void aTokenGitRejectsOnThePushIsAnErrorNotAReasonToFork() throws Exception {
    theProjectRefusesPushesAndForksAreServed();
    git.refuseTokenForPush("acme/platform/billing");

    assertThatThrownBy(() -> deliver(host(canary), "migrated\n", "body one"))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("push of " + BRANCH + " to acme/platform/billing failed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(canary).doesNotContain("refused (the token may not push"));
    assertThat(gitlab.requests("POST", "/projects/acme/platform/billing/fork")).isEmpty();
    assertThat(gitlab.requests("GET", "/projects/acme/platform/billing/forks")).isEmpty();
    assertThat(gitlab.mergeRequests("acme/platform/billing")).isEmpty();
  }

  @Test
  void aForkThatGitLabDoesNotFinishCopyingIsAClearErrorAfterABoundedWait() throws Exception {
    theProjectRefusesPushesAndForksAreServed();
    gitlab.forkImportReads = Integer.MAX_VALUE;
    GitLabCodeHost host = host(canary);
    host.forkWait(Duration.ofSeconds(1), Duration.ofMillis(50));

    assertThatThrownBy(() -> deliver(host, "migrated\n", "body one"))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("GitLab's fork of acme/platform/billing (fleet-bot/billing) is not ready after 1 s (import_status started)");
    assertThat(servedOn(FORK)).isNull();
    assertThat(gitlab.mergeRequests("acme/platform/billing")).isEmpty();
  }

  @Test
  void aForkWhoseCopyFailedIsAClearError() throws Exception {
    theProjectRefusesPushesAndForksAreServed();
    gitlab.forkImportFails = true;
    GitLabCodeHost host = host(canary);
    host.forkWait(Duration.ofSeconds(30), Duration.ofMillis(20));

    assertThatThrownBy(() -> deliver(host, "migrated\n", "body one"))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("GitLab's fork of acme/platform/billing (fleet-bot/billing) failed (import_status failed: "
            + "the repository could not be copied)");
    assertThat(servedOn(FORK)).isNull();
  }

  @Test
  void aProjectOfTheSameNameInTheUsersNamespaceThatIsNotAForkIsNamed() throws Exception {
    theProjectRefusesPushesAndForksAreServed();
    gitlab.project(FORK, git.url(FORK));

    assertThatThrownBy(() -> deliver(host(canary), "migrated\n", "body one"))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("would not fork it into fleet-bot's namespace")
        .hasMessageContaining("has already been taken");
  }

  private String pushAsAPerson(String path) throws Exception {
    Path clone = tmp.resolve("person");
    try (Git g = Git.cloneRepository().setURI(git.root().resolve(path + ".git").toUri().toString()).setBranch(BRANCH)
        .setDirectory(clone.toFile()).call()) {
      Files.writeString(clone.resolve("NOTES.md"), "a person's fix\n");
      g.add().addFilepattern("NOTES.md").call();
      RevCommit c = g.commit().setMessage("fix by hand").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
      g.push().setRefSpecs(new RefSpec("refs/heads/" + BRANCH + ":refs/heads/" + BRANCH)).call();
      return c.name();
    }
  }
}
