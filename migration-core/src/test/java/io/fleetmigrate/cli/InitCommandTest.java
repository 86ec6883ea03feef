package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.recipes.RecipeCatalog;
import io.fleetmigrate.testing.FleetCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @TempDir Path tmp;

  @Test
  void writesACommentedSpecWithTheRecipesOptionsThatValidatesAndPrintsTheNextCommands() throws Exception {
    Path spec = tmp.resolve("rename.yaml");

    FleetCli.Result r = FleetCli.run("init", "rename-api", "--recipe", "org.openrewrite.java.ChangeType", "--from", "inventory.csv",
        "--out", spec.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Wrote " + spec, "fleet inventory import inventory.csv", "fleet doctor --spec " + spec,
        "fleet campaign run " + spec + " --dry-run --limit 1");
    String yaml = Files.readString(spec);
    assertThat(yaml).contains("name: rename-api", "  - name: org.openrewrite.java.ChangeType", "      oldFullyQualifiedTypeName: ",
        "      newFullyQualifiedTypeName: ", "# ignoreDefinition: ", "# verify:", "# fix:");
    CampaignSpec read = CampaignSpecReader.read(spec);
    assertThat(read.name()).isEqualTo("rename-api");
    RecipeCatalog.scan().validate(read.recipes()); // the options it filled in are ones the recipe accepts
  }

  @Test
  void refusesToOverwriteAndAnUnknownRecipeWritesNothing() throws Exception {
    Path spec = Files.writeString(tmp.resolve("junit5.yaml"), "mine\n");

    FleetCli.Result again = FleetCli.run("init", "junit5", "--recipe", "io.fleetmigrate.campaigns.JUnit4to5", "--out", spec.toString());
    FleetCli.Result unknown = FleetCli.run("init", "other", "--recipe", "io.fleetmigrate.campaigns.JUnit4to6",
        "--out", tmp.resolve("other.yaml").toString());

    assertThat(again.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(again.err()).contains(spec + ": already exists; nothing was written");
    assertThat(Files.readString(spec)).isEqualTo("mine\n");
    assertThat(unknown.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(unknown.err()).contains("unknown recipe 'io.fleetmigrate.campaigns.JUnit4to6'", "JUnit4to5");
    assertThat(tmp.resolve("other.yaml")).doesNotExist();
  }
}
