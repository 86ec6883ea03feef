package io.fleetmigrate.recipes.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrewrite.java.Assertions.mavenProject;
import static org.openrewrite.maven.Assertions.pomXml;
import static org.openrewrite.test.SourceSpecs.text;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class MigrateJUnit4ModuleInfoTest implements RewriteTest {
  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new MigrateJUnit4ModuleInfo());
  }

  @Test
  void requiresJupiterAndOneHamcrestInsteadOfJUnit4AndItsHamcrest() {
    rewriteRun(
        mavenProject(
            "catalog",
            text(
                """
                open module com.example.catalog {
                    exports com.example.catalog;

                    requires junit;
                    requires hamcrest.core;
                    requires hamcrest.library;
                }
                """,
                """
                open module com.example.catalog {
                    exports com.example.catalog;

                    requires org.junit.jupiter.api;
                    requires org.hamcrest;
                }
                """,
                spec -> spec.path("src/test/java/module-info.java")),
            pomXml(
                """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>catalog</artifactId>
                  <version>1.0</version>
                  <dependencies>
                    <dependency>
                      <groupId>org.hamcrest</groupId>
                      <artifactId>hamcrest-junit</artifactId>
                      <version>2.0.0.0</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                </project>
                """,
                spec -> spec.after(after -> {
                  assertThat(after)
                      .containsPattern("<artifactId>hamcrest</artifactId>\\s*<version>3.0</version>\\s*<scope>test</scope>")
                      .doesNotContain("hamcrest-junit");
                  return after;
                }))));
  }

  @Test
  void opensPackagesExportedToJUnit4ToTheJUnitPlatform() {
    rewriteRun(
        text(
            """
            module com.example.catalog {
                exports com.example.catalog to junit;
                requires static junit;
            }
            """,
            """
            module com.example.catalog {
                opens com.example.catalog to org.junit.platform.commons;
                requires static org.junit.jupiter.api;
            }
            """,
            spec -> spec.path("src/main/java/module-info.java")));
  }

  @Test
  void leavesADescriptorWithoutJUnit4Alone() {
    rewriteRun(
        text(
            """
            module com.example.catalog {
                exports com.example.catalog;
                requires org.junit.jupiter.api;
                requires java.sql;
            }
            """,
            spec -> spec.path("src/test/java/module-info.java")));
  }

  @Test
  void leavesOtherFilesThatMentionJUnitAlone() {
    rewriteRun(text("requires junit;\n", spec -> spec.path("notes/module-info.txt")));
  }
}
