package io.fleetmigrate.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.jdk.Jdk;
import io.fleetmigrate.build.jdk.JdkChoice;
import io.fleetmigrate.testing.TestJdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository that picks its JDK with {@code maven-toolchains-plugin} finds it in the {@code
 * toolchains.xml} Fleet writes from the JDKs it knows, inside the sandbox, while Maven itself runs
 * on another JDK; without that file it finds none. Real Maven, its plugins from the local
 * repository (or Maven Central, through the resolution the runner allows on a miss).
 */
class MavenToolchainsIT {
  @TempDir Path dir;

  private static final String POM = """
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <groupId>com.example.fleet</groupId><artifactId>toolchained</artifactId><version>1.0.0-SNAPSHOT</version>
        <properties><maven.compiler.release>21</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
        <build><plugins>
          <plugin>
            <groupId>org.apache.maven.plugins</groupId><artifactId>maven-toolchains-plugin</artifactId><version>3.2.0</version>
            <executions><execution><goals><goal>toolchain</goal></goals></execution></executions>
            <configuration><toolchains><jdk><version>[21,)</version></jdk></toolchains></configuration>
          </plugin>
          <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
        </plugins></build>
      </project>
      """;

  @Test
  void theToolchainsPluginFindsAKnownJdkThroughFleetsToolchainsFile() throws Exception {
    Jdk jdk17 = TestJdks.require(17);
    Jdk jdk25 = TestJdks.require(25);
    Path workspace = dir.resolve("toolchained");
    Files.createDirectories(workspace.resolve("src/main/java/com/example"));
    Files.writeString(workspace.resolve("pom.xml"), POM);
    Files.writeString(workspace.resolve("src/main/java/com/example/Hello.java"), "package com.example;\n\npublic class Hello {}\n");
    MavenToolchain maven = MavenToolchain.fromEnvironment();
    BuildRunner plain = BuildRunner.of(BuildSettings.fromEnvironment(), maven, BuildRunner.DEFAULT_OUTPUT_CAP);
    BuildRunner withToolchains = BuildRunner.of(BuildSettings.fromEnvironment(), maven, BuildRunner.DEFAULT_OUTPUT_CAP, dir.resolve("data"));
    // Maven runs on 17; javac 17 cannot compile for release 21, the toolchain's JDK 25 can.
    JdkChoice on17 = new JdkChoice(jdk17, "JDK 17 for Maven itself");

    BuildResult found = withToolchains.on(on17).run(workspace, "mvn -B -ntp compile", Duration.ofMinutes(5), dir.resolve("logs/found.log"));

    String log = Files.readString(found.log());
    assertThat(found.green()).as(log).isTrue();
    assertThat(log).contains("Found matching toolchain for type jdk: JDK[" + jdk25.home() + "]");

    BuildResult missing = plain.on(on17).run(workspace, "mvn -B -ntp compile", Duration.ofMinutes(5), dir.resolve("logs/missing.log"));

    assertThat(missing.green()).isFalse();
    assertThat(Files.readString(missing.log())).contains("Cannot find matching toolchain definitions");
  }
}
