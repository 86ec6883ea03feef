package io.fleetmigrate.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/** The demo's sample projects, copied into a test's directory, in the states tests need. */
public final class SampleRepos {
  public static final String SEARCH_TEST = "src/test/java/com/example/search/TokenizerTest.java";

  private SampleRepos() {}

  /** A copy of {@code demo-fleet/NAME} (from the test classpath, where it is a folder). */
  public static Path copy(String name, Path target) throws IOException {
    Path source;
    try {
      source = Path.of(Objects.requireNonNull(SampleRepos.class.getResource("/demo-fleet/" + name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    return copyTree(source, target, p -> true);
  }

  /** A copy of a working tree {@code from} at {@code to}, leaving out its build output ({@code target}). */
  public static Path copyWithoutTarget(Path from, Path to) throws IOException {
    return copyTree(from, to, p -> !p.toString().contains("/target"));
  }

  private static Path copyTree(Path from, Path to, java.util.function.Predicate<Path> keep) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(keep).toList()) {
        Path copy = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(p, copy);
        }
      }
    }
    return to;
  }

  /**
   * search-indexer as the JUnit 5 migration leaves it: Jupiter in the POM and the imports, and the
   * JUnit 4 internal {@code ArrayComparisonFailure} the recipe cannot map — a real compile error.
   */
  public static Path searchIndexerAfterRecipe(Path target) throws IOException {
    copy("search-indexer", target);
    Path pom = target.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom)
        .replace("<groupId>junit</groupId>\n      <artifactId>junit</artifactId>\n      <version>4.13.2</version>",
            "<groupId>org.junit.jupiter</groupId>\n      <artifactId>junit-jupiter</artifactId>\n      <version>5.11.4</version>"));
    Path test = target.resolve(SEARCH_TEST);
    Files.writeString(test, Files.readString(test)
        .replace("import static org.junit.Assert.assertArrayEquals;", "import static org.junit.jupiter.api.Assertions.assertArrayEquals;")
        .replace("import static org.junit.Assert.fail;", "import static org.junit.jupiter.api.Assertions.fail;")
        .replace("import org.junit.Test;", "import org.junit.jupiter.api.Test;")
        .replace("public class TokenizerTest", "class TokenizerTest")
        .replace("    public void ", "    void "));
    if (!Files.readString(pom).contains("junit-jupiter") || !Files.readString(test).contains("org.junit.jupiter.api.Test")) {
      throw new IllegalStateException("the search-indexer sample changed; update SampleRepos");
    }
    return target;
  }
}
