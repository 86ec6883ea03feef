package io.fleetmigrate.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openrewrite.maven.tree.Plugin;
import org.openrewrite.maven.tree.ResolvedPom;
import org.openrewrite.xml.tree.Xml;

/**
 * Where one module's Java lives, per source set, as Maven's compile and test-compile source roots
 * are after {@code process-test-classes} (which is what {@code rewrite-maven-plugin} parses).
 *
 * <p>The roots the repository owns come from the POM: {@code <build><sourceDirectory>} and {@code
 * <testSourceDirectory>} (inherited from a parent in the reactor, {@code ${project.basedir}} and
 * other properties resolved, relative paths taken from this module as Maven aligns them), else
 * {@code src/main/java} and {@code src/test/java}, plus the {@code add-source} and {@code
 * add-test-source} executions of {@code build-helper-maven-plugin}.
 *
 * <p>Generated roots are the ones under the module's {@code target}: every directory under {@code
 * target/generated-sources} and {@code target/generated-test-sources} the baseline build left
 * (annotation processors, code generators; each such plugin adds its directory as a compile root)
 * and any declared root that points into {@code target}. They are parsed with their source set so
 * the code that uses their types is attributed, and never written or reported: they are build
 * output, as the Maven plugin treats them.
 *
 * @param main the main source set's own roots
 * @param test the test source set's own roots
 * @param generatedMain generated main roots (parsed for types only)
 * @param generatedTest generated test roots (parsed for types only)
 */
record SourceRoots(List<Path> main, List<Path> test, List<Path> generatedMain, List<Path> generatedTest) {
  private static final String BUILD_HELPER = "build-helper-maven-plugin";

  SourceRoots {
    main = List.copyOf(main);
    test = List.copyOf(test);
    generatedMain = List.copyOf(generatedMain);
    generatedTest = List.copyOf(generatedTest);
  }

  /** Every root the module's own files live in (not the generated ones). */
  List<Path> owned() {
    return Stream.concat(main.stream(), test.stream()).distinct().toList();
  }

  /**
   * The roots of {@code moduleDir}.
   *
   * @param lineage the module's POM first, then its parents that are in the reactor, nearest first
   * @param pom the module's resolved POM, for property values and the (inherited) build plugins;
   *     null when it could not be resolved
   */
  static SourceRoots of(Path moduleDir, List<Xml.Document> lineage, @Nullable ResolvedPom pom) throws IOException {
    Path target = moduleDir.resolve("target");
    Set<Path> main = new LinkedHashSet<>();
    Set<Path> test = new LinkedHashSet<>();
    addIfKnown(main, moduleDir, pom, declared(lineage, "sourceDirectory").orElse("src/main/java"));
    addIfKnown(test, moduleDir, pom, declared(lineage, "testSourceDirectory").orElse("src/test/java"));
    if (pom != null) {
      for (Plugin plugin : pom.getPlugins()) {
        if (!BUILD_HELPER.equals(plugin.getArtifactId())) {
          continue;
        }
        for (Plugin.Execution execution : plugin.getExecutions()) {
          for (String source : values(execution.getConfiguration(), "sources", "source")) {
            if (execution.getGoals().contains("add-source")) {
              addIfKnown(main, moduleDir, pom, source);
            } else if (execution.getGoals().contains("add-test-source")) {
              addIfKnown(test, moduleDir, pom, source);
            }
          }
        }
      }
    }
    Set<Path> generatedMain = new LinkedHashSet<>(subdirectories(target.resolve("generated-sources")));
    Set<Path> generatedTest = new LinkedHashSet<>(subdirectories(target.resolve("generated-test-sources")));
    main.stream().filter(p -> p.startsWith(target)).forEach(generatedMain::add);
    test.stream().filter(p -> p.startsWith(target)).forEach(generatedTest::add);
    main.removeIf(p -> p.startsWith(target));
    test.removeIf(p -> p.startsWith(target));
    return new SourceRoots(List.copyOf(main), List.copyOf(test), List.copyOf(generatedMain), List.copyOf(generatedTest));
  }

  /** The nearest POM in the lineage that sets {@code <build><name>}, as Maven inherits it. */
  private static Optional<String> declared(List<Xml.Document> lineage, String name) {
    for (Xml.Document doc : lineage) {
      Optional<String> value =
          doc.getRoot().getChild("build").flatMap(build -> build.getChildValue(name)).map(String::strip).filter(v -> !v.isEmpty());
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /**
   * Resolves a directory as Maven does for this module: {@code ${project.basedir}} and {@code
   * ${basedir}} are the module, {@code ${project.build.directory}} its {@code target}, other
   * properties come from the POM, and a relative path is relative to the module. A value with a
   * property nobody defines is left out: guessing would parse the wrong files.
   */
  private static void addIfKnown(Set<Path> into, Path moduleDir, @Nullable ResolvedPom pom, String value) {
    String text = value.strip()
        .replace("${project.basedir}", moduleDir.toString())
        .replace("${pom.basedir}", moduleDir.toString())
        .replace("${basedir}", moduleDir.toString())
        .replace("${project.build.directory}", moduleDir.resolve("target").toString());
    if (text.contains("${") && pom != null) {
      String resolved = pom.getValue(text);
      text = resolved != null ? resolved : text;
    }
    if (text.isEmpty() || text.contains("${")) {
      return;
    }
    try {
      into.add(moduleDir.resolve(text).normalize());
    } catch (InvalidPathException e) {
      // Not a path on this system; javac could not have used it either.
    }
  }

  /** {@code <outer><inner>a</inner><inner>b</inner></outer>} as the plugin configuration holds it. */
  private static List<String> values(@Nullable JsonNode configuration, String outer, String inner) {
    List<String> values = new ArrayList<>();
    if (configuration == null) {
      return values;
    }
    JsonNode node = configuration.path(outer).path(inner);
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else if (node.isValueNode()) {
      values.add(node.asText());
    }
    return values;
  }

  private static List<Path> subdirectories(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).sorted().toList();
    }
  }
}
