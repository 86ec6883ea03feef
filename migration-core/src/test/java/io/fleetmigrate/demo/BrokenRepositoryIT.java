package io.fleetmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.cli.ExitCode;
import io.fleetmigrate.cli.FleetMain;
import io.fleetmigrate.testing.GitFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One repository that cannot even be cloned becomes one ERROR outcome; the fleet goes on. */
class BrokenRepositoryIT {
  @TempDir Path tmp;

  private String fleet(Path data, int expectedExit, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = data.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    StringWriter out = new StringWriter();
    int exit = FleetMain.run(all, new PrintWriter(out, true), new PrintWriter(out, true));
    assertThat(exit).as(out.toString()).isEqualTo(expectedExit);
    return out.toString();
  }

  @Test
  void anUnreachableRepositoryIsOneErrorAndTheOthersAreProcessed() throws Exception {
    Path data = tmp.resolve("data");
    Path docs = GitFixtures.origin(tmp, "docs", Map.of("README.md", "# docs\n"));
    Files.writeString(
        tmp.resolve("fleet.csv"),
        "name,clone_url\nghost," + tmp.resolve("does-not-exist.git") + "\ndocs," + docs + "\n");
    fleet(data, 0, "inventory", "import", tmp.resolve("fleet.csv").toString());
    Files.writeString(tmp.resolve("spec.yaml"), "name: broken\nrecipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]\n");

    String out = fleet(data, ExitCode.REPOSITORIES_FAILED.code(), "campaign", "run", tmp.resolve("spec.yaml").toString(), "--concurrency", "1");

    assertThat(out).contains("ghost: ERROR", "clone failed", "docs: SKIPPED");
    String status = fleet(data, 0, "campaign", "status", "broken", "--json");
    assertThat(status).contains("\"status\" : \"ERROR\"", "\"status\" : \"SKIPPED\"");
  }
}
