package io.fleetmigrate.recipes.java;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.config.Environment;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

/** The declarative {@code io.fleetmigrate.recipes.junit.RunnersToExtensions} (fleet-migrate.yml). */
class RunnersToExtensionsTest implements RewriteTest {
  /** Spring's runner and extension, reduced to their types: spring-test is not on this module's classpath. */
  private static final String SPRING_RUNNER =
      """
      package org.springframework.test.context.junit4;
      public class SpringRunner extends org.junit.runner.Runner {
          public SpringRunner(Class<?> c) {}
          public org.junit.runner.Description getDescription() { return null; }
          public void run(org.junit.runner.notification.RunNotifier n) {}
      }
      """;
  private static final String SPRING_EXTENSION =
      """
      package org.springframework.test.context.junit.jupiter;
      public class SpringExtension implements org.junit.jupiter.api.extension.Extension {}
      """;

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(Environment.builder().scanRuntimeClasspath().build().activateRecipes("io.fleetmigrate.recipes.junit.RunnersToExtensions"))
        .parser(JavaParser.fromJavaVersion().classpath("junit", "junit-jupiter-api").dependsOn(SPRING_RUNNER, SPRING_EXTENSION));
  }

  @Test
  void aSpringTestBaseClassGetsTheSpringExtension() {
    rewriteRun(
        java(
            """
            import org.junit.runner.RunWith;
            import org.springframework.test.context.junit4.SpringRunner;

            @RunWith(SpringRunner.class)
            public abstract class SpringTestBase {
            }
            """,
            """
            import org.junit.jupiter.api.extension.ExtendWith;
            import org.springframework.test.context.junit.jupiter.SpringExtension;

            @ExtendWith(SpringExtension.class)
            public abstract class SpringTestBase {
            }
            """));
  }

  @Test
  void leavesOtherRunnersAlone() {
    rewriteRun(
        java(
            """
            import org.junit.runner.RunWith;
            import org.junit.runners.JUnit4;

            @RunWith(JUnit4.class)
            public class PlainTest {
            }
            """));
  }
}
