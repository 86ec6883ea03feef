package io.fleetmigrate.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Maven settings that let a build exit 0 without running its tests, or with failing ones:
 * known in one place for the verdict (which names them when a build's reports contradict its
 * exit code) and for the guardrail that keeps a model from adding them.
 */
public final class TestHidingSettings {
  /** Settings under which failing tests no longer fail the build. */
  public static final Set<String> FAILURE_IGNORING = Set.of("testFailureIgnore", "maven.test.failure.ignore");

  /**
   * User properties (in {@code <properties>}, {@code -D} on the command line, {@code
   * .mvn/maven.config} or {@code .mvn/jvm.config}) that skip tests, run fewer, or ignore failures.
   */
  public static final Set<String> PROPERTIES = Set.of(
      "skipTests", "maven.test.skip", "maven.test.skip.exec", "skipITs", "maven.test.failure.ignore", "testFailureIgnore",
      "test", "it.test", "groups", "excludedGroups", "surefire.excludesFile", "surefire.includesFile",
      "failsafe.excludesFile", "failsafe.includesFile", "surefire.skipAfterFailureCount", "failsafe.skipAfterFailureCount",
      "maven.main.skip", "surefire.failIfNoSpecifiedTests", "failsafe.failIfNoSpecifiedTests");

  /** Parameters of Surefire and Failsafe that do the same in the plugin's configuration. */
  public static final Set<String> PLUGIN_PARAMETERS = Set.of(
      "skip", "skipTests", "skipExec", "skipITs", "testFailureIgnore", "test", "groups", "excludedGroups", "excludes", "exclude",
      "excludesFile", "includes", "include", "includesFile", "skipAfterFailureCount", "testSourceDirectory",
      "testClassesDirectory", "failIfNoSpecifiedTests", "dependenciesToScan");

  /** Maven options (command line, {@code .mvn/maven.config}) that hide failures or build less. */
  public static final Set<String> OPTIONS =
      Set.of("-fn", "--fail-never", "-P", "--activate-profiles", "-pl", "--projects", "-rf", "--resume-from");

  private static final Pattern ELEMENT = Pattern.compile("<(testFailureIgnore|maven\\.test\\.failure\\.ignore)>\\s*([^<\\s]+)\\s*<");
  private static final Pattern FLAG = Pattern.compile("(?:^|\\s)(-D(testFailureIgnore|maven\\.test\\.failure\\.ignore)(?:=(\\S+))?|-fn|--fail-never)(?=\\s|$)");

  private TestHidingSettings() {}

  /**
   * Where the build in {@code workdir}, run with {@code command}, is told to ignore failing tests:
   * {@code testFailureIgnore}, {@code -Dmaven.test.failure.ignore (.mvn/maven.config)}, ... in the
   * order found; empty when nothing says so (the cause is then somewhere we do not read).
   */
  public static List<String> failureIgnoring(Path workdir, String command) {
    Set<String> found = new LinkedHashSet<>();
    flags(command, found, "");
    for (String config : List.of(".mvn/maven.config", ".mvn/jvm.config")) {
      flags(read(workdir.resolve(config)), found, " (" + config + ")");
    }
    for (Path pom : poms(workdir)) {
      Matcher m = ELEMENT.matcher(read(pom));
      while (m.find()) {
        if (!m.group(2).equalsIgnoreCase("false")) {
          found.add(m.group(1));
        }
      }
    }
    return new ArrayList<>(found);
  }

  private static void flags(String text, Set<String> found, String where) {
    Matcher m = FLAG.matcher(text);
    while (m.find()) {
      if (m.group(2) == null) {
        found.add(m.group(1) + where);
      } else if (m.group(3) == null || !m.group(3).equalsIgnoreCase("false")) {
        found.add("-D" + m.group(2) + where);
      }
    }
  }

  private static List<Path> poms(Path workdir) {
    try (Stream<Path> walk = Files.walk(workdir, 6)) {
      return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("pom.xml"))
          .filter(p -> !p.toString().contains("/.git/") && !p.toString().contains("/target/"))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }
}
