package io.fleetmigrate.recipes.java;

import static org.openrewrite.maven.Assertions.pomXml;

import org.junit.jupiter.api.Test;
import org.openrewrite.maven.ExcludeDependency;
import org.openrewrite.maven.RemoveDependency;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

/**
 * Run as in the campaign: after what the JUnit 5 migration does to JUnit 4 in a POM (remove it,
 * exclude it from every dependency that brings it).
 */
class KeepJUnit4ForTestHelpersTest implements RewriteTest {
  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipes(new RemoveDependency("junit", "junit", null), new ExcludeDependency("junit", "junit", null), new KeepJUnit4ForTestHelpers());
  }

  @Test
  void keepsJUnit4ForAHelperWhosePomDependsOnIt() {
    rewriteRun(
        pomXml(
            """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>profiles</artifactId>
              <version>1.0</version>
              <dependencies>
                <dependency>
                  <groupId>junit</groupId>
                  <artifactId>junit</artifactId>
                  <version>4.13.2</version>
                  <scope>test</scope>
                </dependency>
                <dependency>
                  <groupId>com.google.guava</groupId>
                  <artifactId>guava-testlib</artifactId>
                  <version>33.4.8-jre</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """,
            """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>profiles</artifactId>
              <version>1.0</version>
              <dependencies>
                <dependency>
                  <groupId>com.google.guava</groupId>
                  <artifactId>guava-testlib</artifactId>
                  <version>33.4.8-jre</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """));
  }

  @Test
  void keepsAnExclusionTheProjectHadWrittenItself() {
    rewriteRun(
        spec -> spec.recipe(new KeepJUnit4ForTestHelpers()),
        pomXml(
            """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>profiles</artifactId>
              <version>1.0</version>
              <dependencies>
                <dependency>
                  <groupId>com.google.guava</groupId>
                  <artifactId>guava-testlib</artifactId>
                  <version>33.4.8-jre</version>
                  <scope>test</scope>
                  <exclusions>
                    <exclusion>
                      <groupId>junit</groupId>
                      <artifactId>junit</artifactId>
                    </exclusion>
                  </exclusions>
                </dependency>
              </dependencies>
            </project>
            """));
  }

  @Test
  void leavesDependenciesThatDoNotNeedJUnit4Alone() {
    rewriteRun(
        spec -> spec.recipe(new KeepJUnit4ForTestHelpers()),
        pomXml(
            """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>plain</artifactId>
              <version>1.0</version>
              <dependencies>
                <dependency>
                  <groupId>org.assertj</groupId>
                  <artifactId>assertj-core</artifactId>
                  <version>3.27.6</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """));
  }
}
