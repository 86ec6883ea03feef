package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.FleetCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class DoctorCommandTest {
  @TempDir Path tmp;

  @Test
  void aMissingPieceIsNamedWithItsHintAndExit4() {
    FleetCli.Result r = FleetCli.run("--data-dir", "/proc/fleet-doctor", "doctor");

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(r.out()).contains("MISSING  data-dir   cannot write /proc/fleet-doctor", "-> choose a writable folder with --data-dir",
        "MISSING  database", "Not ready: fix what is MISSING above");
  }

  @Test
  void jsonListsEveryCheckAndTheExitFollowsTheFindings() {
    FleetCli.Result r = FleetCli.run("--data-dir", tmp.resolve("data").toString(), "doctor", "--json");

    JsonNode doc = Json.MAPPER.readTree(r.out());
    List<String> names = new ArrayList<>();
    boolean missing = false;
    for (JsonNode check : doc.get("checks")) {
      names.add(check.get("check").asString());
      missing |= check.get("status").asString().equals("MISSING");
      if (!check.get("status").asString().equals("OK")) {
        assertThat(check.get("hint").asString()).as(check.toString()).isNotBlank();
      }
    }
    assertThat(names).containsExactly("java", "settings", "maven", "data-dir", "sandbox", "database", "jdks", "code-host", "model");
    assertThat(doc.get("ready").asBoolean()).isEqualTo(!missing);
    assertThat(r.exit()).isEqualTo(missing ? ExitCode.ENVIRONMENT.code() : ExitCode.OK.code());
    assertThat(r.out()).contains("\"check\" : \"database\",\n    \"status\" : \"OK\"");
  }
}
