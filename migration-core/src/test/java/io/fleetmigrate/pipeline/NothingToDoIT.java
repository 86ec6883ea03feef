package io.fleetmigrate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.deliver.LocalCodeHost;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.rewrite.RewriteStation;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.OutcomeStore;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.SampleRepos;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A repository the recipes do not change ends {@code NO_CHANGES} before any verify build: its
 * classpaths come from a resolution-only Maven call (cached by its POMs, so the next run makes no
 * Maven call at all), or the spec's text precondition ends it without even a parse. A repository whose
 * classpaths cannot be resolved without building (a reactor whose modules need each other) goes to
 * its baseline build as before.
 */
class NothingToDoIT {
  @TempDir Path tmp;

  private static final String SPEC = """
      name: junit5
      recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
      verify: {command: mvn -B -ntp verify, timeout: 5m}
      """;

  private DataSource ds;
  private CampaignStore store;
  private RepoPipeline pipeline;

  @BeforeEach
  void pipeline() throws Exception {
    ds = TestDatabase.migrated();
    store = CampaignStore.of(ds);
    store.runs().saveCampaign("junit5", "", null, SPEC);
    MavenToolchain maven = MavenToolchain.fromEnvironment();
    pipeline = new RepoPipeline(new FleetHome(tmp.resolve("data")), new Checkout(), new BuildRunner(maven), new RewriteStation(maven),
        new LocalCodeHost(store, new DataSourceTransactionManager(ds)), store, new ModelProviders(Map.of(), d -> {}));
  }

  private RepoOutcome run(String spec, RepoRef repo) throws Exception {
    long runId = store.runs().createRun("junit5", spec, "", false, 1, "1 repository");
    RepoOutcome outcome = pipeline.process(new RunContext(runId, CampaignSpecReader.parse(spec, "spec.yaml"), "", false), repo);
    lastRun = runId;
    return outcome;
  }

  private long lastRun;

  private List<String> stages(RepoRef repo) {
    return store.outcomes().attempts(lastRun, repo.name()).stream().map(OutcomeStore.Attempt::stage).toList();
  }

  private RepoRef sample(String name) throws Exception {
    Path sample = SampleRepos.copy(name, tmp.resolve("sample-" + name));
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(sample)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(sample.relativize(p).toString(), Files.readString(p));
      }
    }
    return new RepoRef(name, GitFixtures.origin(tmp, name, files).toString(), null, "team", List.of(), "test");
  }

  @Test
  void anAlreadyMigratedRepositoryEndsWithoutABuildAndItsNextRunWithoutMaven() throws Exception {
    RepoRef repo = sample("payments-gateway");

    RepoOutcome first = run(SPEC, repo);

    assertThat(first.status()).as(first.reason()).isEqualTo(OutcomeStatus.NO_CHANGES);
    assertThat(first.reason()).isEqualTo("the recipes found nothing to change");
    assertThat(stages(repo)).as("one resolution-only Maven call, no baseline").containsExactly("classpath");
    assertThat(store.outcomes().attempts(lastRun, repo.name()).get(0).command()).contains("dependency-plugin", ":list").doesNotContain("verify");
    assertThat(Path.of(first.logDir()).resolve("recipe.txt")).content().startsWith("decided before any build (classpaths: resolved)");
    assertThat(Path.of(first.logDir()).resolve("baseline.log")).doesNotExist();

    RepoOutcome second = run(SPEC, repo);

    assertThat(second.status()).as(second.reason()).isEqualTo(OutcomeStatus.NO_CHANGES);
    assertThat(stages(repo)).as("the POMs are unchanged: classpaths from the cache, no Maven call").isEmpty();
    assertThat(Path.of(second.logDir()).resolve("recipe.txt")).content().startsWith("decided before any build (classpaths: cached)");
  }

  @Test
  void theSpecsTextPreconditionEndsARepositoryWithoutAParseOrABuild() throws Exception {
    RepoRef repo = sample("payments-gateway");
    String spec = SPEC + "repositories: {containing: [\"org.junit.Test\", \"junit.framework\"]}\n";

    RepoOutcome outcome = run(spec, repo);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(OutcomeStatus.NO_CHANGES);
    assertThat(outcome.reason())
        .isEqualTo("no file contains any of [org.junit.Test, junit.framework] (the spec's repositories.containing); nothing was parsed or built");
    assertThat(stages(repo)).isEmpty();
    assertThat(Path.of(outcome.logDir()).resolve("classpath.log")).doesNotExist();

    // A repository that holds one of the texts goes on to the recipes (a repository they change goes
    // on to its baseline: FixPathIT).
    RepoOutcome holds = run(SPEC + "repositories: {containing: [org.junit.jupiter]}\n", repo);
    assertThat(holds.status()).as(holds.reason()).isEqualTo(OutcomeStatus.NO_CHANGES);
    assertThat(holds.reason()).isEqualTo("the recipes found nothing to change");
    assertThat(stages(repo)).containsExactly("classpath");
  }

  @Test
  void aReactorWhoseModulesNeedEachOtherGoesToItsBaselineAndRemembersThat() throws Exception {
    String module = """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent><groupId>com.example.fleet</groupId><artifactId>ledger</artifactId><version>1.0.0-SNAPSHOT</version></parent>
          <artifactId>%s</artifactId>
          <dependencies>%s
            <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.11.4</version><scope>test</scope></dependency>
          </dependencies>
        </project>
        """;
    Map<String, String> files = new LinkedHashMap<>();
    files.put("pom.xml", """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example.fleet</groupId><artifactId>ledger</artifactId><version>1.0.0-SNAPSHOT</version>
          <packaging>pom</packaging>
          <modules><module>core</module><module>app</module></modules>
          <properties><maven.compiler.release>17</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
          <build><plugins>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
          </plugins></build>
        </project>
        """);
    files.put("core/pom.xml", module.formatted("core", ""));
    files.put("core/src/main/java/com/example/ledger/Entry.java",
        "package com.example.ledger;\n\npublic record Entry(String account, long cents) {}\n");
    files.put("app/pom.xml", module.formatted("app",
        "\n    <dependency><groupId>com.example.fleet</groupId><artifactId>core</artifactId><version>1.0.0-SNAPSHOT</version></dependency>"));
    files.put("app/src/test/java/com/example/ledger/EntryTest.java", """
        package com.example.ledger;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import org.junit.jupiter.api.Test;

        class EntryTest {
          @Test
          void keepsItsAmount() {
            assertEquals(250, new Entry("cash", 250).cents());
          }
        }
        """);
    RepoRef repo = new RepoRef("ledger", GitFixtures.origin(tmp, "ledger", files).toString(), null, "team", List.of(), "test");

    RepoOutcome first = run(SPEC, repo);

    assertThat(first.status()).as(first.reason()).isEqualTo(OutcomeStatus.NO_CHANGES);
    assertThat(stages(repo)).as("app needs core's jar, which only a build makes").containsExactly("classpath", "baseline");

    RepoOutcome second = run(SPEC, repo);

    assertThat(second.status()).as(second.reason()).isEqualTo(OutcomeStatus.NO_CHANGES);
    assertThat(stages(repo)).as("the failed resolution is remembered for these POMs").containsExactly("baseline");
  }
}
