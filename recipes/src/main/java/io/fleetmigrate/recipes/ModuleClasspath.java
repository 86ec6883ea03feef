package io.fleetmigrate.recipes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A module's two classpaths, as the baseline build resolved them: {@code main} is what {@code
 * javac} sees for the main sources (the module's own {@code target/classes}, then compile, provided
 * and system scope), {@code test} is the test classpath ({@code target/test-classes}, {@code
 * target/classes}, then every scope). The same lists as Maven's compile and test classpath
 * elements, which is what {@code rewrite-maven-plugin} parses with; the output directories hold
 * what the build generated (annotation processors, code generators) in compiled form.
 *
 * @param main the main source set's classpath
 * @param test the test source set's classpath
 */
public record ModuleClasspath(List<Path> main, List<Path> test) {
  /**
   * Where the baseline build writes each module's resolved dependencies, relative to the module:
   * {@code dependency:list} with absolute file names and scopes, so one goal in the same Maven call
   * yields both classpaths.
   */
  public static final String DEPENDENCIES_FILE = "target/fleet-migrate.dependencies";

  /** The Maven goal (with its options) that writes {@link #DEPENDENCIES_FILE} in every module. */
  public static final String MAVEN_GOAL =
      "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:list"
          + " -DoutputFile=" + DEPENDENCIES_FILE
          + " -DoutputAbsoluteArtifactFilename=true -DoutputScope=true -DappendOutput=false";

  private static final Set<String> MAIN_SCOPES = Set.of("compile", "provided", "system");
  /** What the plugin appends to an optional dependency's line, after the file. */
  private static final String OPTIONAL = " (optional)";

  private static final Set<String> SCOPES = Set.of("compile", "provided", "system", "runtime", "test");

  public ModuleClasspath {
    main = List.copyOf(main);
    test = List.copyOf(test);
  }

  /** Reads {@code moduleDir}'s dependency list; an absent file gives empty classpaths. */
  public static ModuleClasspath read(Path moduleDir) throws IOException {
    Path file = moduleDir.resolve(DEPENDENCIES_FILE);
    List<Path> main = new ArrayList<>();
    List<Path> test = new ArrayList<>();
    Path classes = moduleDir.resolve("target/classes");
    Path testClasses = moduleDir.resolve("target/test-classes");
    if (Files.isDirectory(testClasses)) {
      test.add(testClasses);
    }
    if (Files.isDirectory(classes)) {
      main.add(classes);
      test.add(classes);
    }
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        Entry entry = parse(line);
        if (entry == null || !Files.exists(entry.file())) {
          continue;
        }
        if (MAIN_SCOPES.contains(entry.scope())) {
          main.add(entry.file());
        }
        test.add(entry.file());
      }
    }
    return new ModuleClasspath(main, test);
  }

  /** The files a dependency list names, in its order (whether they exist or not). */
  public static List<Path> listedFiles(Path dependenciesFile) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String line : Files.readAllLines(dependenciesFile, StandardCharsets.UTF_8)) {
      Entry entry = parse(line);
      if (entry != null) {
        files.add(entry.file());
      }
    }
    return files;
  }

  /** One resolved dependency: its scope and its file. */
  record Entry(String scope, Path file) {}

  /**
   * Parses one line of {@code dependency:list}. maven-dependency-plugin 3.11.0 ({@code
   * ResolveDependenciesMojo.buildArtifactListOutput}) writes, with our options: three spaces, {@code
   * group:artifact:type[:classifier]:version:scope}, {@code :} and the absolute file, then {@code "
   * (optional)"} for an optional dependency, then {@code " -- module NAME"} when the jar names a
   * module, followed by {@code " [auto]"} (a manifest name) or {@code " (auto)"} (a file name) for an
   * automatic one. The suffixes are cut from the end, so a file name with spaces or colons (a
   * Windows drive) survives; the scope is searched from the fifth field on. Header and blank lines
   * give null.
   */
  static @org.jspecify.annotations.Nullable Entry parse(String line) {
    String text = line.strip();
    int module = text.lastIndexOf(" -- module ");
    if (module >= 0) {
      text = text.substring(0, module).stripTrailing();
    }
    if (text.endsWith(OPTIONAL)) {
      text = text.substring(0, text.length() - OPTIONAL.length()).stripTrailing();
    }
    String[] fields = text.split(":", -1);
    for (int i = 4; i < Math.min(fields.length - 1, 6); i++) {
      if (SCOPES.contains(fields[i])) {
        String file = String.join(":", java.util.Arrays.copyOfRange(fields, i + 1, fields.length)).strip();
        return file.isEmpty() ? null : new Entry(fields[i], Path.of(file));
      }
    }
    return null;
  }
}
