package io.fleetmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.cli.ExitCode;
import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetProcess;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fault injection: the CLI runs as its own JVM on a small sample fleet (one repository that ends
 * with a pull request, one without a build file that ends at once), is killed with SIGKILL at several moments -- during the clone, during the
 * baseline build, during the recipe, at delivery -- and is resumed after each kill, once through
 * {@code campaign run} of the same spec and otherwise through {@code campaign resume}. After every
 * kill and at the end the invariants are checked: one run, at most (and at the end exactly) one
 * outcome per repository, repositories finished before a kill are not redone, no pull request
 * opened twice, the branch pushed is the pull request's head, nothing left running in the
 * workspace.
 *
 * <p>The moments are read from outside, as an operator would: the {@code --json} progress events,
 * the per-repository log files, and the JVM's process tree. No test hook is in production code.
 */
class CrashResumeIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CAMPAIGN = "faults";
  /** One repository that goes the whole way to a pull request, one that ends at once (no build file). */
  private static final String MIGRATED = "billing-service";
  private static final String SKIPPED = "docs-site";
  private static final List<String> REPOS = List.of(MIGRATED, SKIPPED);

  @TempDir Path tmp;
  private Path data;

  @Test
  void aRunKilledAtAnyMomentIsResumedWithoutRedoingOrDuplicatingAnything() throws Exception {
    data = tmp.resolve("data");
    StringBuilder csv = new StringBuilder("name,clone_url\n");
    for (String name : REPOS) {
      csv.append(name).append(',').append(origin(name)).append('\n');
    }
    Files.writeString(tmp.resolve("inventory.csv"), csv);
    assertThat(inProcess("inventory", "import", tmp.resolve("inventory.csv").toString())).isZero();
    Path spec = tmp.resolve("faults.yaml");
    Files.writeString(spec, """
        name: faults
        recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
        verify:
          command: mvn -B -q verify
        rollout:
          concurrency: 1
        """);

    // 1. During the clone: right after the first repository-started event.
    Fleet run = Fleet.start(this, "first", "campaign", "run", spec.toString(), "--json");
    assertThat(run.awaitEvent("repository-started", Duration.ofMinutes(2)).get("repository").asString()).isIn(REPOS);
    run.kill();
    Map<String, String> finishedAt = checkAfterKill("clone");
    assertThat(jobStatuses()).as("the dead JVM's execution is left STARTED").containsExactly("STARTED");

    // 2. During the baseline build: its log exists and Maven runs as a child of the JVM.
    Fleet building = Fleet.start(this, "resume-build", "campaign", "resume", CAMPAIGN, "--json");
    assertThat(building.awaitEvent("run-resumed", Duration.ofMinutes(2)).get("runId").asLong()).isEqualTo(1);
    building.await("the baseline build", () -> Files.exists(log(MIGRATED, "baseline.log")) && building.hasChildren(), Duration.ofMinutes(3));
    building.kill();
    finishedAt = notRedone(finishedAt, checkAfterKill("build"));

    // 3. During the recipe: the baseline is over (no child process), the recipe has not written
    // recipe.txt yet. Resumed this time by running the same spec again.
    Fleet recipe = Fleet.start(this, "rerun-recipe", "campaign", "run", spec.toString(), "--json");
    assertThat(recipe.awaitEvent("run-resumed", Duration.ofMinutes(2)).get("runId").asLong()).as("the same run, carried on").isEqualTo(1);
    recipe.await("the recipe", () -> {
      // Sampled twice, 300 ms apart: a baseline log, no build running, no recipe.txt yet.
      for (int sample = 0; sample < 2; sample++) {
        boolean inRecipe = false;
        for (String name : REPOS) {
          inRecipe |= Files.exists(log(name, "baseline.log")) && !Files.exists(log(name, "recipe.txt")) && !recipe.finished(name);
        }
        if (!inRecipe || recipe.hasChildren()) {
          return false;
        }
        sleep(300);
      }
      return true;
    }, Duration.ofMinutes(5));
    recipe.kill();
    finishedAt = notRedone(finishedAt, checkAfterKill("recipe"));

    // 4. At delivery: the pull request's body is written just before the commit is pushed.
    run = Fleet.start(this, "resume-deliver", "campaign", "resume", CAMPAIGN, "--json");
    Fleet delivering = run;
    run.await("delivery", () -> REPOS.stream().anyMatch(n -> Files.exists(log(n, "pull-request.md")) && !delivering.finished(n)), Duration.ofMinutes(8));
    run.kill();
    finishedAt = notRedone(finishedAt, checkAfterKill("delivery"));

    // 5. To the end.
    run = Fleet.start(this, "resume-end", "campaign", "resume", CAMPAIGN, "--json");
    int exit = run.waitFor(Duration.ofMinutes(10));
    assertThat(exit).as(run.output()).isEqualTo(ExitCode.OK.code());
    notRedone(finishedAt, checkAfterKill("end"));

    assertThat(query("SELECT status FROM campaign_run")).containsExactly("COMPLETED");
    assertThat(query("SELECT COUNT(*) FROM repo_outcome")).containsExactly("2");
    assertThat(query("SELECT status FROM repo_outcome WHERE repository = '" + MIGRATED + "'")).singleElement().isIn("PR_OPENED", "PR_UPDATED");
    assertThat(query("SELECT status FROM repo_outcome WHERE repository = '" + SKIPPED + "'")).containsExactly("SKIPPED");
    assertThat(query("SELECT COUNT(*) FROM batch_job_instance")).as("one job instance, restarted").containsExactly("1");
    List<String> executions = query("SELECT status FROM batch_job_execution ORDER BY job_execution_id");
    assertThat(executions.get(executions.size() - 1)).isEqualTo("COMPLETED");
    assertThat(executions.subList(0, executions.size() - 1)).as("each killed execution recovered by Batch").allMatch("FAILED"::equals);
    assertThat(query("SELECT COUNT(*) FROM pull_request")).containsExactly("1");
    for (String name : List.of(MIGRATED)) {
      assertThat(query("SELECT number || ' ' || state || ' ' || COALESCE(pending_commit, '-') FROM pull_request WHERE repository = '" + name + "'"))
          .as("one pull request for " + name + ", confirmed")
          .containsExactly("1 OPEN -");
      String head = query("SELECT head_commit FROM pull_request WHERE repository = '" + name + "'").get(0);
      try (Git git = Git.open(origin(name).toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
        ObjectId tip = git.getRepository().resolve("refs/heads/fleet/faults");
        assertThat(tip).as("the branch of " + name + " was pushed").isNotNull();
        assertThat(tip.name()).as("the pull request's head is what the branch holds").isEqualTo(head);
        RevCommit commit = walk.parseCommit(tip);
        assertThat(commit.getParentCount()).isEqualTo(1);
        assertThat(commit.getParent(0).getId()).as("one commit on top of main: no push stacked on another").isEqualTo(git.getRepository().resolve("refs/heads/main"));
      }
    }
  }

  /** Invariants that hold after every kill; returns when each finished repository finished. */
  private Map<String, String> checkAfterKill(String moment) throws Exception {
    assertThat(query("SELECT COUNT(*) FROM campaign_run")).as(moment + ": never a second run").containsExactly("1");
    assertThat(query("SELECT repository FROM repo_outcome GROUP BY repository HAVING COUNT(*) > 1")).as(moment + ": one outcome per repository").isEmpty();
    assertThat(query("SELECT repository FROM pull_request GROUP BY repository HAVING COUNT(*) > 1")).as(moment + ": one pull request per repository").isEmpty();
    assertThat(query("SELECT COUNT(*) FROM pull_request WHERE number <> 1")).as(moment + ": no second pull request number").containsExactly("0");
    assertThat(query("SELECT status FROM repo_outcome")).as(moment).noneMatch(s -> s.equals("HUMAN_EDITED") || s.equals("ERROR"));
    assertThat(leftRunning()).as(moment + ": no build of the dead JVM runs on in a workspace").isEmpty();
    Map<String, String> finished = new LinkedHashMap<>();
    for (String name : REPOS) {
      String at = outcome(name);
      if (at != null) {
        finished.put(name, at);
      }
    }
    return finished;
  }

  /** Repositories finished before are not redone: their outcome row is the very same. */
  private static Map<String, String> notRedone(Map<String, String> before, Map<String, String> now) {
    before.forEach((name, at) -> assertThat(now.get(name)).as(name + " finished before the kill and was not redone").isEqualTo(at));
    return now;
  }

  /** Processes (other than ours) whose working directory is in a workspace of the data directory. */
  private List<Long> leftRunning() throws Exception {
    Path workspaces = data.resolve("workspaces");
    List<Long> left = new ArrayList<>();
    for (int attempt = 0; attempt < 50; attempt++) {
      left.clear();
      ProcessHandle.allProcesses().forEach(p -> {
        try {
          Path cwd = Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/cwd"));
          if (cwd.startsWith(workspaces) && p.isAlive()) {
            left.add(p.pid());
          }
        } catch (Exception e) {
          // gone, or not ours to read
        }
      });
      if (left.isEmpty()) {
        return left;
      }
      Thread.sleep(200);
    }
    return left;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Path log(String repo, String file) {
    return data.resolve("runs/faults/1/" + repo + "/" + file);
  }

  private String outcome(String repo) {
    try {
      List<String> at = query("SELECT CAST(finished_at AS VARCHAR) FROM repo_outcome WHERE repository = '" + repo + "'");
      return at.isEmpty() ? null : at.get(0);
    } catch (SQLException e) {
      return null;
    }
  }

  private List<String> jobStatuses() throws SQLException {
    return query("SELECT status FROM batch_job_execution ORDER BY job_execution_id");
  }

  private List<String> query(String sql) throws SQLException {
    return TestDatabase.query(data, sql);
  }

  private Path origin(String name) throws Exception {
    Path origin = tmp.resolve("origins/" + name + ".git");
    return Files.exists(origin) ? origin : GitFixtures.sampleOrigin(tmp.resolve("origins"), name, name);
  }

  private int inProcess(String... args) {
    return FleetCli.in(data, args).exit();
  }

  /** The CLI in its own JVM, its standard output in a file. */
  private record Fleet(Process process, Path out) {
    static Fleet start(CrashResumeIT test, String label, String... args) throws Exception {
      Path out = test.tmp.resolve(label + ".out");
      // The sample builds are tiny: a JIT that stops at C1 starts Maven faster (MAVEN_OPTS is on
      // the build environment's allowlist).
      ProcessBuilder builder = FleetProcess.builder(test.data, Map.of("MAVEN_OPTS", "-XX:TieredStopAtLevel=1"), List.of(args))
          .redirectOutput(out.toFile()).redirectError(test.tmp.resolve(label + ".err").toFile());
      return new Fleet(builder.start(), out);
    }

    JsonNode awaitEvent(String event, Duration limit) throws Exception {
      long end = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < end) {
        String text = Files.readString(out);
        // Only whole lines: the CLI may be in the middle of writing the last one.
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
          if (line.startsWith("{")) {
            JsonNode node = JSON.readTree(line);
            if (event.equals(node.path("event").asString())) {
              return node;
            }
          }
        }
        assertThat(process.isAlive()).as("the CLI still runs, waiting for " + event + ": " + output()).isTrue();
        Thread.sleep(50);
      }
      throw new AssertionError("no " + event + " event within " + limit + ": " + output());
    }

    void await(String moment, BooleanSupplier reached, Duration limit) throws Exception {
      long end = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < end) {
        if (reached.getAsBoolean()) {
          return;
        }
        assertThat(process.isAlive()).as("the CLI still runs, waiting for " + moment + ": " + output()).isTrue();
        Thread.sleep(50);
      }
      throw new AssertionError("never reached " + moment + " within " + limit + ": " + output());
    }

    /** Whether this process reported {@code repository} finished. */
    boolean finished(String repository) {
      try {
        return Files.readString(out).contains("\"repository-finished\",\"repository\":\"" + repository + "\"");
      } catch (java.io.IOException e) {
        return false;
      }
    }

    boolean hasChildren() {
      try (var children = process.children()) {
        return children.findAny().isPresent();
      }
    }

    void kill() throws Exception {
      ProcessBuilder kill = new ProcessBuilder("kill", "-KILL", String.valueOf(process.pid()));
      assertThat(kill.start().waitFor()).isZero();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(128 + 9);
    }

    int waitFor(Duration limit) throws Exception {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("did not end within " + limit + ": " + output());
      }
      return process.exitValue();
    }

    String output() {
      try {
        Path err = out.resolveSibling(out.getFileName().toString().replace(".out", ".err"));
        return Files.readString(out) + (Files.exists(err) ? Files.readString(err) : "");
      } catch (Exception e) {
        return "(unreadable: " + e + ")";
      }
    }
  }
}
