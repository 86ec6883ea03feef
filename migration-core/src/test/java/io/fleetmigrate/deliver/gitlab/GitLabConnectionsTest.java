package io.fleetmigrate.deliver.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.github.ContentCallThrottle;
import io.fleetmigrate.testing.GitLabStub;
import io.fleetmigrate.testing.TestDatabase;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check before a run on GitLab: {@code GET /user} with the token; exit 4 material when refused or unreachable. */
class GitLabConnectionsTest {
  private static final String TOKEN = "glpat-check-before-run";
  @TempDir Path tmp;

  private GitLabConnections connections(Map<String, String> env) {
    return new GitLabConnections(ContentCallThrottle.jdbcLedger(TestDatabase.migrated()), env);
  }

  private Path spec(String apiUrl) throws Exception {
    return Files.writeString(tmp.resolve("spec.yaml"), "name: a\nrecipes: [a.B]\ncodeHost: {type: gitlab, apiUrl: " + apiUrl + "}\n");
  }

  @Test
  void anAcceptedTokenPassesWithOneCallToUser() throws Exception {
    try (GitLabStub gitlab = new GitLabStub(TOKEN, "fleet-bot", (p, b) -> null)) {
      connections(Map.of("FLEET_GITLAB_TOKEN", TOKEN)).checkBeforeRun(spec(gitlab.apiUrl()), false);
      assertThat(gitlab.requests).extracting(GitLabStub.Recorded::toString).containsExactly("GET /user -> 200");
    }
  }

  @Test
  void aRefusedTokenStopsTheRunAndNamesWhereTheTokenComesFrom() throws Exception {
    try (GitLabStub gitlab = new GitLabStub("glpat-another", "fleet-bot", (p, b) -> null)) {
      assertThatThrownBy(() -> connections(Map.of("FLEET_GITLAB_TOKEN", TOKEN)).checkBeforeRun(spec(gitlab.apiUrl()), false))
          .isInstanceOf(CodeHostException.class)
          .hasMessageContaining("refused the token (401")
          .hasMessageContaining("FLEET_GITLAB_TOKEN")
          .hasMessageEndingWith("nothing was run")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
      // A dry run builds and pushes nothing: it is not held up by the token.
      connections(Map.of("FLEET_GITLAB_TOKEN", TOKEN)).checkBeforeRun(spec(gitlab.apiUrl()), true);
    }
  }

  @Test
  void anUnreachableGitLabOrAMissingTokenStopsTheRun() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path spec = spec("http://127.0.0.1:" + port + "/api/v4");
    assertThatThrownBy(() -> connections(Map.of("FLEET_GITLAB_TOKEN", TOKEN)).checkBeforeRun(spec, false))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("cannot reach GitLab at http://127.0.0.1:" + port + "/api/v4")
        .hasMessageEndingWith("nothing was run");
    assertThatThrownBy(() -> connections(Map.of()).checkBeforeRun(spec, false))
        .isInstanceOf(CodeHostException.class)
        .hasMessageContaining("no GitLab token: set FLEET_GITLAB_TOKEN");
  }

  @Test
  void aTokenFileIsReadFromHomeAndMustHoldOneLine() throws Exception {
    Files.writeString(tmp.resolve("gitlab-token"), TOKEN + "\n");
    Files.writeString(tmp.resolve("two-lines"), TOKEN + "\nsecond-line-secret\n");
    Map<String, String> env = Map.of("HOME", tmp.toString());

    GitLabToken token = GitLabToken.resolve("~/gitlab-token", "codeHost.tokenFile", env);
    assertThat(token.value()).isEqualTo(TOKEN);
    assertThat(token.source()).isEqualTo("file " + tmp.resolve("gitlab-token"));
    assertThat(token.toString()).doesNotContain(TOKEN);
    assertThatThrownBy(() -> GitLabToken.resolve("~/two-lines", "--token-file", env))
        .isInstanceOf(CodeHostException.class)
        .hasMessage("the GitLab token file " + tmp.resolve("two-lines") + " (--token-file) must hold one token on one line");
    assertThatThrownBy(() -> GitLabToken.resolve("~/missing", "codeHost.tokenFile", env))
        .hasMessage("cannot read the GitLab token file " + tmp.resolve("missing") + " (codeHost.tokenFile): NoSuchFileException");
  }
}
