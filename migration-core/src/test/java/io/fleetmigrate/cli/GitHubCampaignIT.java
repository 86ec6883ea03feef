package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.Canary;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.GitHubOpenApi;
import io.fleetmigrate.testing.GitHubStub;
import io.fleetmigrate.testing.GitSmartHttpServer;
import io.fleetmigrate.testing.SampleRepos;
import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub end to end, as a user runs it: {@code inventory import github} from an organisation,
 * {@code campaign run} with {@code codeHost: github} (clone and push over git smart HTTP with the
 * token, pull requests through the REST API), a re-run, {@code prs refresh}, {@code inventory
 * sync}; against a local GitHub stub and {@code git http-backend}. A canary token is planted and
 * must appear in no output, log line, report, database row or build environment.
 */
class GitHubCampaignIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final String canary = "ghp_CANARY" + UUID.randomUUID().toString().replace("-", "");
  @TempDir Path tmp;

  private final List<String> outputs = new ArrayList<>();

  private Result fleet(String... args) {
    Result result = FleetCli.in(tmp.resolve("data"), args);
    outputs.add(result.out() + "\n" + result.err());
    return result;
  }

  private Map<String, String> files(String sample) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    Path copy = SampleRepos.copy(sample, tmp.resolve("samples").resolve(sample));
    try (Stream<Path> walk = Files.walk(copy)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(copy.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
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

  @Test
  void importRunReRunRefreshAndSyncAgainstGitHubWithTheTokenNowhereItShouldNotBe() throws Exception {
    Path served = tmp.resolve("served");
    Files.createDirectories(served.resolve("acme"));
    Path tokenFile = Files.writeString(tmp.resolve("github-token"), canary + "\n");
    try (GitSmartHttpServer git = new GitSmartHttpServer(served, canary);
        GitHubStub github = new GitHubStub(canary, "fleet-bot", (repo, branch) -> tip(served.resolve(repo + ".git"), branch))) {
      github.org("acme", "platform");
      github.user("alice");
      for (String name : List.of("billing-service", "inventory-api")) {
        GitFixtures.origin(served.resolve("acme"), name, files(name));
        github.repo("acme", name, git.url("acme/" + name)).teams.add("platform");
      }
      github.repo("acme", "old-thing", git.url("acme/old-thing")).archived = true;
      github.repo("acme", "py-tool", git.url("acme/py-tool")).language = "Python";
      Path spec = Files.writeString(tmp.resolve("spec.yaml"), """
          name: junit5-gh
          description: Move the tests from JUnit 4 to JUnit 5 (Jupiter).
          recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
          verify: {command: "env | sed 's/^/build-env: /' && mvn -B -ntp verify", timeout: 5m}
          pullRequest:
            title: "JUnit 5 for {repo}"
            draft: true
            labels: [fleet-migrate]
            reviewers: [alice]
            teamReviewers: [platform]
          codeHost:
            type: github
            apiUrl: %s
            tokenFile: %s
          """.formatted(github.apiUrl(), tokenFile));

      // Inventory: the organisation's Java repositories, neither archived nor forks, with owning team and last push.
      Result imported = fleet("inventory", "import", "github", "--org", "acme", "--api-url", github.apiUrl(),
          "--token-file", tokenFile.toString(), "--language", "Java", "--teams");
      assertThat(imported.exit()).as(imported.out() + imported.err()).isZero();
      assertThat(imported.out()).contains("Imported 2 repositories of GitHub organisation acme: 2 new");
      JsonNode inventory = JSON.readTree(fleet("inventory", "list", "--json").out());
      assertThat(inventory).hasSize(2);
      assertThat(inventory.get(0).get("name").asString()).isEqualTo("acme/billing-service");
      assertThat(inventory.get(0).get("owner").asString()).isEqualTo("platform");
      assertThat(inventory.get(0).get("pushedAt").asString()).startsWith("2026-10-01T12:00");

      // The API no longer knows inventory-api (a 404 at delivery); the run goes on past it.
      github.remove("acme/inventory-api");
      Result run = fleet("campaign", "run", spec.toString());
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.REPOSITORIES_FAILED.code());
      JsonNode status = JSON.readTree(fleet("campaign", "status", "junit5-gh", "--json").out());
      Map<String, JsonNode> byRepo = new LinkedHashMap<>();
      status.get("repositories").forEach(r -> byRepo.put(r.get("name").asString(), r));
      assertThat(byRepo.get("acme/billing-service").get("status").asString()).isEqualTo("PR_OPENED");
      assertThat(byRepo.get("acme/inventory-api").get("status").asString()).isEqualTo("ERROR");
      assertThat(byRepo.get("acme/inventory-api").get("reason").asString()).contains("has no repository acme/inventory-api (404)");
      GitHubStub.Pull pull = github.pulls("acme/billing-service").get(0);
      assertThat(pull.title).isEqualTo("JUnit 5 for billing-service");
      assertThat(pull.draft).isTrue();
      // billing-service's baseline runs 4 tests, fewer than rollout.minTests (default 10): flagged as well.
      assertThat(pull.labels).containsExactly("fleet-migrate", "fleet:low-test-coverage");
      assertThat(pull.reviewers).containsExactly("alice");
      assertThat(pull.teamReviewers).containsExactly("platform");
      assertThat(pull.body).contains("**Verify**: green");
      String pushed = tip(served.resolve("acme/billing-service.git"), "fleet/junit5-gh");
      assertThat(pushed).isNotNull();

      // A re-run opens nothing new and pushes nothing: the result is the same.
      Result again = fleet("campaign", "run", spec.toString(), "--repo", "acme/billing-service");
      assertThat(again.exit()).as(again.out() + again.err()).isZero();
      assertThat(JSON.readTree(fleet("campaign", "status", "junit5-gh", "--json").out()).get("repositories").toString())
          .contains("PR_UPDATED");
      assertThat(github.pulls("acme/billing-service")).hasSize(1);
      assertThat(github.requests("POST", "/repos/acme/billing-service/pulls")).hasSize(1);
      assertThat(tip(served.resolve("acme/billing-service.git"), "fleet/junit5-gh")).isEqualTo(pushed);

      // The flag is kept with the pull request: the report's card lists it, with its cause.
      assertThat(byRepo.get("acme/billing-service").get("reason").asString())
          .contains("low test coverage: the baseline ran 4 tests (rollout.minTests: 10)");
      Result report = fleet("report", "junit5-gh", "--format", "html", "--out", tmp.resolve("report").toString());
      assertThat(report.exit()).as(report.out() + report.err()).isZero();
      assertThat(Files.readString(tmp.resolve("report").resolve("report.html")))
          .contains("<h2>Low test coverage</h2>", "acme/billing-service#1", "the baseline ran 4 tests (rollout.minTests: 10)");

      // Tracking: the state is asked for and kept with its time.
      pull.reviews.add(new String[] {"alice", "APPROVED"});
      pull.checkRuns.put("build", "success");
      Result refresh = fleet("prs", "refresh", "junit5-gh");
      assertThat(refresh.exit()).as(refresh.out() + refresh.err()).isZero();
      assertThat(refresh.out()).contains("acme/billing-service", "OPEN", "APPROVED", "success");
      pull.merged = true;
      pull.state = "closed";
      assertThat(fleet("prs", "refresh").out()).contains("MERGED");

      // Sync: inventory-api is gone from the organisation: marked, not deleted.
      Result sync = fleet("inventory", "sync", "--token-file", tokenFile.toString());
      assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
      assertThat(sync.out()).contains("1 vanished");
      assertThat(fleet("inventory", "list").out()).contains("acme/inventory-api (vanished");

      assertThat(GitHubOpenApi.load().problems(github.requests)).isEmpty();
      assertThat(git.requestLines).noneMatch(l -> l.contains(canary));

      // The canary: nowhere in outputs, files under the data directory, the database, or a build's environment.
      assertThat(Canary.assertNowhere(canary, tmp.resolve("data"), String.join("\n", outputs)))
          .contains("pull_request_event".toUpperCase()).contains("MERGED");
    }
  }
}
