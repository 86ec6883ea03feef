package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.SampleRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newcomer's path: the spec 'fleet init' writes runs as a dry run on a sample repository, as written. */
class InitIT {
  @TempDir Path tmp;

  @Test
  void theWrittenSpecDryRunsOnASample() throws Exception {
    Path sample = SampleRepos.copy("inventory-api", tmp.resolve("sample"));
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(sample)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(sample.relativize(p).toString(), Files.readString(p));
      }
    }
    Path origin = GitFixtures.origin(tmp, "inventory-api", files);
    Path csv = Files.writeString(tmp.resolve("fleet.csv"), "name,clone_url\ninventory-api," + origin + "\n");
    Path data = tmp.resolve("data");
    Path spec = tmp.resolve("junit5.yaml");

    FleetCli.Result init = FleetCli.run("init", "junit5", "--recipe", "io.fleetmigrate.campaigns.JUnit4to5", "--from", csv.toString(),
        "--out", spec.toString());
    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(FleetCli.run("--data-dir", data.toString(), "inventory", "import", csv.toString()).exit()).isZero();

    FleetCli.Result run = FleetCli.run("--data-dir", data.toString(), "campaign", "run", spec.toString(), "--dry-run", "--limit", "1");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("inventory-api: READY");
    Path runs = data.resolve("runs/junit5");
    Path diff;
    try (Stream<Path> ids = Files.list(runs)) {
      diff = ids.max(Path::compareTo).orElseThrow().resolve("inventory-api/change.diff");
    }
    assertThat(Files.readString(diff)).contains("org.junit.jupiter");
  }
}
