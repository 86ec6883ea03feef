package io.fleetmigrate.deliver.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.testing.GitHubStub;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check before a run: a missing or refused token stops it before any repository is built. */
class GitHubConnectionsTest {
  static final String TOKEN = "ghp_stubToken0123456789abcdefABCDEF0123";
  @TempDir Path tmp;
  private GitHubStub github;
  private Path spec;

  @BeforeEach
  void setUp() throws Exception {
    github = new GitHubStub(TOKEN, "fleet-bot", (repo, branch) -> null);
    spec = Files.writeString(tmp.resolve("spec.yaml"), """
        name: junit5
        recipes: [a.B]
        codeHost:
          type: github
          apiUrl: %s
        """.formatted(github.apiUrl()));
  }

  @AfterEach
  void tearDown() {
    github.close();
  }

  private GitHubConnections connections(Map<String, String> env) {
    return new GitHubConnections(ContentCallThrottle.jdbcLedger(TestDatabase.migrated()), env);
  }

  @Test
  void noTokenStopsTheRunWithTheWaysToGiveOne() {
    assertThatThrownBy(() -> connections(Map.of()).checkBeforeRun(spec, false))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("no GitHub token");
    assertThat(github.requests).isEmpty();
  }

  @Test
  void aRefusedTokenStopsTheRunAndNamesNoSecret() {
    assertThatThrownBy(() -> connections(Map.of("FLEET_GITHUB_TOKEN", "ghp_wrong")).checkBeforeRun(spec, false))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("refused the token (401")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_wrong"));
  }

  @Test
  void aGoodTokenPassesAndADryRunOrLocalHostCallsNothing() throws Exception {
    connections(Map.of("FLEET_GITHUB_TOKEN", TOKEN)).checkBeforeRun(spec, false);
    assertThat(github.requests).extracting(GitHubStub.Recorded::path).contains("/rate_limit");
    assertThat(github.requests).allMatch(r -> r.method().equals("GET") && r.status() == 200);
    int calls = github.requests.size();

    assertThatCode(() -> connections(Map.of()).checkBeforeRun(spec, true)).doesNotThrowAnyException();
    Path local = Files.writeString(tmp.resolve("local.yaml"), "name: junit5\nrecipes: [a.B]\n");
    assertThatCode(() -> connections(Map.of()).checkBeforeRun(local, false)).doesNotThrowAnyException();
    assertThat(github.requests).hasSize(calls);
  }

  @Test
  void aRateLimitAnswerThatCannotBeReadSaysWhatWasWrongAndLogsIt() {
    // A 200 whose body is not the rate-limit object (a proxy's page, another API at that URL).
    for (int i = 0; i < 10; i++) { // every time: github-api tries a failed read again
      github.fault(GitHubStub.Fault.raw("GET", "/rate_limit", 200, "<html><body>Sign in to the corporate proxy</body></html>"));
    }
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(GitHubConnections.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      assertThatThrownBy(() -> connections(Map.of("FLEET_GITHUB_TOKEN", TOKEN)).checkBeforeRun(spec, false))
          .isInstanceOf(CodeHostException.class)
          .hasMessageContaining("GET " + github.apiUrl() + "/rate_limit answered 200 with a body that is not GitHub's rate limit")
          .hasMessageContaining("nothing was run")
          .hasMessageNotContaining(TOKEN);
      assertThat(logged.list).anySatisfy(e -> {
        assertThat(e.getFormattedMessage()).contains("/rate_limit answered 200 with a body that is not GitHub's rate limit");
        assertThat(e.getThrowableProxy()).as("the cause, in fleet.log").isNotNull();
      });
      assertThat(logged.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(TOKEN));
    } finally {
      logger.detachAppender(logged);
    }
  }

  @Test
  void anApiThatAcceptsAndNeverAnswersTimesOutInsteadOfHanging() throws Exception {
    try (io.fleetmigrate.testing.SilentServer silent = new io.fleetmigrate.testing.SilentServer()) {
      GitHubConnections connections = connections(Map.of("FLEET_GITHUB_TOKEN", TOKEN));
      connections.requestTimeout(java.time.Duration.ofSeconds(1));
      String api = silent.url("").replaceAll("/$", "");
      var settings = new io.fleetmigrate.campaign.CampaignSpec.CodeHost(
          "github", api, null, "auto", java.time.Duration.ofSeconds(1), 500);

      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () ->
          assertThatThrownBy(() -> connections.client(settings, connections.token(settings)).getRepository("acme/billing"))
              .isInstanceOf(java.io.IOException.class)
              .hasStackTraceContaining("HttpTimeoutException"));
    }
  }

  @Test
  void anUnreachableApiSaysItCannotReachItNotThatItAnsweredMinusOne() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort(); // closed again below: nothing listens there
    }
    Path unreachable = Files.writeString(tmp.resolve("unreachable.yaml"), """
        name: junit5
        recipes: [a.B]
        codeHost:
          type: github
          apiUrl: http://127.0.0.1:%d
        """.formatted(closed));

    assertThatThrownBy(() -> connections(Map.of("FLEET_GITHUB_TOKEN", TOKEN)).checkBeforeRun(unreachable, false))
        .isInstanceOf(io.fleetmigrate.deliver.CodeHostException.class)
        .hasMessageStartingWith("cannot reach GitHub at http://127.0.0.1:" + closed + ": ")
        .hasMessageContaining("nothing was run")
        .hasMessageNotContaining("-1")
        .hasMessageNotContaining(TOKEN);
  }
}
