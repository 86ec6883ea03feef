package io.fleetmigrate.recipes;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Parser;
import org.openrewrite.SourceFile;
import org.openrewrite.docker.DockerParser;
import org.openrewrite.json.JsonParser;
import org.openrewrite.marker.Marker;
import org.openrewrite.properties.PropertiesParser;
import org.openrewrite.text.PlainTextParser;
import org.openrewrite.xml.XmlParser;
import org.openrewrite.yaml.YamlParser;

/**
 * The parsers for everything that is not Java or a reactor POM: YAML, properties, JSON, XML,
 * Dockerfiles, and plain text for the kinds of text file recipes edit as text. Files none of them
 * accepts (images, jars, unknown kinds) are left out, as the Maven plugin leaves them out. A new
 * instance per repository: parsers keep state between calls.
 */
final class ResourceParsers {
  /**
   * Text files parsed as plain text, the same masks as {@code rewrite-maven-plugin}'s default
   * {@code plainTextMasks}, so text recipes (find and replace, licence headers) reach the same files.
   */
  static final List<String> PLAIN_TEXT_MASKS =
      List.of(
          "**/*.adoc", "**/*.aj", "**/*.bash", "**/*.bat", "**/CODEOWNERS", "**/*.css", "**/*.config",
          "**/.gitattributes", "**/.gitignore", "**/*.htm*", "**/gradlew", "**/.java-version", "**/*.jelly",
          "**/*.jsp", "**/*.ksh", "**/*.lock", "**/lombok.config", "**/*.md", "**/*.mf", "**/META-INF/services/**",
          "**/META-INF/spring/**", "**/META-INF/spring.factories", "**/mvnw", "**/*.qute.java", "**/.sdkmanrc",
          "**/*.sh", "**/*.sql", "**/*.svg", "**/*.tsx", "**/*.txt", "**/*.py");

  /**
   * {@code module-info.java}: OpenRewrite's Java parser refuses module descriptors ({@code
   * JavaParser.accept}), and so the Maven plugin leaves them out; we parse them as plain text, so a
   * recipe can fix a descriptor the migration broke ({@code requires junit}).
   */
  static final String MODULE_DESCRIPTOR = "module-info.java";

  private final List<Parser> parsers =
      List.of(
          YamlParser.builder().build(),
          PropertiesParser.builder().build(),
          JsonParser.builder().build(),
          XmlParser.builder().build(),
          DockerParser.builder().build());
  private final Parser plainText = PlainTextParser.builder().build();
  private final List<PathMatcher> masks =
      PLAIN_TEXT_MASKS.stream().map(m -> FileSystems.getDefault().getPathMatcher("glob:" + m)).toList();

  /** Parses {@code files} (absolute paths under {@code root}) and adds {@code markers} to each. */
  List<SourceFile> parse(Path root, List<Path> files, ExecutionContext ctx, Marker... markers) {
    Map<Parser, List<Path>> byParser = new LinkedHashMap<>();
    for (Path file : files) {
      Parser parser = parserFor(root.relativize(file));
      if (parser != null) {
        byParser.computeIfAbsent(parser, p -> new ArrayList<>()).add(file);
      }
    }
    List<SourceFile> parsed = new ArrayList<>();
    byParser.forEach(
        (parser, paths) ->
            parser.parse(paths, root, ctx).forEach(source -> {
              var all = source.getMarkers();
              for (Marker marker : markers) {
                all = all.addIfAbsent(marker);
              }
              parsed.add(source.withMarkers(all));
            }));
    return parsed;
  }

  private @org.jspecify.annotations.Nullable Parser parserFor(Path relative) {
    for (Parser parser : parsers) {
      if (parser.accept(relative)) {
        return parser;
      }
    }
    if (relative.getFileName() != null && MODULE_DESCRIPTOR.equals(relative.getFileName().toString())) {
      return plainText;
    }
    // Globs starting with **/ need a directory in front; the root's own files have none.
    Path anchored = Path.of("_").resolve(relative);
    for (PathMatcher mask : masks) {
      if (mask.matches(anchored)) {
        return plainText;
      }
    }
    return null;
  }
}
