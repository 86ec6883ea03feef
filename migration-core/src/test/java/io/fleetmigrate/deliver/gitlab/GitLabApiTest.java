package io.fleetmigrate.deliver.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.deliver.github.ContentCallThrottle;
import io.fleetmigrate.testing.GitLabStub;
import io.fleetmigrate.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GitLab client's answers to GitLab's limits and to what is not GitLab. */
class GitLabApiTest {
  private static final String TOKEN = "glpat-api-test";
  private GitLabStub gitlab;
  private GitLabApi api;

  @BeforeEach
  void setUp() throws Exception {
    gitlab = new GitLabStub(TOKEN, "fleet-bot", (p, b) -> null);
    api = client(gitlab, TOKEN);
  }

  /** A client of {@code gitlab} with {@code token}, built as a run builds it (a fresh store counts the content calls). */
  static GitLabApi client(GitLabStub gitlab, String token) throws Exception {
    CampaignSpec.CodeHost host = new CampaignSpec.CodeHost("gitlab", gitlab.apiUrl(), null, "never", Duration.ofSeconds(1), 500);
    GitLabConnections connections = new GitLabConnections(ContentCallThrottle.jdbcLedger(TestDatabase.migrated()), Map.of("FLEET_GITLAB_TOKEN", token));
    return connections.api(host, connections.token(host));
  }

  @AfterEach
  void tearDown() {
    gitlab.close();
  }

  @Test
  void aReadAnswered429IsRetriedAfterRetryAfter() throws Exception {
    gitlab.fault(new GitLabStub.Fault("GET", "/user", 429, Map.of("Retry-After", "1"), null));
    long start = System.nanoTime();

    assertThat(api.get("/user", Map.of()).path("username").asString()).isEqualTo("fleet-bot");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(gitlab.requests).extracting(GitLabStub.Recorded::toString).containsExactly("GET /user -> 429", "GET /user -> 200");
  }

  @Test
  void aWaitLongerThanAQuarterHourFailsTheCallAtOnceInsteadOfHoldingTheRun() {
    gitlab.fault(new GitLabStub.Fault("POST", "/projects/.*/notes", 429, Map.of("Retry-After", "3600"), null));
    long start = System.nanoTime();

    assertThatThrownBy(() -> api.post("/projects/1/merge_requests/1/notes", Map.of("body", "x")))
        .isInstanceOf(GitLabApi.Failure.class)
        .hasMessageContaining("longer than 15 minutes");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anAnswerThatIsNotJsonSaysTheApiUrlMayBeWrong() {
    gitlab.fault(new GitLabStub.Fault("GET", "/user", 200, Map.of(), "<html>sign in</html>"));

    assertThatThrownBy(() -> api.get("/user", Map.of()))
        .isInstanceOf(GitLabApi.Failure.class)
        .hasMessageContaining("not JSON; is codeHost.apiUrl GitLab's REST API root (https://HOST/api/v4)?");
  }
}
