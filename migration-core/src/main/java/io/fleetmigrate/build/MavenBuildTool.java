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
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Maven: {@code mvn} or the project's {@code ./mvnw}; a checkout with a root {@code pom.xml}. Its
 * log has one reader, {@link MavenLog}; its classpaths come from {@code dependency:list} ({@link
 * MavenClasspathResolver} without a build, {@link #CLASSPATH_GOAL} after the baseline); the warm
 * step's runs ({@code dependency:go-offline}, {@code dependency:get}) in a copy of its POMs. When to
 * warm, and with what network, is {@link BuildRunner}'s.
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

  /** The dependency plugin the warm step runs (pinned: an offline fleet should not float). */
  static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.11.0";

  /**
   * The Maven runs of a warm step: go-offline on the first round, then each missing artifact. Always
   * Fleet's own Maven ({@code mvn}: its {@code bin} is first on the build's PATH), never the
   * project's {@code ./mvnw}, which is a script of the project's.
   */
  @Override
  public String warmCommand(boolean goOffline, List<String> missing) {
    String mvn = "mvn";
    List<String> runs = new ArrayList<>();
    if (goOffline) {
      runs.add(mvn + " -B -ntp " + DEPENDENCY_PLUGIN + ":go-offline");
    }
    for (String artifact : missing) {
      runs.add(mvn + " -B -ntp " + DEPENDENCY_PLUGIN + ":get -Dtransitive=true -Dartifact=" + getCoordinates(artifact));
    }
    // Each run is worth doing even when one before it fails (a sibling module not built yet).
    return String.join("; ", runs);
  }

  /** Full coordinates only: a plugin named {@code g:a:v} alone is go-offline's to fetch, and dependency:get takes {@code g:a:v:ext}. */
  @Override
  public List<String> fetchable(List<String> lacked) {
    return lacked.stream().filter(a -> a.split(":").length >= 4).toList();
  }

  /** {@code g:a:ext:v} or {@code g:a:ext:classifier:v} as Maven reports it, in dependency:get's order {@code g:a:v:ext[:classifier]}. */
  static String getCoordinates(String reported) {
    String[] p = reported.split(":");
    return p.length == 5 ? p[0] + ":" + p[1] + ":" + p[4] + ":" + p[2] + ":" + p[3] : p[0] + ":" + p[1] + ":" + p[3] + ":" + p[2];
  }


  /**
   * A copy of the project's POMs alone, in their directories, beside the workspace: the warm step
   * runs there, so the project's {@code .mvn/} ({@code jvm.config}, {@code maven.config}, {@code
   * extensions.xml}), sources and scripts are not there to run with the network.
   */
  @Override
  public Path buildFilesOnly(Path workdir) throws IOException {
    Path abs = workdir.toAbsolutePath().normalize();
    Path copy = abs.resolveSibling(".warm-" + abs.getFileName());
    if (Files.exists(copy)) {
      try (Stream<Path> old = Files.walk(copy)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(copy);
    for (Path pom : projectPoms(abs)) {
      Path to = copy.resolve(abs.relativize(pom).toString());
      Files.createDirectories(to.getParent());
      Files.copy(pom, to);
    }
    return copy;
  }

  /**
   * The project's {@code pom.xml} files, in path order: twelve levels deep at most, leaving out
   * {@code src} (test projects and resources), hidden folders, build output and {@code node_modules}.
   */
  static List<Path> projectPoms(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    List<Path> poms = new ArrayList<>();
    Files.walkFileTree(abs, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), 12, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes attrs) {
        String name = d.getFileName() == null ? "" : d.getFileName().toString();
        boolean skip = !d.equals(abs) && (name.startsWith(".") || name.equals("target") || name.equals("node_modules") || name.equals("src"));
        return skip ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && file.getFileName().toString().equals("pom.xml")) {
          poms.add(file);
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
    poms.sort(null);
    return poms;
  }
}
