package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeEngineTest {
  static final String JUNIT5 = "org.openrewrite.java.testing.junit5.JUnit4to5Migration";
  static RecipeEngine engine;

  @TempDir Path repo;

  @BeforeAll
  static void scanOnce() {
    engine = new RecipeEngine("3.9.16");
  }

  private static final String POM =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <groupId>com.example</groupId>
        <artifactId>sample</artifactId>
        <version>1.0</version>
        <properties>
          <maven.compiler.source>1.8</maven.compiler.source>
          <maven.compiler.target>1.8</maven.compiler.target>
        </properties>
        <dependencies>
          <dependency>
            <groupId>junit</groupId>
            <artifactId>junit</artifactId>
            <version>4.13.2</version>
            <scope>test</scope>
          </dependency>
        </dependencies>
      </project>
      """;

  /** A one-module project whose test classpath file lists the real JUnit 4 and Hamcrest jars. */
  private void sampleProject(String testSource) throws Exception {
    Files.writeString(repo.resolve("pom.xml"), POM);
    Path test = Files.createDirectories(repo.resolve("src/test/java/com/example"));
    Files.writeString(test.resolve("SampleTest.java"), testSource);
    Path classpath = repo.resolve(RecipeEngine.CLASSPATH_FILE);
    Files.createDirectories(classpath.getParent());
    Files.writeString(classpath, jarOf(org.junit.Test.class) + File.pathSeparator + jarOf(org.hamcrest.Matcher.class));
  }

  private static String jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  @Test
  void migratesJUnit4TestAndPomAndWritesThem() throws Exception {
    sampleProject(
        """
        package com.example;

        import static org.junit.Assert.assertEquals;

        import org.junit.Before;
        import org.junit.Test;

        public class SampleTest {
            private int x;

            @Before
            public void setUp() {
                x = 2;
            }

            @Test
            public void adds() {
                assertEquals("sum", 4, x + x);
            }
        }
        """);

    RewriteResult result = engine.run(repo, List.of(JUNIT5), true);

    assertThat(result.errors()).isEmpty();
    assertThat(result.written()).isTrue();
    assertThat(result.changedFiles())
        .extracting(RewriteResult.ChangedFile::path)
        .containsExactly("pom.xml", "src/test/java/com/example/SampleTest.java");
    String test = Files.readString(repo.resolve("src/test/java/com/example/SampleTest.java"));
    assertThat(test)
        .contains("import org.junit.jupiter.api.BeforeEach;", "import org.junit.jupiter.api.Test;", "@BeforeEach")
        .contains("assertEquals(4, x + x, \"sum\")")
        .doesNotContain("org.junit.Before;", "org.junit.Test;");
    String pom = Files.readString(repo.resolve("pom.xml"));
    assertThat(pom).contains("<artifactId>junit-jupiter</artifactId>").doesNotContain("<artifactId>junit</artifactId>");
    assertThat(result.diff()).contains("--- a/src/test/java/com/example/SampleTest.java", "+import org.junit.jupiter.api.Test;");
    assertThat(result.changesByRecipe()).containsKey("org.openrewrite.java.testing.junit5.UpdateBeforeAfterAnnotations");
  }

  @Test
  void alreadyMigratedProjectHasNoChanges() throws Exception {
    sampleProject(
        """
        package com.example;

        public class SampleTest {
            public void plain() {
            }
        }
        """);
    Files.writeString(repo.resolve("pom.xml"), POM.replaceAll("(?s)\\s*<dependencies>.*</dependencies>", ""));
    String before = Files.readString(repo.resolve("src/test/java/com/example/SampleTest.java"));

    RewriteResult result = engine.run(repo, List.of(JUNIT5), true);

    assertThat(result.hasChanges()).isFalse();
    assertThat(result.diff()).isEmpty();
    assertThat(Files.readString(repo.resolve("src/test/java/com/example/SampleTest.java"))).isEqualTo(before);
  }

  @Test
  void refusesToWriteWhenTypesAreMissing() throws Exception {
    // No classpath file: org.junit types cannot be resolved, so a rewrite would be partial.
    sampleProject(
        """
        package com.example;

        import org.junit.Test;

        public class SampleTest {
            @Test
            public void adds() {
            }
        }
        """);
    Files.delete(repo.resolve(RecipeEngine.CLASSPATH_FILE));
    String pomBefore = Files.readString(repo.resolve("pom.xml"));

    RewriteResult result = engine.run(repo, List.of(JUNIT5), true);

    assertThat(result.refused()).isTrue();
    assertThat(result.written()).isFalse();
    assertThat(result.errors()).extracting(RewriteResult.FileError::path).contains("src/test/java/com/example/SampleTest.java");
    assertThat(Files.readString(repo.resolve("pom.xml"))).isEqualTo(pomBefore);
  }

  @Test
  void unknownRecipeSuggestsTheNearestNames() {
    assertThatThrownBy(() -> engine.validate(List.of("org.openrewrite.java.testing.junit5.JUnit4to5Migrashun")))
        .isInstanceOf(RecipeNotFoundException.class)
        .hasMessageContaining("unknown recipe 'org.openrewrite.java.testing.junit5.JUnit4to5Migrashun'")
        .hasMessageContaining("did you mean org.openrewrite.java.testing.junit5.JUnit4to5Migration");
  }
}
