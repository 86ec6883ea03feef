package io.fleetmigrate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.build.Sandbox;
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
import io.fleetmigrate.testing.FakeMaven;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A repository whose builds keep failing because Maven's downloads fail (two Mavens over one local
 * repository, here) is the infrastructure's fault: ERROR, saying so, never BASELINE_RED.
 */
class TransientDownloadTest {
  @TempDir Path tmp;

  private static final String SPEC = """
      name: downloads
      recipes:
        - name: org.openrewrite.text.FindAndReplace
          options: {find: OLD-NAME, replace: NEW-NAME}
      verify: {command: mvn -B verify, timeout: 1m}
      """;

  @Test
  void aBaselineThatKeepsFailingForATransientDownloadIsAnInfrastructureErrorNotBaselineRed() throws Exception {
    // Maven 3.9's words when another Maven on the same local repository moved the download away.
    Path home = FakeMaven.failingWith(tmp.resolve("maven"), "[ERROR] Failed to execute goal on project app: Could not resolve dependencies"
        + " for project com.example:app:jar:1.0: Could not transfer artifact org.slf4j:slf4j-api:jar:2.0.16 from/to central"
        + " (https://repo.maven.apache.org/maven2): /home/u/.m2/repository/org/slf4j/slf4j-api/2.0.16/slf4j-api-2.0.16.jar.part.lock"
        + " (No such file or directory) -> [Help 1]");
    DataSource ds = TestDatabase.migrated();
    CampaignStore store = CampaignStore.of(ds);
    store.runs().saveCampaign("downloads", "", null, SPEC);
    MavenToolchain maven = new MavenToolchain(home, tmp.resolve("repository"), null);
    BuildRunner builds = new BuildRunner(maven, Sandbox.detect(), Sandbox.Network.ALLOWED, BuildRunner.DEFAULT_OUTPUT_CAP)
        .withTransientBackoff(List.of(Duration.ZERO));
    RepoPipeline pipeline = new RepoPipeline(new FleetHome(tmp.resolve("data")), new Checkout(), builds, new RewriteStation(maven),
        new LocalCodeHost(store, new DataSourceTransactionManager(ds)), store, new ModelProviders(Map.of(), d -> {}));
    RepoRef repo = new RepoRef("app", GitFixtures.origin(tmp, "app", Map.of("README.md", "# OLD-NAME\n",
        "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>com.example</groupId><artifactId>app</artifactId><version>1.0</version></project>\n"))
        .toString(), null, "team", List.of(), "test");
    long run = store.runs().createRun("downloads", SPEC, "", true, 1, "1 repository");

    RepoOutcome outcome = pipeline.process(new RunContext(run, CampaignSpecReader.parse(SPEC, "spec.yaml"), "", true), repo);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(OutcomeStatus.ERROR);
    assertThat(outcome.reason()).startsWith("infrastructure, not a verdict: Maven could not download what the build needs, 2 times")
        .contains(".part.lock (No such file or directory)", "baseline.log, baseline.transient-1.log");
  }
}
