package io.fleetmigrate.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.SampleRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Maven, real Maven Central, an empty local repository and no network for the build. By
 * default the offline build that lacks its plugins runs again with resolution allowed, and passes;
 * so does one that lacks only Surefire's JUnit 4 provider (which Surefire resolves when the tests
 * start). Under {@code FLEET_BUILD_NETWORK=none} the warm step fetches them instead.
 */
class SandboxedMavenIT {
  @TempDir Path dir;

  @Test
  void aSampleFromAnEmptyLocalRepositoryIsGreenAndSoIsOneLackingOnlySurefiresProvider() throws Exception {
    Sandbox sandbox = Sandbox.detect();
    Assumptions.assumeTrue(sandbox.namespaces(), "this machine cannot create namespaces");
    Path repository = dir.resolve("empty-repo");
    MavenToolchain maven = new MavenToolchain(MavenToolchain.fromEnvironment().home(), repository, null);
    BuildRunner builds = new BuildRunner(maven, sandbox, BuildRunner.networkPolicy("auto", sandbox), BuildRunner.resolveOnMiss("auto"),
        BuildRunner.DEFAULT_OUTPUT_CAP);
    Path workspace = SampleRepos.copy("billing-service", dir.resolve("billing-service"));

    BuildResult first = builds.run(workspace, "mvn -B verify", Duration.ofMinutes(5), dir.resolve("logs/baseline.log"));

    assertThat(first.green()).as(first.summary()).isTrue();
    assertThat(first.isolation()).contains("no network (Maven offline)", "resolution allowed");
    Path provider = BuildRunner.headFor(workspace).resolve("org/apache/maven/surefire/surefire-junit4");
    assertThat(provider).as("fetched into the repository's own head").isDirectory();
    try (java.util.stream.Stream<Path> shared = Files.list(repository)) {
      assertThat(shared).as("the shared local repository is a read-only tail: nothing written").isEmpty();
    }
    assertThat(Files.readString(first.log())).contains("Tests run: 4, Failures: 0", "BUILD SUCCESS");
    assertThat(dir.resolve("logs/baseline.warm-1.log")).as("no warm rounds").doesNotExist();

    BuildResult second = builds.run(workspace, "mvn -B verify", Duration.ofMinutes(5), dir.resolve("logs/again.log"));
    assertThat(second.green()).as(second.summary()).isTrue();
    assertThat(second.isolation()).doesNotContain("resolution allowed");

    // A test that fails once and passes when Surefire runs it again is flaky, not red.
    Path flaky = workspace.resolve("src/test/java/com/example/billing/FlakyTest.java");
    Files.writeString(flaky, """
        package com.example.billing;

        import static org.junit.Assert.assertTrue;

        import java.nio.file.Files;
        import java.nio.file.Path;
        import org.junit.Test;

        public class FlakyTest {
          @Test
          public void passesTheSecondTime() throws Exception {
            Path marker = Path.of("target", "flaky-marker");
            boolean second = Files.exists(marker);
            Files.writeString(marker, "ran");
            assertTrue("first run fails", second);
          }
        }
        """);
    BuildResult flakes = builds.run(workspace, "mvn -B verify", Duration.ofMinutes(5), dir.resolve("logs/flaky.log"));
    assertThat(flakes.green()).as(flakes.summary()).isTrue();
    assertThat(Files.readString(flakes.log())).contains("Flakes: 1");
    Files.delete(flaky);

    // Everything but the provider: the offline build compiles, then fails when Surefire forks.
    deleteTree(provider);
    BuildResult third = builds.run(workspace, "mvn -B verify", Duration.ofMinutes(5), dir.resolve("logs/provider.log"));

    assertThat(third.green()).as(third.summary()).isTrue();
    assertThat(third.isolation()).contains("resolution allowed");
    assertThat(Files.readString(dir.resolve("logs/provider.offline.log"))).contains("surefire-junit4");
    assertThat(provider).isDirectory();
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void underNetworkNoneASampleBuildsOfflineFromAnEmptyLocalRepositoryAfterTheWarmStep() throws Exception {
    Sandbox sandbox = Sandbox.detect();
    Assumptions.assumeTrue(sandbox.namespaces(), "this machine cannot create namespaces");
    Path repository = dir.resolve("empty-repo");
    MavenToolchain maven = new MavenToolchain(MavenToolchain.fromEnvironment().home(), repository, null);
    BuildRunner builds = new BuildRunner(maven, sandbox, BuildRunner.networkPolicy("none", sandbox), BuildRunner.resolveOnMiss("none"),
        BuildRunner.DEFAULT_OUTPUT_CAP);
    Path workspace = SampleRepos.copy("billing-service", dir.resolve("billing-service"));

    BuildResult first = builds.run(workspace, "mvn -B verify", Duration.ofMinutes(5), dir.resolve("logs/baseline.log"));

    assertThat(first.green()).as(first.summary()).isTrue();
    assertThat(first.isolation()).contains("no network (Maven offline)", "local Maven repository warmed");
    assertThat(BuildRunner.headFor(workspace).resolve("org/apache/maven/surefire/surefire-junit4"))
        .as("fetched into the repository's own head").isDirectory();
    try (java.util.stream.Stream<Path> shared = Files.list(repository)) {
      assertThat(shared).as("the shared local repository is a read-only tail: nothing written").isEmpty();
    }
    assertThat(Files.readString(first.log())).contains("Tests run: 4, Failures: 0", "BUILD SUCCESS");
    assertThat(Files.readString(dir.resolve("logs/baseline.warm-1.log"))).contains("go-offline", "warm step");

    BuildResult second = builds.run(workspace, "mvn -B verify", Duration.ofMinutes(5), dir.resolve("logs/again.log"));

    assertThat(second.green()).as(second.summary()).isTrue();
    assertThat(second.isolation()).doesNotContain("warmed");
  }
}
