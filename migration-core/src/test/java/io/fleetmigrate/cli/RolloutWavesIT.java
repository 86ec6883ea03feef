package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.GitFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A three-wave rollout as a user runs it, on the local host: the pinned canary gets the only pull
 * request; once it is merged the next run opens the second wave; a pull request closed without
 * merging pauses the rollout with its name in {@code campaign status}; {@code advance} widens by
 * hand and the last repository gets its pull request. One tiny Maven project per repository (a
 * {@code pom} project, so each build is a few seconds); repositories still outside their wave are
 * reused from the store, not built again.
 */
class RolloutWavesIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String POM = """
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <groupId>com.example</groupId>
        <artifactId>%s</artifactId>
        <version>1.0</version>
        <packaging>pom</packaging>
      </project>
      """;

  @TempDir Path tmp;

  private FleetCli.Result fleet(String... args) {
    return FleetCli.in(tmp.resolve("data"), args);
  }

  private Map<String, JsonNode> status() {
    JsonNode status = JSON.readTree(fleet("campaign", "status", "owners", "--json").out());
    Map<String, JsonNode> byRepo = new LinkedHashMap<>();
    status.get("repositories").forEach(r -> byRepo.put(r.get("name").asString(), r));
    byRepo.put("", status);
    return byRepo;
  }

  /** What merging and closing mean on the local host, whose pull requests are the store's rows. */
  private void setPullRequest(String repository, String state) throws Exception {
    org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
    ds.setURL(new io.fleetmigrate.config.FleetHome(tmp.resolve("data")).jdbcUrl());
    ds.setUser("sa");
    org.springframework.jdbc.core.simple.JdbcClient.create(ds)
        .sql("UPDATE pull_request SET state = :s, updated_at = CURRENT_TIMESTAMP WHERE campaign = 'owners' AND repository = :r")
        .param("s", state).param("r", repository).update();
  }

  /** Merging on the host: the base branch moves to the pull request's commit. */
  private void merge(Path origin) throws Exception {
    try (Git git = Git.open(origin.toFile())) {
      ObjectId head = git.getRepository().resolve("refs/heads/fleet/owners");
      RefUpdate update = git.getRepository().updateRef("refs/heads/main");
      update.setNewObjectId(head);
      assertThat(update.update()).isIn(RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.FORCED);
    }
  }

  @Test
  void theCanaryMergedOpensTheSecondWaveAClosedPullRequestPausesAndAdvanceWidens() throws Exception {
    StringBuilder csv = new StringBuilder("name,clone_url,default_branch,owner,tags\n");
    Map<String, Path> origins = new LinkedHashMap<>();
    for (String name : new String[] {"alpha", "bravo", "charlie"}) {
      Path origin = GitFixtures.origin(tmp.resolve("origins"), name, Map.of("pom.xml", POM.formatted(name), "OWNERS.md", "owner: team-a\n"));
      origins.put(name, origin);
      csv.append(name).append(',').append(origin).append(",main,team,").append(name.equals("charlie") ? "canary" : "").append('\n');
    }
    Path inventory = Files.writeString(tmp.resolve("inventory.csv"), csv);
    assertThat(fleet("inventory", "import", inventory.toString()).exit()).isZero();
    Path spec = Files.writeString(tmp.resolve("owners.yaml"), """
        name: owners
        recipes:
          - name: org.openrewrite.text.FindAndReplace
            options: {find: team-a, replace: team-b}
        verify: {command: mvn -B -ntp validate, timeout: 5m, compile: {command: none}}
        rollout:
          waves: [1, 2, 100%]
          pin: [canary]
          gate: {merged: 100%, minAge: 0s}
        """);

    // Run 1: only the pinned canary is delivered; the others are green and wait.
    FleetCli.Result first = fleet("campaign", "run", spec.toString());
    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    Map<String, JsonNode> s = status();
    assertThat(s.get("charlie").get("status").asString()).as(s.get("charlie").toString()).isEqualTo("PR_OPENED");
    assertThat(s.get("alpha").get("status").asString()).isEqualTo("WAITING");
    assertThat(s.get("alpha").get("reason").asString())
        .isEqualTo("green after the recipe; not delivered yet: past the rollout's wave 1 of 3 (1: 1 of 3 repositories)");
    assertThat(s.get("bravo").get("status").asString()).isEqualTo("WAITING");
    assertThat(GitFixtures.tip(origins.get("alpha"), "fleet/owners")).as("nothing pushed for a waiting repository").isNull();
    assertThat(s.get("").get("rollout").get("wave").asInt()).isEqualTo(1);

    // The canary's pull request is merged: the next run opens wave 2 (alpha); charlie has nothing left to change.
    merge(origins.get("charlie"));
    setPullRequest("charlie", "MERGED");
    FleetCli.Result second = fleet("campaign", "run", spec.toString());
    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("Rollout of owners: the gate held for wave 1 (1 of 1 merged");
    s = status();
    assertThat(s.get("alpha").get("status").asString()).as(s.get("alpha").toString()).isEqualTo("PR_OPENED");
    assertThat(s.get("bravo").get("status").asString()).isEqualTo("WAITING");
    assertThat(s.get("bravo").get("reason").asString()).as("reused from run 1, with this run's wave")
        .startsWith("unchanged since run 1").endsWith("past the rollout's wave 2 of 3 (2: 2 of 3 repositories)");
    assertThat(s.get("charlie").get("status").asString()).isEqualTo("NO_CHANGES");

    // alpha's pull request is closed without merging: the next run pauses the rollout and says why.
    setPullRequest("alpha", "CLOSED");
    FleetCli.Result third = fleet("campaign", "run", spec.toString());
    assertThat(third.out()).contains("Rollout of owners paused: wave 2: closed without merging: alpha#");
    s = status();
    assertThat(s.get("bravo").get("status").asString()).isEqualTo("WAITING");
    assertThat(s.get("bravo").get("reason").asString()).contains("not delivered: the rollout is paused (wave 2: closed without merging: alpha#");
    FleetCli.Result text = fleet("campaign", "status", "owners");
    assertThat(text.out()).contains("Rollout: wave 2 of 3 (2: 2 of 3 repositories), paused by the gate: wave 2: closed without merging: alpha#")
        .contains("Pull requests: 2 opened, 1 merged, 1 closed unmerged, 0 open; merge rate 50%; median time to merge");
    assertThat(s.get("").get("rollout").get("paused").asBoolean()).isTrue();
    assertThat(s.get("").get("pullRequests").get("mergeRatePercent").asInt()).isEqualTo(50);

    // A person widens by hand: the last wave, bravo gets its pull request.
    FleetCli.Result advance = fleet("campaign", "advance", "owners");
    assertThat(advance.exit()).as(advance.out() + advance.err()).isZero();
    assertThat(advance.out()).isEqualTo("Rollout of owners: the next wave is open (wave 3 of the spec's rollout.waves)\n");
    fleet("campaign", "run", spec.toString());
    s = status();
    assertThat(s.get("bravo").get("status").asString()).as(s.get("bravo").toString()).isEqualTo("PR_OPENED");
    assertThat(GitFixtures.tip(origins.get("bravo"), "fleet/owners")).isNotNull();
    try (Git git = Git.open(origins.get("bravo").toFile())) {
      String message = git.getRepository().parseCommit(git.getRepository().resolve("refs/heads/fleet/owners")).getFullMessage();
      assertThat(message).contains("\nFleet-Campaign: owners\nFleet-Run: 4\n");
    }
    FleetCli.Result again = fleet("campaign", "advance", "owners");
    assertThat(again.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(again.err()).contains("the rollout of 'owners' is at its last wave already (100%)");
  }
}
