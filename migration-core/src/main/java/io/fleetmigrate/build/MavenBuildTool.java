package io.fleetmigrate.build;

import io.fleetmigrate.build.jdk.JdkRequirement;
import io.fleetmigrate.recipes.ModuleClasspath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maven: {@code mvn} or the project's {@code ./mvnw}; a checkout with a root {@code pom.xml}. Its
 * log has one reader, {@link MavenLog}; its classpaths come from {@code dependency:list} ({@link
 * MavenClasspathResolver} without a build, {@link #CLASSPATH_GOAL} after the baseline); the warm step
 * that fetches what an offline build lacked is {@link BuildRunner}'s.
 */
public final class MavenBuildTool implements BuildTool {
  /** The one Maven. */
  public static final MavenBuildTool MAVEN = new MavenBuildTool();

  /**
   * Appended to a Maven baseline build: each module's resolved dependencies with their scopes, from
   * which the recipe engine takes the main and the test classpath.
   */
  static final String CLASSPATH_GOAL = ModuleClasspath.MAVEN_GOAL;

  private MavenBuildTool() {}

  @Override
  public String name() {
    return "Maven";
  }

  @Override
  public @Nullable String launcher(String command) {
    String first = command.strip().split("\\s+")[0];
    return first.equals("mvn") || first.equals("./mvnw") ? first : null;
  }

  /** A verify command that is not Maven is followed by Fleet's own {@code mvn} for the classpaths. */
  @Override
  public String baselineCommand(String verifyCommand) {
    String c = verifyCommand.strip();
    return launcher(c) != null ? c + " " + CLASSPATH_GOAL : c + " && mvn -B -q " + CLASSPATH_GOAL;
  }

  /** Checkstyle's and Spotless's checks when the root POM configures those plugins. */
  @Override
  public @Nullable String lintCommand(Path dir, String verifyCommand) {
    String maven = launcher(verifyCommand);
    if (maven == null) {
      return null;
    }
    String pom;
    try {
      pom = Files.readString(dir.resolve("pom.xml"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    List<String> goals = new ArrayList<>();
    if (pom.contains("<artifactId>maven-checkstyle-plugin</artifactId>")) {
      goals.add("checkstyle:check");
    }
    if (pom.contains("<artifactId>spotless-maven-plugin</artifactId>")) {
      goals.add("spotless:check");
    }
    return goals.isEmpty() ? null : maven + " -B " + String.join(" ", goals);
  }

  @Override
  public @Nullable String compileCommand(String verifyCommand) {
    String maven = launcher(verifyCommand);
    return maven == null ? null : maven + " -B test-compile";
  }

  /** One {@code dependency:list} call (no compile, no tests), cached by the POMs: {@link MavenClasspathResolver}. */
  @Override
  public ClasspathResolver classpaths(BuildRunner builds, Path cacheDir) {
    return new MavenClasspathResolver(builds, cacheDir);
  }

  /** {@link MavenLog}. */
  @Override
  public BuildLog log() {
    return MavenLog.READER;
  }

  @Override
  public Optional<JdkRequirement> jdkRequirement(Path dir) {
    return JdkRequirement.of(dir);
  }
}
