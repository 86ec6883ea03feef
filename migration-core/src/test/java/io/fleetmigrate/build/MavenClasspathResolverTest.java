package io.fleetmigrate.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.recipes.ModuleClasspath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    String key = MavenClasspathResolver.key(dir, MavenBuildTool.projectPoms(dir), "mvn");
    assertThat(MavenBuildTool.projectPoms(dir)).containsExactly(dir.resolve("core/pom.xml"), dir.resolve("pom.xml"));

    Files.writeString(dir.resolve("core/src/A.java"), "class A { int x; }");
    assertThat(MavenClasspathResolver.key(dir, MavenBuildTool.projectPoms(dir), "mvn")).isEqualTo(key);
    assertThat(MavenClasspathResolver.key(dir, MavenBuildTool.projectPoms(dir), "mvn -Pci")).isNotEqualTo(key);
    Files.writeString(dir.resolve("core/pom.xml"), "<project><artifactId>core</artifactId><version>2</version></project>");
    assertThat(MavenClasspathResolver.key(dir, MavenBuildTool.projectPoms(dir), "mvn")).isNotEqualTo(key);
  }

  /**
   * The resolution of a one-POM project whose Maven always fails to download for {@code cause}, on a
   * runner that would run a build again once per entry of {@code backoff}; its log is {@code logs/classpath.log}.
   */
  private ClasspathResolver.Result resolveFailingWith(String cause, Duration... backoff) throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    Path home = io.fleetmigrate.testing.FakeMaven.failingWith(dir.resolve("maven"), "[ERROR] Failed to execute goal on project app: Could not"
        + " resolve dependencies for project a:app:jar:1: Could not transfer artifact a:b:pom:1 from/to central"
        + " (https://repo.maven.apache.org/maven2): " + cause + " -> [Help 1]");
    BuildRunner builds = new BuildRunner(new MavenToolchain(home, dir.resolve("repo"), null),
        Sandbox.detect(), Sandbox.Network.ALLOWED, 1_000_000).withTransientBackoff(List.of(backoff));
    return new MavenClasspathResolver(builds, dir.resolve("cache")).resolve(dir, "mvn -B verify", Duration.ofSeconds(30),
        Files.createDirectories(dir.resolve("logs")).resolve("classpath.log"));
  }

  @Test
  void aResolutionThatKeepsFailingForATransientDownloadIsNotCachedAndLeavesItToTheBaseline() throws Exception {
    ClasspathResolver.Result result = resolveFailingWith("Read timed out", Duration.ZERO);

    assertThat(result.resolved()).isFalse();
    assertThat(result.reason()).contains("Read timed out", "infrastructure");
    assertThat(dir.resolve("cache")).as("a download cut short says nothing about the POMs").doesNotExist();
  }

  @Test
  void theResolutionTriesOnceAndLeavesTheRunsAgainToTheBaseline() throws Exception {
    // The runner the pipeline gives it runs again; in an outage that would double the baseline's waits and runs.
    ClasspathResolver.Result result = resolveFailingWith("Connection reset", Duration.ZERO, Duration.ZERO);

    assertThat(result.resolved()).isFalse();
    assertThat(result.reason()).contains("1 time", "Connection reset");
    assertThat(dir.resolve("logs/classpath.transient-1.log")).as("not run again").doesNotExist();
  }
}
