package io.fleetmigrate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotMavenTest {
  @TempDir Path dir;

  @Test
  void aGradleBuildIsSkippedWithAReasonNamingGradle() throws Exception {
    Files.writeString(dir.resolve("build.gradle"), "apply plugin: 'java'\n");
    Files.writeString(dir.resolve("gradlew"), "#!/bin/sh\n");

    assertThat(RepoPipeline.notMaven(dir)).startsWith("a Gradle build (build.gradle)").contains("Maven projects only");
  }

  @Test
  void aFolderWithoutAnyBuildFileSaysSo() {
    assertThat(RepoPipeline.notMaven(dir)).isEqualTo("no pom.xml at the repository root: not a Maven build");
  }
}
