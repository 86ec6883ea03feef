package io.fleetmigrate.recipes;

import static org.openrewrite.java.Assertions.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrewrite.maven.Assertions.pomXml;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openrewrite.Recipe;
import org.openrewrite.config.Environment;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

/** Our campaign composites (META-INF/rewrite/fleet-migrate.yml), each before/after and unchanged. */
class CampaignCompositesTest {
  static Environment environment;

  @BeforeAll
  static void scanOnce() {
    environment = Environment.builder().scanRuntimeClasspath().build();
  }

  /** A one-module POM; %s is its parent or its properties. */
  static final String POM =
      """
      <project>
        <modelVersion>4.0.0</modelVersion>
        %s
        <groupId>com.example</groupId>
        <artifactId>sample</artifactId>
        <version>1.0</version>
      </project>
      """;

  static Recipe recipe(String name) {
    return environment.activateRecipes(name);
  }

  @Nested
  class JUnit4to5 implements RewriteTest {
    @Override
    public void defaults(RecipeSpec spec) {
      spec.recipe(recipe("io.fleetmigrate.campaigns.JUnit4to5")).parser(JavaParser.fromJavaVersion().classpath("junit", "hamcrest-core"));
    }

    @Test
    void migratesTestsIncludingTheInternalTheUpstreamRecipeLeaves() {
      rewriteRun(
          java(
              """
              import static org.junit.Assert.assertArrayEquals;
              import static org.junit.Assert.fail;

              import org.junit.Test;
              import org.junit.internal.ArrayComparisonFailure;

              public class TokenizerTest {
                  @Test
                  public void differs() {
                      try {
                          assertArrayEquals(new String[] {"a"}, new String[] {"b"});
                          fail("arrays differ");
                      } catch (ArrayComparisonFailure expected) {
                      }
                  }
              }
              """,
              """
              import org.junit.jupiter.api.Test;

              import static org.junit.jupiter.api.Assertions.assertArrayEquals;
              import static org.junit.jupiter.api.Assertions.fail;

              public class TokenizerTest {
                  @Test
                  public void differs() {
                      try {
                          assertArrayEquals(new String[] {"a"}, new String[] {"b"});
                          fail("arrays differ");
                      } catch (AssertionError expected) {
                      }
                  }
              }
              """));
    }

    @Test
    void leavesJUnit5TestsAlone() {
      rewriteRun(
          spec -> spec.parser(JavaParser.fromJavaVersion().classpath("junit-jupiter-api")),
          java(
              """
              import org.junit.jupiter.api.Test;

              class AlreadyTest {
                  @Test
                  void works() {
                  }
              }
              """));
    }
  }

  @Nested
  class Java17to21 implements RewriteTest {
    @Override
    public void defaults(RecipeSpec spec) {
      spec.recipe(recipe("io.fleetmigrate.campaigns.Java17to21"));
    }

    @Test
    void raisesTheCompilerRelease() {
      rewriteRun(
          pomXml(
              POM.formatted("<properties><maven.compiler.release>17</maven.compiler.release></properties>"),
              spec -> spec.after(after -> {
                assertThat(after).contains("<maven.compiler.release>21</maven.compiler.release>");
                return after;
              })));
    }

    @Test
    void leavesModernCodeAlone() {
      rewriteRun(
          java(
              """
              class Greeting {
                  String hello(String name) {
                      return "Hello, " + name;
                  }
              }
              """));
    }
  }

  @Nested
  class Java8to17 implements RewriteTest {
    @Override
    public void defaults(RecipeSpec spec) {
      spec.recipe(recipe("io.fleetmigrate.campaigns.Java8to17"));
    }

    @Test
    void replacesDeprecatedBoxingConstructors() {
      rewriteRun(
          java(
              """
              class Boxes {
                  Integer five() {
                      return new Integer(5);
                  }
              }
              """,
              """
              class Boxes {
                  Integer five() {
                      return Integer.valueOf(5);
                  }
              }
              """));
    }

    @Test
    void leavesModernCodeAlone() {
      rewriteRun(
          java(
              """
              class Boxes {
                  Integer five() {
                      return Integer.valueOf(5);
                  }
              }
              """));
    }
  }

  @Nested
  class SpringBoot2to3 implements RewriteTest {
    @Override
    public void defaults(RecipeSpec spec) {
      spec.recipe(recipe("io.fleetmigrate.campaigns.SpringBoot2to3"));
    }

    @Test
    void movesTheParentToSpringBoot3() {
      rewriteRun(
          pomXml(
              POM.formatted(
                  "<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId>"
                      + "<version>2.7.18</version><relativePath/></parent>"),
              spec -> spec.after(after -> {
                assertThat(after).containsPattern("<version>3\\.0\\.\\d+</version>").doesNotContain("2.7.18");
                return after;
              })));
    }

    @Test
    void leavesCurrentPropertiesAlone() {
      rewriteRun(
          org.openrewrite.properties.Assertions.properties(
              "spring.data.redis.host=cache\n", spec -> spec.path("src/main/resources/application.properties")));
    }
  }
}
