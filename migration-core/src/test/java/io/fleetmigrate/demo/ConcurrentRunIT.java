package io.fleetmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.cli.ExitCode;
import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetProcess;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes try to run the same campaign at once: one runs, the other exits at once with a
 * clear message and the BUSY exit code, and the first one's run is unharmed.
 */
class ConcurrentRunIT {
  @TempDir Path tmp;

  private static Process fleet(Path data, Path log, String... args) throws Exception {
    return FleetProcess.start(data, log, Map.of(), List.of(args));
  }

  @Test
  void secondRunOfTheSameCampaignIsRefusedWhileTheFirstRuns() throws Exception {
    Path data = tmp.resolve("data");
    Path origin = GitFixtures.sampleOrigin(tmp, "billing-service", "billing-service");
    Files.writeString(tmp.resolve("inventory.csv"), "name,clone_url\nbilling-service," + origin + "\n");
    assertThat(FleetCli.in(data, "inventory", "import", tmp.resolve("inventory.csv").toString()).exit()).isZero();
    Path spec = tmp.resolve("slow.yaml");
    // Every build of the first run waits until the test opens its gate, after the second run has
    // been refused: the first run is still running then, however long the second took to start.
    // The gate is a file in the workspace's .git, which the build sees (read-only) in every
    // sandbox and which is no part of the change.
    Files.writeString(spec, """
        name: slow
        recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
        verify:
          command: i=0; until [ -e .git/%s ]; do i=$((i+1)); [ $i -gt 3000 ] && exit 97; sleep 0.1; done; mvn -B -q verify
        """.formatted(GATE)); // a gate never opened ends the build after 5 minutes, red

    Process first = fleet(data, tmp.resolve("first.log"), "campaign", "run", spec.toString());
    try {
      waitForLock(data, first, tmp.resolve("first.log"));
      Process second = fleet(data, tmp.resolve("second.log"), "campaign", "run", spec.toString());

      assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
      String secondLog = Files.readString(tmp.resolve("second.log"));
      assertThat(second.exitValue()).as(secondLog).isEqualTo(ExitCode.BUSY.code());
      assertThat(secondLog).contains("campaign 'slow' is already running");
      assertThat(first.isAlive()).as("the first run goes on").isTrue();

      openGate(data.resolve("workspaces/slow/billing-service/.git"), first);
      assertThat(first.waitFor(10, TimeUnit.MINUTES)).isTrue();
      String firstLog = Files.readString(tmp.resolve("first.log"));
      assertThat(first.exitValue()).as(firstLog).isZero();
      assertThat(firstLog).contains("billing-service: PR_OPENED");
    } finally {
      first.descendants().forEach(ProcessHandle::destroyForcibly); // a failed assertion leaves no run waiting at the gate
      first.destroyForcibly();
    }
  }

  private static final String GATE = "fleet-test-gate";

  /**
   * Opens the builds' gate in the first run's workspace and keeps it open while that run lives (a
   * checkout made again would drop it): the clone may still be under way when the gate opens.
   */
  private static void openGate(Path dotGit, Process first) {
    Thread keeper = new Thread(() -> {
      while (first.isAlive()) {
        try {
          if (Files.isDirectory(dotGit) && !Files.exists(dotGit.resolve(GATE))) {
            Files.writeString(dotGit.resolve(GATE), "");
          }
        } catch (java.io.IOException e) {
          // the checkout is being made or replaced: try again
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "concurrent-run-gate");
    keeper.setDaemon(true);
    keeper.start();
  }

  /** Polls the store (H2 in auto-server mode admits this JVM too) until the first run holds its lock. */
  private static void waitForLock(Path data, Process first, Path firstLog) throws Exception {
    // TestDatabase.query never creates the database itself. When this poll did, on a busy machine,
    // the CLI opening the file at the same moment failed with H2's "already in use" (90020).
    for (int i = 0; i < 240; i++) {
      if (!first.isAlive()) {
        throw new AssertionError("the first run ended (exit " + first.exitValue() + ") before it took the lock:\n" + Files.readString(firstLog));
      }
      try {
        if (TestDatabase.query(data, "SELECT COUNT(*) FROM campaign_lock WHERE campaign = 'slow'").equals(List.of("1"))) {
          return;
        }
      } catch (java.sql.SQLException e) {
        // the table appears once the first process has migrated the schema
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the first run never took the campaign lock");
  }
}
