package io.fleetmigrate.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which {@link BuildTool} builds a checkout, or why none does. */
public final class BuildTools {
  private BuildTools() {}

  /**
   * The build tool of a checkout ({@code tool}), or none and the reason it is skipped.
   *
   * @param reason empty when a tool was found
   */
  public record Detected(@Nullable BuildTool tool, String reason) {}

  /** The files that say a checkout is a Gradle build, in the order they are named. */
  private static final List<String> GRADLE = List.of("build.gradle.kts", "build.gradle", "settings.gradle.kts", "settings.gradle", "gradlew");

  /** Maven for a checkout with a root {@code pom.xml}; otherwise none, a Gradle build saying so by name. */
  public static Detected detect(Path dir) {
    if (Files.isRegularFile(dir.resolve("pom.xml"))) {
      return new Detected(MavenBuildTool.MAVEN, "");
    }
    for (String file : GRADLE) {
      if (Files.exists(dir.resolve(file))) {
        return new Detected(null, "a Gradle build (" + file + "), and Gradle is not supported yet: Fleet builds Maven projects only"
            + " (no pom.xml at the repository root)");
      }
    }
    return new Detected(null, "no pom.xml at the repository root: not a Maven build");
  }
}
