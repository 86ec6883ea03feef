package io.fleetmigrate.recipes.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrewrite.java.Assertions.java;
import static org.openrewrite.java.Assertions.mavenProject;
import static org.openrewrite.java.Assertions.srcMainJava;
import static org.openrewrite.java.Assertions.srcTestJava;
import static org.openrewrite.maven.Assertions.pomXml;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.maven.RemoveDependency;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

/** Run as in the campaign: after the JUnit 5 migration has removed JUnit 4 from the POM. */
class KeepJUnit4ForMainCodeTest implements RewriteTest {
  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipes(new RemoveDependency("junit", "junit", null), new KeepJUnit4ForMainCode())
        .parser(JavaParser.fromJavaVersion().classpath("junit"));
  }

  private static final String RULE =
      """
      package com.example.retry;

      import org.junit.rules.ExternalResource;

      public class TemporaryProperty extends ExternalResource {
          @Override
          protected void before() {
              System.setProperty("fleet", "on");
          }
      }
      """;

  @Test
  void putsJUnit4BackWithItsScopeWhenMainCodeShipsARule() {
    rewriteRun(
        // The migration removes JUnit 4 and this recipe puts it back in the same cycle: the same text.
        spec -> spec.cycles(1).expectedCyclesThatMakeChanges(1),
        mavenProject(
            "retry-kit",
            srcMainJava(java(RULE)),
            pomXml(
                """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>retry-kit</artifactId>
                  <version>1.0</version>
                  <dependencies>
                    <dependency>
                      <groupId>junit</groupId>
                      <artifactId>junit</artifactId>
                      <version>4.13.2</version>
                      <scope>provided</scope>
                    </dependency>
                  </dependencies>
                </project>
                """,
                spec -> spec.after(after -> {
                  assertThat(after).containsPattern(
                      "<artifactId>junit</artifactId>\\s*<version>4.13.2</version>\\s*<scope>provided</scope>");
                  return after;
                }))));
  }

  @Test
  void addsJUnit4WhenMainCodeUsesItButThePomNoLongerHasIt() {
    rewriteRun(
        spec -> spec.recipe(new KeepJUnit4ForMainCode()),
        mavenProject(
            "retry-kit",
            srcMainJava(java(RULE)),
            pomXml(
                """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>retry-kit</artifactId>
                  <version>1.0</version>
                </project>
                """,
                """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>retry-kit</artifactId>
                  <version>1.0</version>
                  <dependencies>
                    <dependency>
                      <groupId>junit</groupId>
                      <artifactId>junit</artifactId>
                      <version>4.13.2</version>
                    </dependency>
                  </dependencies>
                </project>
                """)));
  }

  @Test
  void letsTheMigrationRemoveJUnit4WhenOnlyTestsUsedIt() {
    rewriteRun(
        mavenProject(
            "service",
            srcTestJava(
                java(
                    """
                    import org.junit.rules.TemporaryFolder;

                    class FilesTest {
                        TemporaryFolder folder = new TemporaryFolder();
                    }
                    """)),
            pomXml(
                """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>service</artifactId>
                  <version>1.0</version>
                  <dependencies>
                    <dependency>
                      <groupId>junit</groupId>
                      <artifactId>junit</artifactId>
                      <version>4.13.2</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                </project>
                """,
                """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>service</artifactId>
                  <version>1.0</version>
                </project>
                """)));
  }

  @Test
  void leavesAProjectWithoutJUnit4Alone() {
    rewriteRun(
        spec -> spec.recipe(new KeepJUnit4ForMainCode()),
        mavenProject(
            "plain",
            srcMainJava(java("class Plain {}")),
            pomXml(
                """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>plain</artifactId>
                  <version>1.0</version>
                </project>
                """)));
  }
}
