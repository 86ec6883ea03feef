package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and a hostile environment, through the CLI: each gets a clear message and its exit
 * code, and nothing recorded before is lost. (The rest of the bad-input suite lives next to the
 * code it exercises; README "Reliability" lists every case and its test.)
 */
class BadInputIT {
  @TempDir Path tmp;

  private Result fleet(Path data, String... args) {
    return FleetCli.in(data, args);
  }

  private Path importFleet(Path data, String csv) throws Exception {
    Path file = tmp.resolve("fleet.csv");
    Files.writeString(file, "name,clone_url\n" + csv);
    assertThat(fleet(data, "inventory", "import", file.toString()).exit()).isZero();
    return file;
  }

  @Test
  void aMistypedBuildSettingInTheEnvironmentIsAUsageErrorBeforeAnythingStarts() throws Exception {
    Path data = tmp.resolve("data");
    Path log = tmp.resolve("demo.log");
    Process p = io.fleetmigrate.testing.FleetProcess.start(data, log, Map.of("FLEET_BUILD_NETWORK", "bogus"), List.of("demo"));
    assertThat(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();

    assertThat(p.exitValue()).as(Files.readString(log)).isEqualTo(ExitCode.USAGE.code());
    assertThat(Files.readString(log)).contains("FLEET_BUILD_NETWORK must be auto, none, allowed, not 'bogus'");
    assertThat(data.resolve("fleet.mv.db")).as("no database opened, no application started").doesNotExist();
  }

  @Test
  void anUnknownRecipeIsInvalidInputAndNoRunIsCreated() throws Exception {
    Path data = tmp.resolve("data");
    Path docs = GitFixtures.origin(tmp, "docs", Map.of("README.md", "# docs\n"));
    importFleet(data, "docs," + docs + "\n");
    Path spec = Files.writeString(tmp.resolve("spec.yaml"), "name: typo\nrecipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migraton]\n");

    Result r = fleet(data, "campaign", "run", spec.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains(spec + ":2:11: unknown recipe 'org.openrewrite.java.testing.junit5.JUnit4to5Migraton'");
    assertThat(fleet(data, "campaign", "status", "typo").err()).contains("no campaign named 'typo'");

    Path option = Files.writeString(tmp.resolve("option.yaml"), """
        name: option-typo
        recipes:
          - name: org.openrewrite.text.FindAndReplace
            options:
              find: a
              replase: b
        """);
    Result o = fleet(data, "campaign", "run", option.toString());
    assertThat(o.exit()).as(o.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(o.err()).contains(option + ":6:7: recipe org.openrewrite.text.FindAndReplace has no option 'replase'");
  }

  @Test
  void anEmptySelectionIsInvalidInput() throws Exception {
    Path data = tmp.resolve("data");
    Path docs = GitFixtures.origin(tmp, "docs", Map.of("README.md", "# docs\n"));
    importFleet(data, "docs," + docs + "\n");
    Path spec = Files.writeString(tmp.resolve("spec.yaml"), """
        name: nobody
        repositories:
          tags: [no-such-tag]
        recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
        """);

    Result r = fleet(data, "campaign", "run", spec.toString());

    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("the selection matched no repository of the inventory (1 known)");
  }

  @Test
  void aBuildThatHangsIsKilledAtItsTimeLimitAndTheRepositoryEndsWithTheReason() throws Exception {
    Path data = tmp.resolve("data");
    Path hangs = GitFixtures.origin(tmp, "hangs", Map.of("pom.xml", "<project/>\n"));
    importFleet(data, "hangs," + hangs + "\n");
    Path spec = Files.writeString(tmp.resolve("spec.yaml"), """
        name: hang
        recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
        verify:
          command: sleep 600
          timeout: 3s
        """);
    long start = System.nanoTime();

    Result r = fleet(data, "campaign", "run", spec.toString());

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.REPOSITORIES_FAILED.code());
    assertThat(r.out()).contains("hangs: BASELINE_RED", "timed out after 3s", "raise verify.timeout");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(120);

    // Its reports, written where nothing can be written: a sentence and exit 4, not an internal error.
    Result report = fleet(data, "report", "hang", "--out", "/proc/fleet-reports");
    assertThat(report.exit()).as(report.err()).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(report.err()).contains("cannot write the reports to /proc/fleet-reports (").contains("choose a folder you can write with --out")
        .doesNotContain("internal error");
  }

  @Test
  void aDatabaseHeldByAnotherProcessIsBusyWithAClearMessage() throws Exception {
    Path data = tmp.resolve("data");
    assertThat(fleet(data, "inventory", "list").exit()).isZero(); // the database exists
    // Another process opens it in embedded mode (no auto-server), so it cannot be shared.
    Process holder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
            "org.h2.tools.Shell", "-url", "jdbc:h2:file:" + data.resolve("fleet"), "-user", "sa", "-password", "")
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("holder.log").toFile())
        .start();
    try {
      for (int i = 0; i < 200 && !Files.readString(tmp.resolve("holder.log")).contains("sql>"); i++) {
        Thread.sleep(100);
      }
      assertThat(Files.readString(tmp.resolve("holder.log"))).as("the other process holds the database").contains("sql>");

      Result r = fleet(data, "inventory", "list");

      assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.BUSY.code());
      assertThat(r.err()).contains("is in use by another process that does not share it");
    } finally {
      holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(fleet(data, "inventory", "list").exit()).as("usable again once the other process is gone").isZero();
  }

