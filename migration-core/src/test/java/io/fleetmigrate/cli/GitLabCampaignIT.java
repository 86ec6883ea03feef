package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.Canary;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.GitLabStub;
import io.fleetmigrate.testing.GitSmartHttpServer;
import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitLab end to end, as a user runs it: {@code inventory import gitlab} from a group (with
 * subgroups; archived projects and forks left out), {@code campaign run} with {@code codeHost:
 * gitlab} (clone and push over git smart HTTP as {@code oauth2} with the token, merge requests
 * through the REST API), a re-run, {@code prs refresh}, {@code campaign close --all}; against the
 * GitLab stub and {@code git http-backend}. A canary token is planted and must appear in no output,
 * file under the data directory, database row or build environment.
 */
class GitLabCampaignIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final String canary = "glpat-CANARY" + UUID.randomUUID().toString().replace("-", "");
  @TempDir Path tmp;
  private final List<String> outputs = new ArrayList<>();

  private Result fleet(String... args) {
    Result run = FleetCli.in(tmp.resolve("data"), args);
    outputs.add(run.out() + "\n" + run.err());
    return run;
  }



  /** The git server and the GitLab stub (user fleet-bot, alice), with the sample billing-service repository served. */
  private record Hosts(Path served, Path tokenFile, GitSmartHttpServer git, GitLabStub gitlab) implements AutoCloseable {
    @Override
    public void close() {
      gitlab.close();
      git.close();
    }
  }

  private Hosts hosts() throws Exception {
    Path served = tmp.resolve("served");
    Files.createDirectories(served.resolve("acme/platform"));
    Path tokenFile = Files.writeString(tmp.resolve("gitlab-token"), canary + "\n");
    GitSmartHttpServer git = new GitSmartHttpServer(served, canary);
    GitLabStub gitlab = new GitLabStub(canary, "fleet-bot", (path, branch) -> GitFixtures.tip(served.resolve(path + ".git"), branch));
    gitlab.user("alice");
    GitFixtures.origin(served.resolve("acme/platform"), "billing-service", GitFixtures.sampleFiles("billing-service", tmp.resolve("samples")));
    return new Hosts(served, tokenFile, git, gitlab);
  }

  /** Every request was shaped as GitLab documents it, and the token is in no URL git saw, output, file or row. */
  private void theTokenIsNowhereItShouldNotBe(Hosts hosts) throws Exception {
    assertThat(hosts.gitlab().requests).noneMatch(r -> r.status() == 400);
    assertThat(hosts.git().requestLines).noneMatch(l -> l.contains(canary));
    assertThat(Canary.assertNowhere(canary, tmp.resolve("data"), String.join("\n", outputs))).contains("acme/platform/billing-service");
  }

  private Path spec(String name, GitLabStub gitlab, Path tokenFile, String fork) throws java.io.IOException {
    return Files.writeString(tmp.resolve(name + ".yaml"), """
        name: %s
        description: Move the tests from JUnit 4 to JUnit 5 (Jupiter).
        recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
        verify: {command: "env | sed 's/^/build-env: /' && mvn -B -ntp verify", timeout: 5m}
        pullRequest:
          title: "JUnit 5 for {repo}"
          draft: true
          labels: [fleet-migrate]
          reviewers: [alice]
        codeHost:
          type: gitlab
          apiUrl: %s
          tokenFile: %s
          fork: %s
        """.formatted(name, gitlab.apiUrl(), tokenFile, fork));
  }

  private Result importGroup(GitLabStub gitlab, Path tokenFile) {
    Result imported = fleet("inventory", "import", "gitlab", "--group", "acme", "--subgroups", "--api-url", gitlab.apiUrl(),
        "--token-file", tokenFile.toString());
    assertThat(imported.exit()).as(imported.out() + imported.err()).isZero();
    return imported;
  }

  @Test
  void aProjectTheTokenMayNotPushToGetsItsMergeRequestFromTheTokenUsersFork() throws Exception {
    try (Hosts hosts = hosts()) {
      GitLabStub gitlab = hosts.gitlab();
      Path served = hosts.served();
      gitlab.project("acme/platform/billing-service", hosts.git().url("acme/platform/billing-service"));
      hosts.git().readOnly("acme/platform/billing-service");
      gitlab.forker((upstream, fork) -> {
        try {
          org.eclipse.jgit.api.Git.cloneRepository().setBare(true).setURI(served.resolve(upstream + ".git").toUri().toString())
              .setDirectory(served.resolve(fork + ".git").toFile()).call().close();
          return hosts.git().url(fork);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Path spec = spec("junit5-fork", gitlab, hosts.tokenFile(), "auto");
      importGroup(gitlab, hosts.tokenFile());

      Result run = fleet("campaign", "run", spec.toString());
      assertThat(run.exit()).as(run.out() + run.err()).isZero();
      GitLabStub.MergeRequest mr = gitlab.mergeRequests("acme/platform/billing-service").get(0);
      assertThat(mr.sourceProject).isEqualTo("fleet-bot/billing-service");
      assertThat(mr.title).isEqualTo("Draft: JUnit 5 for billing-service");
      String pushed = GitFixtures.tip(served.resolve("fleet-bot/billing-service.git"), "fleet/junit5-fork");
      assertThat(pushed).isNotNull();
      assertThat(GitFixtures.tip(served.resolve("acme/platform/billing-service.git"), "fleet/junit5-fork")).isNull();

      Result again = fleet("campaign", "run", spec.toString());
      assertThat(again.exit()).as(again.out() + again.err()).isZero();
      assertThat(JSON.readTree(fleet("campaign", "status", "junit5-fork", "--json").out()).get("repositories").toString())
          .contains("PR_UPDATED");
      assertThat(gitlab.mergeRequests("acme/platform/billing-service")).hasSize(1);
      assertThat(gitlab.requests("POST", "/projects/acme/platform/billing-service/fork")).hasSize(1);
      assertThat(GitFixtures.tip(served.resolve("fleet-bot/billing-service.git"), "fleet/junit5-fork")).isEqualTo(pushed);

      mr.pipeline = "success";
      Result refresh = fleet("prs", "refresh", "junit5-fork");
      assertThat(refresh.exit()).as(refresh.out() + refresh.err()).isZero();
      assertThat(refresh.out()).contains("acme/platform/billing-service", "OPEN", "success");
      Result close = fleet("campaign", "close", "junit5-fork", "--all");
      assertThat(close.exit()).as(close.out() + close.err()).isZero();
      assertThat(mr.state).isEqualTo("closed");

      theTokenIsNowhereItShouldNotBe(hosts);
    }
  }

  @Test
  void importRunReRunRefreshAndCloseAgainstGitLabWithTheTokenNowhereItShouldNotBe() throws Exception {
    try (Hosts hosts = hosts()) {
      Path served = hosts.served();
      Path tokenFile = hosts.tokenFile();
      GitSmartHttpServer git = hosts.git();
      GitLabStub gitlab = hosts.gitlab();
      gitlab.project("acme/platform/billing-service", git.url("acme/platform/billing-service")).topics.add("java");
      gitlab.project("acme/platform/old-thing", git.url("acme/platform/old-thing")).archived = true;
      gitlab.project("acme/platform/someones-fork", git.url("acme/platform/someones-fork")).fork = true;
      Path spec = spec("junit5-gl", gitlab, tokenFile, "auto");

      Result imported = importGroup(gitlab, tokenFile);
      assertThat(imported.out()).contains("Imported 1 projects of GitLab group acme: 1 new");
      JsonNode inventory = JSON.readTree(fleet("inventory", "list", "--json").out());
      assertThat(inventory).hasSize(1);
      assertThat(inventory.get(0).get("name").asString()).isEqualTo("acme/platform/billing-service");
      assertThat(gitlab.requests("GET", "/groups/acme/projects")).extracting(r -> r.query().get("include_subgroups") + " "
          + r.query().get("archived")).containsExactly("true false");

      // A refused token stops the run before anything is built (exit 4).
      gitlab.token("glpat-rotated");
      Result refused = fleet("campaign", "run", spec.toString());
      assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(ExitCode.ENVIRONMENT.code());
      assertThat(refused.err()).contains("refused the token (401").contains("nothing was run");
      gitlab.token(canary);

      Result run = fleet("campaign", "run", spec.toString());
      assertThat(run.exit()).as(run.out() + run.err()).isZero();
      GitLabStub.MergeRequest mr = gitlab.mergeRequests("acme/platform/billing-service").get(0);
      assertThat(mr.title).isEqualTo("Draft: JUnit 5 for billing-service");
      // billing-service's baseline runs 4 tests, fewer than rollout.minTests (default 10): flagged as well.
      assertThat(mr.labels).containsExactly("fleet-migrate", "fleet:low-test-coverage");
      assertThat(mr.reviewerIds).containsExactly(gitlab.userId("alice"));
      assertThat(mr.description).contains("**Verify**: green");
      String pushed = GitFixtures.tip(served.resolve("acme/platform/billing-service.git"), "fleet/junit5-gl");
      assertThat(pushed).isNotNull();

      // A re-run opens nothing new and pushes nothing.
      Result again = fleet("campaign", "run", spec.toString());
      assertThat(again.exit()).as(again.out() + again.err()).isZero();
      assertThat(JSON.readTree(fleet("campaign", "status", "junit5-gl", "--json").out()).get("repositories").toString())
          .contains("PR_UPDATED");
      assertThat(gitlab.mergeRequests("acme/platform/billing-service")).hasSize(1);
      assertThat(gitlab.requests("POST", "/projects/acme/platform/billing-service/merge_requests")).hasSize(1);
      assertThat(GitFixtures.tip(served.resolve("acme/platform/billing-service.git"), "fleet/junit5-gl")).isEqualTo(pushed);

      mr.approvedBy.add("alice");
      mr.pipeline = "success";
      Result refresh = fleet("prs", "refresh", "junit5-gl");
      assertThat(refresh.exit()).as(refresh.out() + refresh.err()).isZero();
      assertThat(refresh.out()).contains("acme/platform/billing-service", "OPEN", "APPROVED", "success");

      Result close = fleet("campaign", "close", "junit5-gl", "--all");
      assertThat(close.exit()).as(close.out() + close.err()).isZero();
      assertThat(close.out()).contains("closed");
      assertThat(mr.state).isEqualTo("closed");
      assertThat(mr.notes).hasSize(1);

      // Sync runs the same import again: a project new in the group is added.
      gitlab.project("acme/ledger", git.url("acme/ledger"));
      Result sync = fleet("inventory", "sync", "--gitlab-token-file", tokenFile.toString());
      assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
      assertThat(sync.out()).contains("Imported 2 projects of GitLab group acme: 1 new, 0 updated, 1 unchanged, 0 vanished");

      theTokenIsNowhereItShouldNotBe(hosts);
    }
  }
}
