package io.fleetmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.cli.ExitCode;
import io.fleetmigrate.cli.FleetMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes try to run the same campaign at once: one runs, the other exits at once with a
 * clear message and the BUSY exit code, and the first one's run is unharmed.
 */
class ConcurrentRunIT {
  @TempDir Path tmp;

  private Process fleet(Path data, Path log, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "io.fleetmigrate.cli.FleetMain", "--data-dir", data.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    String maven = System.getProperty("fleet.maven.home");
    if (maven != null) {
      builder.environment().put("FLEET_MAVEN_HOME", maven);
    }
    return builder.start();
  }

  @Test
  void secondRunOfTheSameCampaignIsRefusedWhileTheFirstRuns() throws Exception {
    Path data = tmp.resolve("data");
    Path work = tmp.resolve("billing-service");
    DemoFleet.copySample("billing-service", work);
    Path origin = tmp.resolve("billing-service.git");
    try (Git bare = Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call();
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("initial").setSign(false).call();
      git.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toString())).call();
      git.push().setRemote("origin").add("main").call();
    }
    Files.writeString(tmp.resolve("inventory.csv"), "name,clone_url\nbilling-service," + origin + "\n");
    StringWriter ignored = new StringWriter();
    assertThat(FleetMain.run(new String[] {"--data-dir", data.toString(), "inventory", "import", tmp.resolve("inventory.csv").toString()},
        new PrintWriter(ignored), new PrintWriter(ignored))).isZero();
    Path spec = tmp.resolve("slow.yaml");
    Files.writeString(spec, """
        name: slow
        recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
        verify:
          command: sleep 20 && mvn -B -q verify
        """);

    Process first = fleet(data, tmp.resolve("first.log"), "campaign", "run", spec.toString());
    waitForLock(data, first, tmp.resolve("first.log"));
    Process second = fleet(data, tmp.resolve("second.log"), "campaign", "run", spec.toString());

    assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String secondLog = Files.readString(tmp.resolve("second.log"));
    assertThat(second.exitValue()).as(secondLog).isEqualTo(ExitCode.BUSY.code());
    assertThat(secondLog).contains("campaign 'slow' is already running");
    assertThat(first.isAlive()).as("the first run goes on").isTrue();

    assertThat(first.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String firstLog = Files.readString(tmp.resolve("first.log"));
    assertThat(first.exitValue()).as(firstLog).isZero();
    assertThat(firstLog).contains("billing-service: PR_OPENED");
  }

  /** Polls the store (H2 in auto-server mode admits this JVM too) until the first run holds its lock. */
  private static void waitForLock(Path data, Process first, Path firstLog) throws Exception {
    // IFEXISTS: this poll must never create the database itself. When it did, on a busy machine,
    // the CLI opening the file at the same moment failed with H2's "already in use" (90020).
    String url = "jdbc:h2:file:" + data.resolve("fleet") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
    for (int i = 0; i < 240; i++) {
      if (!first.isAlive()) {
        throw new AssertionError("the first run ended (exit " + first.exitValue() + ") before it took the lock:\n" + Files.readString(firstLog));
      }
      try (Connection c = DriverManager.getConnection(url, "sa", "");
          ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM campaign_lock WHERE campaign = 'slow'")) {
        rs.next();
        if (rs.getInt(1) == 1) {
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
