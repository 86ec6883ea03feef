package io.fleetmigrate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.MavenToolchain;
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
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The risk flag's coverage criterion through the real pipeline: the repository's own baseline
 * writes a JaCoCo report (jacoco-maven-plugin bound in its POM), Fleet reads it before the verify
 * build cleans {@code target}, and a recipe that changes main code the tests never run flags the
 * pull request; one that changes covered code does not. The CODEOWNERS owners go with the pull
 * request either way.
 */
class CoverageFlagIT {
  @TempDir Path tmp;

  private static String spec(String method) {
    return """
        name: rename
        recipes:
          - name: org.openrewrite.java.ChangeMethodName
            options: {methodPattern: "%s", newMethodName: renamed}
        verify: {command: mvn -B -ntp verify, timeout: 5m}
        rollout: {minTests: 0}
        """.formatted(method);
  }

  private static Map<String, String> ledger() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("pom.xml", """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example.fleet</groupId><artifactId>ledger</artifactId><version>1.0.0-SNAPSHOT</version>
          <properties><maven.compiler.release>17</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
          <dependencies>
            <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.11.4</version><scope>test</scope></dependency>
          </dependencies>
          <build><plugins>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
            <plugin><groupId>org.jacoco</groupId><artifactId>jacoco-maven-plugin</artifactId><version>0.8.13</version>
              <executions>
                <execution><id>agent</id><goals><goal>prepare-agent</goal></goals></execution>
                <execution><id>report</id><phase>test</phase><goals><goal>report</goal></goals></execution>
              </executions>
            </plugin>
          </plugins></build>
        </project>
        """);
    files.put(".github/CODEOWNERS", "* @platform\n/src/main/ @alice @acme/ledger\n");
    files.put("src/main/java/com/example/ledger/Ledger.java", """
        package com.example.ledger;

        public class Ledger {
          private long cents;

          public void book(long amount) {
            cents += amount;
          }

          public long balance() {
            return cents;
          }
        }
        """);
    files.put("src/main/java/com/example/ledger/Invoice.java", """
        package com.example.ledger;

        public class Invoice {
          public long total(long net, int percent) {
            long tax = net * percent / 100;
            long gross = net + tax;
            return gross;
          }
        }
        """);
    files.put("src/test/java/com/example/ledger/LedgerTest.java", """
        package com.example.ledger;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import org.junit.jupiter.api.Test;

        class LedgerTest {
          @Test
          void booksAndBalances() {
            Ledger ledger = new Ledger();
            ledger.book(250);
            assertEquals(250, ledger.balance());
          }
        }
        """);
    return files;
  }

  private RepoOutcome run(CampaignStore store, RepoPipeline pipeline, String spec, RepoRef repo) throws Exception {
    long runId = store.runs().createRun("rename", spec, "", false, 1, "1 repository");
    return pipeline.process(new RunContext(runId, CampaignSpecReader.parse(spec, "spec.yaml"), "", false), repo);
  }

  @Test
  void aChangeToMainCodeTheBaselinesJacocoReportShowsUncoveredIsFlaggedAndACoveredOneIsNot() throws Exception {
    DataSource ds = TestDatabase.migrated();
    CampaignStore store = CampaignStore.of(ds);
    String uncovered = spec("com.example.ledger.Invoice total(long, int)");
    store.runs().saveCampaign("rename", "", null, uncovered);
    MavenToolchain maven = MavenToolchain.fromEnvironment();
    RepoPipeline pipeline = new RepoPipeline(new FleetHome(tmp.resolve("data")), new Checkout(), new BuildRunner(maven),
        new RewriteStation(maven), new LocalCodeHost(store, new DataSourceTransactionManager(ds)), store,
        new ModelProviders(Map.of(), d -> {}));
    RepoRef invoices = new RepoRef("invoices", GitFixtures.origin(tmp, "invoices", ledger()).toString(), null, "carol", List.of(), "test");
    RepoRef ledger = new RepoRef("ledger", GitFixtures.origin(tmp, "ledger", ledger()).toString(), null, "carol", List.of(), "test");

    RepoOutcome flagged = run(store, pipeline, uncovered, invoices);

    assertThat(flagged.status()).as(flagged.reason()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(flagged.reason()).contains("; low test coverage: the change touches main code its tests cover little of: JaCoCo's baseline"
        + " report covers 0 of 4 lines (0%) of the 1 changed main file it knows (rollout.minCoverage: 50%)");
    assertThat(store.pullRequests().flagged("rename")).extracting(io.fleetmigrate.store.PullRequestStore.FlaggedPullRequest::repository).containsExactly("invoices");
    assertThat(store.pullRequests().owners("rename", "invoices")).containsExactly("@alice", "@acme/ledger");

    RepoOutcome covered = run(store, pipeline, spec("com.example.ledger.Ledger balance()"), ledger);

    assertThat(covered.status()).as(covered.reason()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(covered.reason()).doesNotContain("low test coverage");
    assertThat(store.pullRequests().flagged("rename")).extracting(io.fleetmigrate.store.PullRequestStore.FlaggedPullRequest::repository).containsExactly("invoices");
    assertThat(store.pullRequests().owners("rename", "ledger")).as("the rename reaches LedgerTest too, which only '*' owns")
        .containsExactly("@alice", "@acme/ledger", "@platform");
  }
}
