package io.fleetmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.cli.ExitCode;
import io.fleetmigrate.cli.FleetMain;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to a run left unfinished by a killed process when the next command is not a plain
 * resume: {@code campaign status} says its process is gone, a {@code campaign run} of a changed
 * spec starts a new run and closes the old one through Batch (abandoned, never resumed by
 * surprise), and {@code campaign resume} of a finished run is refused with the reason.
 */
class ResumeChoicesIT {
  @TempDir Path tmp;

  private Result fleet(Path data, String... args) {
    return FleetCli.in(data, args);
  }

  @Test
  void aChangedSpecAbandonsTheDeadRunAndAFinishedRunIsNotResumed() throws Exception {
    Path data = tmp.resolve("data");
    Path slow = GitFixtures.origin(tmp, "slow", Map.of("pom.xml", "<project/>\n"));
    Files.writeString(tmp.resolve("fleet.csv"), "name,clone_url\nslow," + slow + "\n");
    assertThat(fleet(data, "inventory", "import", tmp.resolve("fleet.csv").toString()).exit()).isZero();
    Path spec = tmp.resolve("spec.yaml");
    Files.writeString(spec, """
        name: choices
        recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
        verify:
          command: sleep 600
        """);

    // A run whose baseline hangs, killed once it has started the repository.
    Path out = tmp.resolve("first.out");
    Process first = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
            "io.fleetmigrate.cli.FleetMain", "--data-dir", data.toString(), "campaign", "run", spec.toString(), "--json")
        .redirectOutput(out.toFile()).redirectError(tmp.resolve("first.err").toFile()).start();
    for (int i = 0; i < 1200 && !Files.readString(out).contains("\"repository-started\""); i++) {
      assertThat(first.isAlive()).as(Files.readString(tmp.resolve("first.err"))).isTrue();
      Thread.sleep(100);
    }
    assertThat(Files.readString(out)).contains("\"repository-started\"");
    first.destroyForcibly(); // SIGKILL
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

    Result status = fleet(data, "campaign", "status", "choices");
    assertThat(status.out()).contains("run 1 (RUNNING)", "The process of this run is gone: carry it on with 'fleet campaign resume choices'");

    // The spec changed: not the same run again.
    Files.writeString(spec, Files.readString(spec).replace("sleep 600", "exit 3"));
    Result second = fleet(data, "campaign", "run", spec.toString());

    assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(ExitCode.REPOSITORIES_FAILED.code());
    assertThat(second.out()).contains("slow: BASELINE_RED", "red before any change").doesNotContain("resumed", "[fleet]");
    assertThat(second.out()).as("says what became of the unfinished run, and why")
        .contains("Run 1 of campaign choices did not finish (RUNNING); the spec changed since, so it is closed as ABANDONED");
    assertThat(query(data, "SELECT COUNT(*) FROM campaign_run")).as("a new run").containsExactly("2");
    assertThat(query(data, "SELECT status FROM campaign_run ORDER BY id")).containsExactly("ABANDONED", "COMPLETED");
    assertThat(query(data, "SELECT status FROM batch_job_execution ORDER BY job_execution_id")).containsExactly("ABANDONED", "COMPLETED");

    Result resume = fleet(data, "campaign", "resume", "choices");
    assertThat(resume.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(resume.err()).contains("campaign 'choices' has nothing to resume: its latest run", "ended COMPLETED");
    assertThat(fleet(data, "campaign", "resume", "nope").err()).contains("no campaign named 'nope'");
  }

  private static List<String> query(Path data, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("fleet") + ";AUTO_SERVER=TRUE", "sa", "");
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
