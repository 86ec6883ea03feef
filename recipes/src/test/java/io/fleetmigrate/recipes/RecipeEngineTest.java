package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    engine.warmUpInBackground();
  }

  static final String POM =
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
    sampleProject(repo, testSource);
  }

  static void sampleProject(Path repo, String testSource) throws Exception {
    Files.writeString(repo.resolve("pom.xml"), POM);
    Path test = Files.createDirectories(repo.resolve("src/test/java/com/example"));
    Files.writeString(test.resolve("SampleTest.java"), testSource);
    writeDependencies(repo, "test");
  }

  /** What the baseline build's {@code dependency:list} writes, with JUnit 4 in {@code scope}. */
  private static void writeDependencies(Path module, String scope) throws Exception {
    Path list = module.resolve(ModuleClasspath.DEPENDENCIES_FILE);
    Files.createDirectories(list.getParent());
    Files.writeString(
        list,
        "\nThe following files have been resolved:\n"
            + "   junit:junit:jar:4.13.2:" + scope + ":" + jarOf(org.junit.Test.class) + " -- module junit [auto]\n"
            + "   org.hamcrest:hamcrest-core:jar:1.3:" + scope + ":" + jarOf(org.hamcrest.Matcher.class)
            + " -- module hamcrest.core (auto)\n");
  }

  private static String jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  @Test
  void parsesModuleDescriptorsAsTextSoARecipeCanFixThem() throws Exception {
    sampleProject("package com.example;\n\npublic class SampleTest {\n}\n");
    Path descriptor = repo.resolve("src/test/java/module-info.java");
    Files.writeString(descriptor, "open module com.example {\n    requires junit;\n}\n");

    RewriteResult result = engine.run(repo, List.of("io.fleetmigrate.recipes.java.MigrateJUnit4ModuleInfo"), true);

    assertThat(result.errors()).isEmpty();
    assertThat(result.changedFiles()).extracting(RewriteResult.ChangedFile::path).containsExactly("src/test/java/module-info.java");
    assertThat(Files.readString(descriptor)).isEqualTo("open module com.example {\n    requires org.junit.jupiter.api;\n}\n");
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
    assertThat(result.changesByRecipe())
        .containsEntry("org.openrewrite.java.testing.junit5.UpdateBeforeAfterAnnotations", 1)
        .containsEntry("org.openrewrite.java.testing.junit5.AssertToAssertions", 1);
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
  void beforeAnyBuildTestsSeeTheMainClassesFromTheirSourcesAndNothingIsWrittenOrReturnedTwice() throws Exception {
    // No target/classes: what the in-memory check for NO_CHANGES sees before the baseline build.
    sampleProject(
        """
        package com.example;

        import org.junit.Assert;
        import org.junit.Test;

        public class SampleTest {
            @Test
            public void adds() {
                Assert.assertEquals(3, new Calculator().add(1, 2));
            }
        }
        """);
    Path main = Files.createDirectories(repo.resolve("src/main/java/com/example"));
    Files.writeString(main.resolve("Calculator.java"), "package com.example;\n\npublic class Calculator {\n    public int add(int a, int b) {\n        return a + b;\n    }\n}\n");
    String pomBefore = Files.readString(repo.resolve("pom.xml"));

    RewriteResult result = engine.run(repo, List.of(JUNIT5), false);

    assertThat(result.errors()).as("the test's use of Calculator has its type").isEmpty();
    assertThat(result.hasChanges()).isTrue();
    assertThat(result.changedFiles()).extracting(RewriteResult.ChangedFile::path)
        .containsExactlyInAnyOrder("pom.xml", "src/test/java/com/example/SampleTest.java");
    assertThat(result.written()).isFalse();
    assertThat(Files.readString(repo.resolve("pom.xml"))).isEqualTo(pomBefore);
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
    Files.delete(repo.resolve(ModuleClasspath.DEPENDENCIES_FILE));
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

  private static final String MAIN_USING_JUNIT =
      """
      package com.example;

      import org.junit.rules.ExternalResource;

      public class SharedRule extends ExternalResource {
      }
      """;

  @Test
  void mainSourcesDoNotSeeTestScopedDependencies() throws Exception {
    sampleProject("package com.example;\n\npublic class SampleTest {\n}\n");
    Path main = Files.createDirectories(repo.resolve("src/main/java/com/example"));
    Files.writeString(main.resolve("SharedRule.java"), MAIN_USING_JUNIT);

    RewriteResult result = engine.run(repo, List.of(JUNIT5), false);

    // javac would reject this main class too: JUnit is test-scoped, so it is not on the main classpath.
    assertThat(result.refused()).isTrue();
    assertThat(result.errors()).extracting(RewriteResult.FileError::path).containsExactly("src/main/java/com/example/SharedRule.java");
  }

  @Test
  void mainSourcesSeeCompileScopedDependencies() throws Exception {
    sampleProject("package com.example;\n\npublic class SampleTest {\n}\n");
    writeDependencies(repo, "compile");
    Path main = Files.createDirectories(repo.resolve("src/main/java/com/example"));
    Files.writeString(main.resolve("SharedRule.java"), MAIN_USING_JUNIT);

    RewriteResult result = engine.run(repo, List.of(JUNIT5), false);

    assertThat(result.errors()).isEmpty();
  }

  @Test
  void parsesResourcesAndTextButNotBuildOutputOrIgnoredFiles() throws Exception {
    sampleProject("package com.example;\n\npublic class SampleTest {\n}\n");
    try (var git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).call()) {
      Files.writeString(repo.resolve(".gitignore"), "generated/\n*.log\n");
      write("src/main/resources/application.yml", "app:\n  name: old-name\n");
      write("src/main/resources/application.properties", "app.name=old-name\n");
      write("src/test/resources/fixture.json", "{\"name\": \"old-name\"}\n");
      write("src/main/resources/beans.xml", "<beans name=\"old-name\"/>\n");
      write("Dockerfile", "FROM eclipse-temurin:17\nLABEL name=old-name\n");
      write("README.md", "# old-name\n");
      write("target/classes/application.yml", "app:\n  name: old-name\n");
      write("generated/notes.txt", "old-name\n");
      write("build.log", "old-name\n");

      RewriteResult result = engine.run(repo, List.of("io.fleetmigrate.test.RenameOldName"), true);

      assertThat(result.errors()).isEmpty();
      assertThat(result.changedFiles())
          .extracting(RewriteResult.ChangedFile::path)
          .containsExactlyInAnyOrder(
              "Dockerfile", "README.md", "src/main/resources/application.properties", "src/main/resources/application.yml",
              "src/main/resources/beans.xml", "src/test/resources/fixture.json");
      assertThat(Files.readString(repo.resolve("src/main/resources/application.yml"))).isEqualTo("app:\n  name: new-name\n");
      assertThat(Files.readString(repo.resolve("target/classes/application.yml"))).contains("old-name");
      assertThat(Files.readString(repo.resolve("generated/notes.txt"))).contains("old-name");
      assertThat(Files.readString(repo.resolve("build.log"))).contains("old-name");
    }
  }

  @Test
  void aResourceThatDoesNotParseRefusesTheRepository() throws Exception {
    sampleProject("package com.example;\n\npublic class SampleTest {\n}\n");
    write("src/main/resources/broken.json", "{\"name\": \n");
    write("README.md", "# old-name\n");

    RewriteResult result = engine.run(repo, List.of("io.fleetmigrate.test.RenameOldName"), true);

    assertThat(result.refused()).isTrue();
    assertThat(result.written()).isFalse();
    assertThat(result.errors()).extracting(RewriteResult.FileError::path).contains("src/main/resources/broken.json");
    assertThat(Files.readString(repo.resolve("README.md"))).contains("old-name");
  }

  private void write(String path, String content) throws Exception {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void searchResultsAreReportedButNeverWritten() throws Exception {
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
    String before = Files.readString(repo.resolve("src/test/java/com/example/SampleTest.java"));

    RewriteResult result =
        engine.run(
            repo, engine.catalog(),
            List.of(new RecipeUse("org.openrewrite.java.search.FindTypes", java.util.Map.of("fullyQualifiedTypeName", "org.junit.Test"))),
            true);

    assertThat(result.searchResults()).containsExactly("src/test/java/com/example/SampleTest.java");
    assertThat(result.changedFiles()).isEmpty();
    assertThat(result.diff()).isEmpty();
    assertThat(Files.readString(repo.resolve("src/test/java/com/example/SampleTest.java"))).isEqualTo(before);
  }

  private static final String JUNIT4_TEST =
      """
      package com.example;

      import org.junit.Test;

      public class SampleTest {
          @Test
          public void adds() {
          }
      }
      """;

  @Test
  void mainCodeUsingAnOptionalDependencyIsRewrittenNotRefused() throws Exception {
    sampleProject(JUNIT4_TEST);
    Path list = repo.resolve(ModuleClasspath.DEPENDENCIES_FILE);
    // As maven-dependency-plugin 3.11.0 lists optional dependencies: " (optional)" after the file.
    Files.writeString(
        list,
        Files.readString(list)
            + "   org.jspecify:jspecify:jar:1.0.0:compile:" + jarOf(org.jspecify.annotations.Nullable.class)
            + " (optional) -- module org.jspecify\n"
            + "   org.hamcrest:hamcrest-library:jar:1.3:provided:" + jarOf(org.hamcrest.Matcher.class) + " (optional)\n");
    write(
        "src/main/java/com/example/Lookup.java",
        """
        package com.example;

        import org.hamcrest.Matcher;
        import org.jspecify.annotations.Nullable;

        public class Lookup {
            public @Nullable Matcher<String> matcher() {
                return null;
            }
        }
        """);

    RewriteResult result = engine.run(repo, List.of(JUNIT5), true);

    assertThat(result.errors()).isEmpty();
    assertThat(result.written()).isTrue();
    assertThat(Files.readString(repo.resolve("src/test/java/com/example/SampleTest.java"))).contains("org.junit.jupiter.api.Test");
  }

  @Test
  void mainCodeUsingGeneratedSourcesIsRewrittenAndTheGeneratedFilesAreLeftAlone() throws Exception {
    sampleProject("package com.example;\n\npublic class SampleTest {\n}\n");
    write(
        "src/main/java/com/example/Money.java",
        """
        package com.example;

        import java.util.LinkedList;
        import java.util.List;

        public abstract class Money {
            List<String> tags = new LinkedList<>();

            public abstract long cents();

            public static Money of(long cents) {
                return new AutoValue_Money(cents);
            }
        }
        """);
    // What an annotation processor left in the baseline build's output (and a code generator beside it).
    String generated =
        """
        package com.example;

        import java.util.LinkedList;

        final class AutoValue_Money extends Money {
            private final long cents;
            private final LinkedList<String> seen = new LinkedList<>();

            AutoValue_Money(long cents) {
                this.cents = cents + Codes.OFFSET;
            }

            @Override
            public long cents() {
                return cents;
            }
        }
        """;
    write("target/generated-sources/annotations/com/example/AutoValue_Money.java", generated);
    write(
        "target/generated-sources/codegen/com/example/Codes.java",
        "package com.example;\n\nfinal class Codes {\n    static final long OFFSET = 0L;\n}\n");
    write(
        "target/generated-test-sources/test-annotations/com/example/SampleTest_Fixture.java",
        "package com.example;\n\nclass SampleTest_Fixture {\n    java.util.LinkedList<Money> all = new java.util.LinkedList<>();\n}\n");

    RewriteResult result =
        engine.run(
            repo, engine.catalog(),
            List.of(new RecipeUse("org.openrewrite.java.ChangeType", java.util.Map.of(
                "oldFullyQualifiedTypeName", "java.util.LinkedList", "newFullyQualifiedTypeName", "java.util.ArrayList"))),
            true);

    assertThat(result.errors()).isEmpty();
    assertThat(result.changedFiles()).extracting(RewriteResult.ChangedFile::path).containsExactly("src/main/java/com/example/Money.java");
    assertThat(Files.readString(repo.resolve("src/main/java/com/example/Money.java"))).contains("new ArrayList<>()");
    assertThat(Files.readString(repo.resolve("target/generated-sources/annotations/com/example/AutoValue_Money.java")))
        .isEqualTo(generated);
    assertThat(result.diff()).doesNotContain("target/");
  }

  private static final String POM_WITH_BUILD =
      POM.replace("</project>", "  <build>\n    %s\n  </build>\n</project>");

  @Test
  void testsInTheTestSourceDirectoryThePomDeclaresAreMigrated() throws Exception {
    writeDependencies(repo, "test");
    Files.writeString(repo.resolve("pom.xml"), POM_WITH_BUILD.formatted("<testSourceDirectory>src/test</testSourceDirectory>"));
    write("src/test/com/example/SampleTest.java", JUNIT4_TEST);

    RewriteResult result = engine.run(repo, List.of(JUNIT5), true);

    assertThat(result.errors()).isEmpty();
    assertThat(result.changedFiles())
        .extracting(RewriteResult.ChangedFile::path)
        .containsExactly("pom.xml", "src/test/com/example/SampleTest.java");
    assertThat(Files.readString(repo.resolve("src/test/com/example/SampleTest.java"))).contains("org.junit.jupiter.api.Test");
  }

  @Test
  void sourceDirectoriesInheritedFromTheReactorParentWithBasedirAreParsedPerModule() throws Exception {
    Files.writeString(
        repo.resolve("pom.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>parent</artifactId>
          <version>1.0</version>
          <packaging>pom</packaging>
          <modules>
            <module>core</module>
          </modules>
          <properties>
            <tests.dir>tests</tests.dir>
          </properties>
          <build>
            <sourceDirectory>${project.basedir}/src</sourceDirectory>
            <testSourceDirectory>${basedir}/${tests.dir}</testSourceDirectory>
          </build>
        </project>
        """);
    Path core = Files.createDirectories(repo.resolve("core"));
    Files.writeString(
        core.resolve("pom.xml"),
        POM.replace("<groupId>com.example</groupId>\n  <artifactId>sample</artifactId>\n  <version>1.0</version>",
            "<parent>\n    <groupId>com.example</groupId>\n    <artifactId>parent</artifactId>\n    <version>1.0</version>\n  </parent>\n  <artifactId>core</artifactId>"));
    writeDependencies(core, "test");
    write("core/src/com/example/Sample.java", "package com.example;\n\npublic class Sample {\n}\n");
    write("core/tests/com/example/SampleTest.java", JUNIT4_TEST);

    RewriteResult result = engine.run(repo, List.of(JUNIT5), true);

    assertThat(result.errors()).isEmpty();
    assertThat(result.changedFiles()).extracting(RewriteResult.ChangedFile::path).contains("core/tests/com/example/SampleTest.java");
    assertThat(Files.readString(repo.resolve("core/tests/com/example/SampleTest.java"))).contains("org.junit.jupiter.api.Test");
  }

  @Test
  void buildHelperTestSourcesAreMigrated() throws Exception {
    writeDependencies(repo, "test");
    Files.writeString(
        repo.resolve("pom.xml"),
        POM_WITH_BUILD.formatted(
            """
            <plugins>
                  <plugin>
                    <groupId>org.codehaus.mojo</groupId>
                    <artifactId>build-helper-maven-plugin</artifactId>
                    <version>3.6.0</version>
                    <executions>
                      <execution>
                        <id>it-sources</id>
                        <phase>generate-test-sources</phase>
                        <goals>
                          <goal>add-test-source</goal>
                        </goals>
                        <configuration>
                          <sources>
                            <source>src/it/java</source>
                            <source>${project.basedir}/src/slow/java</source>
                          </sources>
                        </configuration>
                      </execution>
                    </executions>
                  </plugin>
                </plugins>"""));
    write("src/it/java/com/example/SampleIT.java", JUNIT4_TEST.replace("SampleTest", "SampleIT"));
    write("src/slow/java/com/example/SlowTest.java", JUNIT4_TEST.replace("SampleTest", "SlowTest"));

    RewriteResult result = engine.run(repo, List.of(JUNIT5), true);

    assertThat(result.errors()).isEmpty();
    assertThat(result.changedFiles())
        .extracting(RewriteResult.ChangedFile::path)
        .contains("src/it/java/com/example/SampleIT.java", "src/slow/java/com/example/SlowTest.java");
  }

  /** A JUnit 4 test whose one expression is {@code terms} strings joined by {@code +}, a tree as deep as it is long. */
  private static String deeplyNestedTest(int terms) {
    StringBuilder sum = new StringBuilder("\"0\"");
    for (int i = 1; i < terms; i++) {
      sum.append(i % 8 == 0 ? "\n            + \"" : " + \"").append(i).append('"');
    }
    return JUNIT4_TEST.replace("public void adds() {", "public void adds() {\n        String all = " + sum + ";");
  }

  @Test
  void deeplyNestedCodeIsRewrittenNotRefused() throws Exception {
    int terms = Integer.getInteger("fleet.test.terms", 3000);
    sampleProject(deeplyNestedTest(terms));

    RewriteResult result = engine.run(repo, List.of(JUNIT5), true);

    assertThat(result.errors()).isEmpty();
    assertThat(Files.readString(repo.resolve("src/test/java/com/example/SampleTest.java"))).contains("org.junit.jupiter.api.Test");
  }

  @Test
  void theFirstEngineOfAJvmWarmsItsLaneUpWithoutARun() throws Exception {
    // Asked of the engine of @BeforeAll (the first time in this JVM): the lane parses a POM and a
    // class of its own, so the first repository does not pay for loading the parsers.
    assertThat(RecipeEngine.WARM_UP_ENDED.await(3, java.util.concurrent.TimeUnit.MINUTES)).as("the warm-up ended").isTrue();
    assertThat(RecipeEngine.warmedUp).as("the warm-up parsed its sources with every type resolved").isTrue();

    // and what it ran leaves the engine's results as they were.
    sampleProject(JUNIT4_TEST);
    RewriteResult result = engine.run(repo, List.of(JUNIT5), false);
    assertThat(result.errors()).isEmpty();
    assertThat(result.diff()).contains("+import org.junit.jupiter.api.Test;");
  }

  @Test
  void aStackOverflowIsReportedAsItselfNotAsAParseError() throws Exception {
    // A lane with the 1 MB an ordinary thread gets: what the engine did before its lane had a large stack.
    RecipeEngine smallStack = new RecipeEngine(engine.catalog(), "3.9.16", 1024 * 1024);
    sampleProject(deeplyNestedTest(3000));
    String before = Files.readString(repo.resolve("src/test/java/com/example/SampleTest.java"));

    RewriteResult result = smallStack.run(repo, List.of(JUNIT5), true);

    assertThat(result.refused()).isTrue();
    assertThat(result.written()).isFalse();
    assertThat(result.errors().get(0))
        .isEqualTo(
            new RewriteResult.FileError(
                "src/test/java/com/example/SampleTest.java", RewriteResult.FileError.Kind.STACK_OVERFLOW,
                "stack overflow while parsing src/test/java/com/example/SampleTest.java (nesting too deep)"));
    assertThat(result.errors()).extracting(RewriteResult.FileError::kind).doesNotContain(RewriteResult.FileError.Kind.PARSE_ERROR);
    assertThat(Files.readString(repo.resolve("src/test/java/com/example/SampleTest.java"))).isEqualTo(before);
  }

  @Test
  void aModuleOfAProfileTheBaselineDidNotBuildIsNotParsedAsAModule() throws Exception {
    sampleProject(JUNIT4_TEST);
    Files.writeString(
        repo.resolve("pom.xml"),
        POM.replace("</project>", "  <packaging>pom</packaging>\n  <profiles>\n    <profile>\n      <id>slow</id>\n"
            + "      <modules>\n        <module>slow-tests</module>\n      </modules>\n    </profile>\n  </profiles>\n</project>"));
    Path slow = Files.createDirectories(repo.resolve("slow-tests"));
    Files.writeString(slow.resolve("pom.xml"), POM.replace("<artifactId>sample</artifactId>", "<artifactId>slow-tests</artifactId>"));
    // The profile was not active in the baseline: no dependency list, so no classpath for this test.
    write("slow-tests/src/test/java/com/example/SlowTest.java", JUNIT4_TEST.replace("SampleTest", "SlowTest"));

    RewriteResult result = engine.run(repo, List.of(JUNIT5), true);

    assertThat(result.errors()).isEmpty();
    assertThat(result.changedFiles()).extracting(RewriteResult.ChangedFile::path).contains("src/test/java/com/example/SampleTest.java");
    assertThat(Files.readString(slow.resolve("src/test/java/com/example/SlowTest.java"))).contains("import org.junit.Test;");
  }
}
