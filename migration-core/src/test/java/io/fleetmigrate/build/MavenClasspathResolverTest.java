package io.fleetmigrate.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.recipes.ModuleClasspath;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenClasspathResolverTest {
  @TempDir Path dir;

  @Test
  void theResolutionKeepsTheVerifyCommandsProfilesAndPropertiesButNoPhaseOrGoal() {
    assertThat(MavenClasspathResolver.command("mvn -B verify")).isEqualTo("mvn -B -q " + ModuleClasspath.MAVEN_GOAL);
    assertThat(MavenClasspathResolver.command("./mvnw -B -ntp -Pci -Dgpg.skip -pl core,app -am -T 2 clean install -DskipITs"))
        .isEqualTo("./mvnw -B -q -Pci -Dgpg.skip -pl core,app -am -DskipITs " + ModuleClasspath.MAVEN_GOAL);
    assertThat(MavenClasspathResolver.command("mvn -P it -s ci/settings.xml -f sub/pom.xml verify && ./check.sh"))
        .isEqualTo("mvn -B -q -P it -s ci/settings.xml -f sub/pom.xml " + ModuleClasspath.MAVEN_GOAL);
    assertThat(MavenClasspathResolver.command("make test")).as("not Maven: Fleet's own mvn resolves")
        .isEqualTo("mvn -B -q " + ModuleClasspath.MAVEN_GOAL);
  }

  @Test
  void theCacheKeyFollowsThePomsAndTheCommandNotTheSources() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    Files.createDirectories(dir.resolve("core/src"));
    Files.writeString(dir.resolve("core/pom.xml"), "<project><artifactId>core</artifactId></project>");
    Files.writeString(dir.resolve("core/src/A.java"), "class A {}");
    Files.createDirectories(dir.resolve("core/target"));
    Files.writeString(dir.resolve("core/target/pom.xml"), "build output, not a module");

    String key = MavenClasspathResolver.key(dir, BuildRunner.projectPoms(dir), "mvn");
    assertThat(BuildRunner.projectPoms(dir)).containsExactly(dir.resolve("core/pom.xml"), dir.resolve("pom.xml"));

    Files.writeString(dir.resolve("core/src/A.java"), "class A { int x; }");
    assertThat(MavenClasspathResolver.key(dir, BuildRunner.projectPoms(dir), "mvn")).isEqualTo(key);
    assertThat(MavenClasspathResolver.key(dir, BuildRunner.projectPoms(dir), "mvn -Pci")).isNotEqualTo(key);
    Files.writeString(dir.resolve("core/pom.xml"), "<project><artifactId>core</artifactId><version>2</version></project>");
    assertThat(MavenClasspathResolver.key(dir, BuildRunner.projectPoms(dir), "mvn")).isNotEqualTo(key);
  }

  @Test
  void aResolutionThatKeepsFailingForATransientDownloadIsNotCachedAndLeavesItToTheBaseline() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    Path home = io.fleetmigrate.testing.FakeMaven.failingWith(dir.resolve("maven"), "[ERROR] Failed to execute goal on project app: Could not"
        + " resolve dependencies for project a:app:jar:1: Could not transfer artifact a:b:pom:1 from/to central"
        + " (https://repo.maven.apache.org/maven2): Read timed out -> [Help 1]");
    BuildRunner builds = new BuildRunner(new MavenToolchain(home, dir.resolve("repo"), null),
        Sandbox.detect(), Sandbox.Network.ALLOWED, 1_000_000).withTransientBackoff(java.util.List.of(java.time.Duration.ZERO));
    Path cache = dir.resolve("cache");

    ClasspathResolver.Result result = new MavenClasspathResolver(builds, cache).resolve(dir, "mvn -B verify", java.time.Duration.ofSeconds(30),
        Files.createDirectories(dir.resolve("logs")).resolve("classpath.log"));

    assertThat(result.resolved()).isFalse();
    assertThat(result.reason()).contains("Read timed out", "infrastructure");
    assertThat(cache).as("a download cut short says nothing about the POMs").doesNotExist();
  }

  @Test
  void theResolutionTriesOnceAndLeavesTheRunsAgainToTheBaseline() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    Path home = io.fleetmigrate.testing.FakeMaven.failingWith(dir.resolve("maven"), "[ERROR] Failed to execute goal on project app: Could not"
        + " resolve dependencies for project a:app:jar:1: Could not transfer artifact a:b:pom:1 from/to central"
        + " (https://repo.maven.apache.org/maven2): Connection reset -> [Help 1]");
    // The runner the pipeline gives it retries; in an outage that would double the baseline's waits and runs.
    BuildRunner builds = new BuildRunner(new MavenToolchain(home, dir.resolve("repo"), null),
        Sandbox.detect(), Sandbox.Network.ALLOWED, 1_000_000).withTransientBackoff(java.util.List.of(java.time.Duration.ZERO, java.time.Duration.ZERO));
    Path logs = Files.createDirectories(dir.resolve("logs"));

    ClasspathResolver.Result result = new MavenClasspathResolver(builds, dir.resolve("cache")).resolve(dir, "mvn -B verify",
        java.time.Duration.ofSeconds(30), logs.resolve("classpath.log"));

    assertThat(result.resolved()).isFalse();
    assertThat(result.reason()).contains("1 time", "Connection reset");
    assertThat(logs.resolve("classpath.transient-1.log")).as("not run again").doesNotExist();
  }
}
