package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.FleetProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable jar as a person runs it: its class loader reads jars inside a jar, which the
 * tests' classpath never does, so the recipe catalog is checked here against the real jar.
 */
class ExecutableJarIT {
  @TempDir Path tmp;

  @Test
  void javaRecipesOfEveryModuleAndOurOwnAreListedDescribedAndNameableFromTheJar() throws Exception {
    Path data = tmp.resolve("data");
    Path spec = tmp.resolve("spec.yaml");
    Files.writeString(spec, """
        name: rename-api
        recipes:
          - name: org.openrewrite.java.ChangeType
            options:
              oldFullyQualifiedTypeName: com.example.Old
              newFullyQualifiedTypeName: com.example.New
          - name: org.openrewrite.text.FindAndReplace
            options: {find: foo, replace: bar}
          - io.fleetmigrate.recipes.java.KeepJUnit4ForMainCode
          - io.fleetmigrate.campaigns.JUnit4to5
          - org.openrewrite.java.testing.junit5.JUnit4to5Migration
        """);

    FleetProcess.Jar list = FleetProcess.runJar(data, Map.of(), "recipes", "list");
    assertThat(list.exit()).as(list.output()).isZero();
    assertThat(list.output()).contains(
        "org.openrewrite.java.ChangeType", "org.openrewrite.text.FindAndReplace",
        "io.fleetmigrate.recipes.java.KeepJUnit4ForMainCode", "org.openrewrite.java.testing.junit5.JUnit4to5Migration");
    assertThat(list.output().lines().count()).as("Java and declarative recipes").isGreaterThan(2000);

    FleetProcess.Jar describe = FleetProcess.runJar(data, Map.of(), "recipes", "describe", "org.openrewrite.java.ChangeType");
    assertThat(describe.exit()).as(describe.output()).isZero();
    assertThat(describe.output()).contains("oldFullyQualifiedTypeName", "newFullyQualifiedTypeName");

    // A spec naming them validates (recipes and options; the declarative ones through the recipe
    // index, from the nested jars), the dry run's first step; the empty inventory, checked after the
    // recipes, then stops it.
    FleetProcess.Jar run = FleetProcess.runJar(data, Map.of(), "campaign", "run", spec.toString(), "--dry-run");
    assertThat(run.output()).doesNotContain("unknown recipe").contains("the inventory is empty");
    assertThat(run.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
  }

  @Test
  void versionNamesTheRecipeModules() throws Exception {
    FleetProcess.Jar version = FleetProcess.runJar(tmp.resolve("data"), Map.of(), "--version");

    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output()).containsPattern("fleet \\d").containsPattern("rewrite-testing-frameworks \\d+\\.\\d+")
        .containsPattern("rewrite-core \\d+\\.\\d+");
  }
}
