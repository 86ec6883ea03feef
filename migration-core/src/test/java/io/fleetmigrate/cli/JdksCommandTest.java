package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleetmigrate.testing.FleetCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class JdksCommandTest {
  @TempDir Path tmp;

  @Test
  void jsonListsTheRunningJdkWithoutOpeningTheDataDirectory() throws Exception {
    // An unwritable data directory: the command must not need it (no store, no application).
    FleetCli.Result r = FleetCli.run("--data-dir", "/proc/fleet-jdks", "jdks", "--json");

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.OK.code());
    JsonNode doc = Json.MAPPER.readTree(r.out());
    assertThat(doc.get("problems").isEmpty()).isTrue();
    String running = Path.of(System.getProperty("java.home")).toRealPath().toString();
    JsonNode self = null;
    List<Integer> versions = new ArrayList<>();
    for (JsonNode jdk : doc.get("jdks")) {
      versions.add(jdk.get("version").asInt());
      if (jdk.get("home").asString().equals(running)) {
        self = jdk;
      }
    }
    assertThat(self).as("the running JDK in " + r.out()).isNotNull();
    assertThat(self.get("version").asInt()).isEqualTo(Runtime.version().feature());
    assertThat(self.get("kind").asString()).isEqualTo("JDK");
    assertThat(self.get("foundIn").toString()).contains("running Fleet");
    assertThat(versions).isSorted();
  }

  @Test
  void aFleetJdksEntryThatIsNotAJdkIsNamedAndExitsWithEnvironment() throws Exception {
    assumeTrue(System.getenv("FLEET_JDKS") == null, "FLEET_JDKS is set in this environment; the property would not be read");
    Path notAJdk = Files.createDirectories(tmp.resolve("not-a-jdk"));
    System.setProperty("fleet.jdks", notAJdk.toString());
    try {
      FleetCli.Result r = FleetCli.run("jdks");

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.ENVIRONMENT.code());
      assertThat(r.err()).contains("FLEET_JDKS: " + notAJdk + " is not a JDK: it has no release file");
      assertThat(r.out()).contains("VERSION", "KIND", "VENDOR", "FOUND IN", "HOME", "running Fleet", " known; more with FLEET_JDKS=");
    } finally {
      System.clearProperty("fleet.jdks");
    }
  }
}
