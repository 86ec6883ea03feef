package io.fleetmigrate.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildToolsTest {
  @TempDir Path dir;

  private static final MavenBuildTool MAVEN = MavenBuildTool.MAVEN;

  @Test
  void aRootPomIsMavenAGradleBuildIsNotSupportedYetAndNothingElseIsABuild() throws Exception {
    assertThat(BuildTools.detect(dir)).isEqualTo(new BuildTools.Detected(null, "no pom.xml at the repository root: not a Maven build"));

    Files.writeString(dir.resolve("settings.gradle.kts"), "rootProject.name = \"x\"\n");
    BuildTools.Detected gradle = BuildTools.detect(dir);
    assertThat(gradle.tool()).isNull();
    assertThat(gradle.reason()).isEqualTo("a Gradle build (settings.gradle.kts), and Gradle is not supported yet: Fleet builds Maven"
        + " projects only (no pom.xml at the repository root)");

    Files.writeString(dir.resolve("pom.xml"), "<project/>\n");
    assertThat(BuildTools.detect(dir)).isEqualTo(new BuildTools.Detected(MAVEN, ""));
  }

  @Test
  void theBaselineAddsTheClasspathGoalToMavenAndFleetsMavenAfterAnythingElse() {
    assertThat(MAVEN.baselineCommand(" mvn -B verify ")).isEqualTo("mvn -B verify " + MavenBuildTool.CLASSPATH_GOAL);
    assertThat(MAVEN.baselineCommand("./mvnw")).isEqualTo("./mvnw " + MavenBuildTool.CLASSPATH_GOAL);
    assertThat(MAVEN.baselineCommand("make test")).isEqualTo("make test && mvn -B -q " + MavenBuildTool.CLASSPATH_GOAL);
  }

  @Test
  void lintAndCompileStagesUseTheVerifyCommandsLauncherAndTheLintersThePomConfigures() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project><build><plugins><plugin><artifactId>spotless-maven-plugin</artifactId></plugin>"
        + "<plugin><artifactId>maven-checkstyle-plugin</artifactId></plugin></plugins></build></project>\n");

    assertThat(MAVEN.lintCommand(dir, "./mvnw -B verify")).isEqualTo("./mvnw -B checkstyle:check spotless:check");
    assertThat(MAVEN.lintCommand(dir, "make test")).isNull();
    assertThat(MAVEN.compileCommand("mvn -B -ntp verify")).isEqualTo("mvn -B test-compile");
    assertThat(MAVEN.compileCommand("gradle test")).isNull();
    assertThat(MAVEN.launcher("mvnw verify")).isNull();
  }
}
