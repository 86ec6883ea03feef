package io.fleetmigrate.recipes.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrewrite.maven.Assertions.pomXml;

import org.junit.jupiter.api.Test;
import org.openrewrite.maven.AddDependency;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

/** Run as in the campaign: after the migration added Mockito's and JUnit's Jupiter artifacts. */
class AlignVersionsForDependencyConvergenceTest implements RewriteTest {
  static final String ENFORCER =
      """
        <build>
          <plugins>
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-enforcer-plugin</artifactId>
              <version>3.0.0</version>
              <executions>
                <execution>
                  <id>enforce</id>
                  <goals><goal>enforce</goal></goals>
                  <configuration>
                    <rules><dependencyConvergence/></rules>
                  </configuration>
                </execution>
              </executions>
            </plugin>
          </plugins>
        </build>
      """;

  static String pom(String dependencies, String build) {
    return """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>shipping</artifactId>
          <version>1.0</version>
          <dependencies>
        %s  </dependencies>
        %s</project>
        """.formatted(dependencies, build);
  }

  static final String MOCKITO_CORE =
      """
          <dependency>
            <groupId>org.mockito</groupId>
            <artifactId>mockito-core</artifactId>
            <version>5.20.0</version>
            <scope>test</scope>
          </dependency>
      """;

  @Override
  public void defaults(RecipeSpec spec) {
    // What the JUnit 5 migration does for MockitoJUnitRunner: mockito-junit-jupiter at 4.x.
    spec.recipes(
        new AddDependency("org.mockito", "mockito-junit-jupiter", "4.11.0", null, "test", null, null, null, null, null, null, null),
        new AlignVersionsForDependencyConvergence());
  }

  /** The version the POM ends with for {@code artifact}, whatever the formatting. */
  static java.util.function.UnaryOperator<String> versionOf(String artifact, String version) {
    return after -> {
      assertThat(after).containsPattern("<artifactId>" + artifact + "</artifactId>\\s*<version>" + java.util.regex.Pattern.quote(version) + "</version>");
      return after;
    };
  }

  @Test
  void alignsAnAddedArtifactWithItsFamilyWhenTheEnforcerChecksConvergence() {
    rewriteRun(pomXml(pom(MOCKITO_CORE, ENFORCER), spec -> spec.after(versionOf("mockito-junit-jupiter", "5.20.0"))));
  }

  @Test
  void leavesAPomWithoutTheConvergenceRuleAsTheMigrationMadeIt() {
    rewriteRun(pomXml(pom(MOCKITO_CORE, ""), spec -> spec.after(versionOf("mockito-junit-jupiter", "4.11.0"))));
  }

  @Test
  void alignsWithoutTheRuleWhenAskedTo() {
    rewriteRun(
        spec -> spec.recipes(
            new AddDependency("org.mockito", "mockito-junit-jupiter", "4.11.0", null, "test", null, null, null, null, null, null, null),
            new AlignVersionsForDependencyConvergence(false)),
        pomXml(pom(MOCKITO_CORE, ""), spec -> spec.after(versionOf("mockito-junit-jupiter", "5.20.0"))));
  }

  @Test
  void importsTheJUnitBomOfTheJupiterVersionTheMigrationAdded() {
    rewriteRun(
        spec -> spec.recipes(
            new AddDependency("org.junit.jupiter", "junit-jupiter", "5.14.1", null, "test", null, null, null, null, null, null, null),
            new AlignVersionsForDependencyConvergence()),
        pomXml(pom("", ENFORCER), spec -> spec.after(after -> {
          assertThat(after).containsPattern(
              "<dependencyManagement>\\s*<dependencies>\\s*<dependency>\\s*<groupId>org.junit</groupId>\\s*"
                  + "<artifactId>junit-bom</artifactId>\\s*<version>5.14.1</version>\\s*<type>pom</type>\\s*<scope>import</scope>");
          return after;
        })));
  }

  @Test
  void changesNothingWhenTheMigrationAddedNothing() {
    rewriteRun(spec -> spec.recipe(new AlignVersionsForDependencyConvergence()), pomXml(pom(MOCKITO_CORE, ENFORCER)));
  }
}