  /**
   * A full disk while a workspace is written: the workspaces directory is a 1 MiB tmpfs (in a
   * mount namespace of the CLI's own process, so nothing else on the machine is touched), and one
   * repository does not fit. It ends ERROR with the system's reason; the other one goes on, and
   * the store (on the real disk) keeps both outcomes.
   */
  @Test
  void aFullDiskWhileWritingAWorkspaceIsOneErrorAndTheFleetGoesOn() throws Exception {
    assumeTrue(works("unshare", "--mount", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"), "needs mount namespaces (root)");
    Path data = tmp.resolve("data");
    byte[] noise = new byte[3 * 1024 * 1024];
    new Random(7).nextBytes(noise);
    Path big = GitFixtures.origin(tmp, "b-big", Map.of("pom.xml", "<project/>\n"));
    try (Git git = Git.cloneRepository().setURI(big.toUri().toString()).setDirectory(tmp.resolve("b-big-more").toFile()).call()) {
      Files.write(tmp.resolve("b-big-more/blob.bin"), noise);
      git.add().addFilepattern("blob.bin").call();
      git.commit().setMessage("a big file").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
      git.push().call();
    }
    Path small = GitFixtures.origin(tmp, "a-small", Map.of("README.md", "# small\n"));
    importFleet(data, "a-small," + small + "\nb-big," + big + "\n");
    Path spec = Files.writeString(tmp.resolve("spec.yaml"), "name: disk\nrecipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]\n");
    Path workspaces = Files.createDirectories(data.resolve("workspaces"));

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cli = "mount -t tmpfs -o size=1m tmpfs '" + workspaces + "' && exec '" + java + "' -cp \"$CP\" io.fleetmigrate.cli.FleetMain --data-dir '"
        + data + "' campaign run '" + spec + "' --concurrency 1";
    ProcessBuilder builder = new ProcessBuilder("unshare", "--mount", "sh", "-c", cli)
        .redirectErrorStream(true).redirectOutput(tmp.resolve("disk.log").toFile());
    builder.environment().put("CP", System.getProperty("java.class.path"));
    // One repository in flight at a time (no prefetch), so that the small one is not cloned while
    // the big one fills the disk: which of the two fails must not be a race.
    builder.environment().put("FLEET_PREFETCH", "0");
    Process run = builder.start();
    assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String log = Files.readString(tmp.resolve("disk.log"));

    assertThat(run.exitValue()).as(log).isEqualTo(ExitCode.REPOSITORIES_FAILED.code());
    assertThat(log).contains("a-small: SKIPPED", "b-big: ERROR", "No space left on device");
    Result status = fleet(data, "campaign", "status", "disk");
    assertThat(status.out()).contains("a-small", "SKIPPED", "b-big", "ERROR");
  }

  private static boolean works(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
