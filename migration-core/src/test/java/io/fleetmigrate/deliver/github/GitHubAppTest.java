package io.fleetmigrate.deliver.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.checkout.Workspace;
import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.Delivery;
import io.fleetmigrate.deliver.DeliveryRequest;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.GitHubOpenApi;
import io.fleetmigrate.testing.GitHubStub;
import io.fleetmigrate.testing.GitSmartHttpServer;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Delivering as a GitHub App: the App's JWT (signed with its key, checked by the stub as GitHub
 * does) gets an installation token for the repository's owner, which pushes over git smart HTTP
 * and opens the pull request; the token is renewed when it is about to expire, in the middle of a
 * run; the key and the tokens appear in no message, log line or database row.
 */
class GitHubAppTest {
  static final long APP_ID = 12345;
  static final String BRANCH = "fleet/junit5";
  static final String CAMPAIGN = "junit5";

  @TempDir Path tmp;
  private GitSmartHttpServer git;
  private GitHubStub github;
  private DataSource ds;
  private CampaignStore store;
  private KeyPair key;
  private Path keyFile;
  private String keyCanary;
  private ListAppender<ILoggingEvent> logged;

  @BeforeEach
  void setUp() throws Exception {
    Path root = tmp.resolve("served");
    Files.createDirectories(root.resolve("acme"));
    git = new GitSmartHttpServer(root, "no-personal-token-" + System.nanoTime());
    github = new GitHubStub("no-personal-token", "fleet-migrate[bot]", (repo, branch) -> tip(root.resolve(repo + ".git"), branch));
    git.accept(github::validInstallationToken);
    github.org("acme", "platform");
    for (String name : List.of("billing", "ledger")) {
      GitFixtures.origin(root.resolve("acme"), name, Map.of("README.md", "hello\n"));
      github.repo("acme", name, git.url("acme/" + name));
    }
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    key = rsa.generateKeyPair();
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded());
    keyCanary = body.lines().skip(3).findFirst().orElseThrow();
    keyFile = Files.writeString(tmp.resolve("app.pem"), "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    github.app(APP_ID, key.getPublic());
    github.installation("acme", 77);
    ds = TestDatabase.migrated();
    store = CampaignStore.of(ds);
    store.runs().saveCampaign(CAMPAIGN, "", null, "name: junit5");
    logged = new ListAppender<>();
    logged.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logged);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
    github.close();
    git.close();
  }

  private static String tip(Path bare, String branch) {
    try (org.eclipse.jgit.api.Git g = org.eclipse.jgit.api.Git.open(bare.toFile())) {
      org.eclipse.jgit.lib.ObjectId id = g.getRepository().resolve("refs/heads/" + branch);
      return id == null ? null : id.name();
    } catch (Exception e) {
      return null;
    }
  }

  private CampaignSpec.CodeHost settings(long appId, String keyFile, Long installation) {
    return new CampaignSpec.CodeHost("github", github.apiUrl(), null, "never", Duration.ofMillis(20), 500,
        new CampaignSpec.App(appId, keyFile, installation));
  }

  private GitHubConnections connections() {
    return new GitHubConnections(ContentCallThrottle.jdbcLedger(ds), Map.of());
  }

  private Delivery deliver(GitHubCodeHost host, CampaignSpec.CodeHost settings, String name) throws Exception {
    RepoRef repo = new RepoRef("acme/" + name, git.url("acme/" + name), null, null, List.of(), "github");
    try (Workspace ws = new Checkout().prepare(repo, tmp.resolve("ws-" + System.nanoTime()), BRANCH,
        host.cloneCredentials(settings, repo.cloneUrl()))) {
      Files.writeString(ws.dir().resolve("README.md"), "migrated\n");
      ws.git().add().addFilepattern("README.md").call();
      RevCommit commit = ws.git().commit().setMessage("change").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON)
          .setSign(false).call();
      var options = new CampaignSpec.PullRequest(BRANCH, "Migrate to JUnit 5", "body", false, List.of(), List.of(), List.of(), List.of());
      return host.deliver(new DeliveryRequest(CAMPAIGN, repo, ws, commit.name(), "Migrate to JUnit 5", "body", options, settings));
    }
  }

  @Test
  void anInstallationTokenPushesAndOpensAndIsRenewedBeforeItExpiresMidRun() throws Exception {
    github.tokenLifetime = Duration.ofSeconds(4);
    GitHubConnections connections = connections();
    connections.apps().renewBefore(Duration.ofSeconds(1));
    GitHubCodeHost host = new GitHubCodeHost(store, connections, new DataSourceTransactionManager(ds));
    CampaignSpec.CodeHost settings = settings(APP_ID, keyFile.toString(), null);

    Delivery first = deliver(host, settings, "billing");
    assertThat(first.status()).as(first.reason()).isEqualTo(OutcomeStatus.PR_OPENED);
    int issued = github.issuedTokens.size();
    assertThat(issued).isPositive();

    // Every token issued so far expires on GitHub's side: a delivery that did not renew would get 401s.
    java.time.Instant last = github.issuedTokens.values().stream().max(java.util.Comparator.naturalOrder()).orElseThrow();
    Thread.sleep(Math.max(0, Duration.between(java.time.Instant.now(), last).toMillis()) + 200);
    assertThat(github.issuedTokens.keySet()).noneMatch(github::validInstallationToken);
    Delivery second = deliver(host, settings, "ledger");

    assertThat(second.status()).as(second.reason()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(github.issuedTokens.size()).as("a new token after the first expired").isGreaterThan(issued);
    assertThat(github.requests("POST", "/app/installations/77/access_tokens")).hasSize(github.issuedTokens.size());
    assertThat(github.requests("GET", "/orgs/acme/installation")).as("the installation is looked up once").hasSize(1);
    assertThat(github.requests).noneMatch(r -> r.status() == 401);
    assertThat(github.pulls("acme/billing")).hasSize(1);
    assertThat(github.pulls("acme/ledger")).hasSize(1);
    assertThat(GitHubOpenApi.load().problems(github.requests)).isEmpty();

    // The canaries: the key and every token, in no message, log line or row.
    List<String> secrets = new java.util.ArrayList<>(github.issuedTokens.keySet());
    secrets.add(keyCanary);
    String messages = first.reason() + "\n" + second.reason() + "\n"
        + String.join("\n", logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    StringBuilder dump = new StringBuilder();
    try (Connection db = ds.getConnection(); ResultSet rs = db.createStatement().executeQuery("SCRIPT")) {
      while (rs.next()) {
        dump.append(rs.getString(1)).append('\n');
      }
    }
    assertThat(dump).contains("acme/ledger");
    for (String secret : secrets) {
      assertThat(messages).doesNotContain(secret);
      assertThat(dump.toString()).doesNotContain(secret);
      assertThat(git.requestLines).noneMatch(l -> l.contains(secret));
    }
  }

  @Test
  void anAppThatMayNotPushSaysSoAndForksNothing() throws Exception {
    git.readOnly("acme/billing");
    GitHubCodeHost host = new GitHubCodeHost(store, connections(), new DataSourceTransactionManager(ds));
    CampaignSpec.CodeHost auto = new CampaignSpec.CodeHost("github", github.apiUrl(), null, "auto", Duration.ofMillis(20), 500,
        new CampaignSpec.App(APP_ID, keyFile.toString(), null));

    assertThatThrownBy(() -> deliver(host, auto, "billing")).isInstanceOf(CodeHostException.class)
        .hasMessageContaining("GitHub App 12345 may not push to acme/billing")
        .hasMessageContaining("\"Contents: write\"");
    assertThat(github.requests("POST", "/repos/acme/billing/forks")).isEmpty();
    assertThat(github.pulls("acme/billing")).isEmpty();
  }

  @Test
  void theCheckBeforeARunStopsOnABadKeyAWrongAppIdOrAnUnknownInstallation() throws Exception {
    Path spec = tmp.resolve("spec.yaml");
    GitHubConnections connections = connections();

    Files.writeString(spec, specYaml(APP_ID, keyFile, "auto"));
    connections.checkBeforeRun(spec, false);

    Files.writeString(spec, specYaml(999, keyFile, "auto"));
    assertThatThrownBy(() -> connections().checkBeforeRun(spec, false)).isInstanceOf(CodeHostException.class)
        .hasMessageContaining("refused GitHub App 999's JWT (401)").hasMessageContaining("nothing was run");

    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String other = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());
    Path otherKey = Files.writeString(tmp.resolve("other.pem"), "-----BEGIN PRIVATE KEY-----\n" + other + "\n-----END PRIVATE KEY-----\n");
    Files.writeString(spec, specYaml(APP_ID, otherKey, "auto"));
    assertThatThrownBy(() -> connections().checkBeforeRun(spec, false)).isInstanceOf(CodeHostException.class)
        .hasMessageContaining("refused GitHub App 12345's JWT (401)");

    Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\n" + keyCanary + "\n-----END PRIVATE KEY-----\n");
    Files.writeString(spec, specYaml(APP_ID, garbage, "auto"));
    assertThatThrownBy(() -> connections().checkBeforeRun(spec, false)).isInstanceOf(CodeHostException.class)
        .hasMessageContaining("is not a usable GitHub App private key").hasMessageNotContaining(keyCanary);

    Files.writeString(spec, specYaml(APP_ID, keyFile, "5"));
    assertThatThrownBy(() -> connections().checkBeforeRun(spec, false)).isInstanceOf(CodeHostException.class)
        .hasMessageContaining("knows no installation 5 of GitHub App 12345 (404)");

    assertThat(String.join("\n", logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList())).doesNotContain(keyCanary);
  }

  @Test
  void anOwnerWithoutTheAppSaysSo() throws Exception {
    github.org("globex");
    GitHubConnections connections = connections();
    assertThatThrownBy(() -> connections.tokenFor(settings(APP_ID, keyFile.toString(), null), "globex"))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("GitHub App 12345 is not installed on globex");
  }

  @Test
  void theKeyFileMayComeFromTheEnvironmentButSomeKeyMustBeGiven() throws Exception {
    CampaignSpec.CodeHost settings = settings(APP_ID, null, null);
    assertThatThrownBy(() -> connections().tokenFor(settings, "acme")).isInstanceOf(CodeHostException.class)
        .hasMessageContaining("needs its private key").hasMessageContaining("FLEET_GITHUB_APP_KEY_FILE");

    GitHubConnections fromEnv = new GitHubConnections(ContentCallThrottle.jdbcLedger(ds),
        Map.of("FLEET_GITHUB_APP_KEY_FILE", keyFile.toString()));
    assertThat(fromEnv.tokenFor(settings, "acme").value()).startsWith("ghs_");
  }

  private String specYaml(long appId, Path key, String installation) {
    return """
        name: junit5
        recipes: [a.B]
        codeHost:
          type: github
          apiUrl: %s
          app: {id: %d, privateKeyFile: %s, installation: %s}
        """.formatted(github.apiUrl(), appId, key, installation);
  }
}
