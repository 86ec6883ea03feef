package io.fleetmigrate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.cli.ExitCode;
import io.fleetmigrate.config.FleetSchema;
import io.fleetmigrate.config.FleetSchemaTest;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.inventory.RepoSelection;
import io.fleetmigrate.testing.FleetProcess;
import io.fleetmigrate.testing.PostgresServer;
import io.fleetmigrate.testing.GitFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The shared store on a real PostgreSQL server: the same Flyway migrations as on H2 (plus Spring
 * Batch's PostgreSQL tables), the campaign lock, the inventory at fleet scale, and a campaign end to
 * end through the CLI with {@code --db-url} and credentials from the environment, then its no-op re-run.
 */
class PostgresStoreIT {
  static PostgresServer pg;
  @TempDir Path tmp;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  private PGSimpleDataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(pg.url());
    ds.setUser(PostgresServer.USER);
    ds.setPassword(PostgresServer.PASSWORD);
    return ds;
  }

  @Test
  void campaignRunsOnPostgresThroughTheCliAndANoOpReRunBuildsNothing() throws Exception {
    Path data = tmp.resolve("data");
    Map<String, String> env = FleetProcess.postgres(pg);
    StringBuilder csv = new StringBuilder("name,clone_url\n");
    for (String sample : List.of("billing-service", "docs-site")) {
      csv.append(sample).append(',').append(origin(sample)).append('\n');
    }
    Files.writeString(tmp.resolve("inventory.csv"), csv);
    Path spec = tmp.resolve("pg.yaml");
    Files.writeString(spec, """
        name: pg
        recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
        verify:
          command: mvn -B -q verify
        pullRequest:
          branch: fleet/pg
        """);
    String imported = cli(data, env, "inventory", "import", tmp.resolve("inventory.csv").toString());
    assertThat(imported).contains("2 new");

    String first = cli(data, env, "campaign", "run", spec.toString());
    assertThat(first).contains("billing-service: PR_OPENED", "docs-site: SKIPPED").doesNotContain(PostgresServer.PASSWORD);
    assertThat(Files.exists(data.resolve("fleet.mv.db"))).as("no embedded database was used").isFalse();

    // Nothing changed: the second run decides from the store and ls-remote, without a clone or a build.
    String second = cli(data, env, "campaign", "run", spec.toString());
    assertThat(second).contains("billing-service: PR_UPDATED", "unchanged since run 1", "docs-site: SKIPPED");

    try (Connection c = dataSource().getConnection()) {
      assertThat(rows(c, "SELECT repository || '=' || status FROM repo_outcome WHERE run_id = 1"))
          .containsExactlyInAnyOrder("billing-service=PR_OPENED", "docs-site=SKIPPED");
      assertThat(rows(c, "SELECT COUNT(*) FROM repo_attempt WHERE run_id = 2")).containsExactly("0");
      assertThat(rows(c, "SELECT status FROM batch_job_execution")).containsExactly("COMPLETED", "COMPLETED");
      assertThat(rows(c, "SELECT COUNT(*) FROM campaign_lock")).as("the lock is released").containsExactly("0");
      assertThat(rows(c, "SELECT COUNT(*) FROM pull_request_event WHERE state = 'OPEN'")).containsExactly("1");
    }

    // Another process, another data directory, the same store: status works from anywhere that reaches the server.
    assertThat(cli(tmp.resolve("elsewhere"), env, "campaign", "status", "pg")).contains("billing-service", "PR_UPDATED");
  }

  private String cli(Path data, Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile(tmp, "cli", ".log");
    List<String> all = new ArrayList<>(List.of("--db-url", pg.url()));
    all.addAll(List.of(args));
    Process p = FleetProcess.start(data, log, env, all);
    assertThat(p.waitFor(6, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static List<String> rows(Connection c, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private Path origin(String sample) throws Exception {
    return GitFixtures.sampleOrigin(tmp.resolve("origins"), sample, sample);
  }

  @Test
  void wrongPasswordIsAnEnvironmentErrorThatDoesNotPrintIt() throws Exception {
    Path log = tmp.resolve("bad.log");
    Process p = FleetProcess.start(tmp.resolve("data"), log,
        Map.of("FLEET_DB_USER", PostgresServer.USER, "FLEET_DB_PASSWORD", "not-the-password-42"),
        List.of("--db-url", pg.url(), "inventory", "list"));
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(out).contains("cannot use the database " + pg.url()).doesNotContain("not-the-password-42");
  }

  @Test
  void campaignLockIsExclusiveOnPostgres() {
    PGSimpleDataSource ds = migrated("locks");
    CampaignLock one = new CampaignLock(ds);
    CampaignLock two = new CampaignLock(ds);
    var held = one.tryAcquire("c");
    assertThat(held).isPresent();
    assertThat(two.tryAcquire("c")).as("a second holder is refused").isEmpty();
    assertThat(two.tryAcquire("other")).as("another campaign is free").isPresent();
    held.get().close();
    assertThat(two.tryAcquire("c")).as("free again once released").isPresent();
  }

  @Test
  void tenThousandRepositoriesImportAndSelectInSeconds() throws Exception {
    PGSimpleDataSource ds = migrated("inventory");
    InventoryStore inventory = new InventoryStore(ds);
    List<RepoRef> repos = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      repos.add(new RepoRef("org/repo-" + i, "https://git.example.com/org/repo-" + i + ".git", "main", "team-" + (i % 50),
          i % 3 == 0 ? List.of("java", "spring") : List.of("java"), "inventory.csv"));
    }
    long start = System.nanoTime();
    inventory.upsert(repos);
    long imported = System.nanoTime();
    List<RepoRef> all = inventory.list();
    long listed = System.nanoTime();
    assertThat(all).hasSize(10_000);
    assertThat((imported - start) / 1_000_000).as("import ms").isLessThan(20_000);
    assertThat((listed - imported) / 1_000_000).as("list ms").isLessThan(5_000);
    System.out.printf("10,000 repositories on PostgreSQL: import %d ms, list %d ms%n",
        (imported - start) / 1_000_000, (listed - imported) / 1_000_000);
  }

  @Test
  void aCampaignsRowsGoWithItsCampaignRowOnPostgres() throws Exception {
    PGSimpleDataSource ds = migrated("cascade");
    CampaignRows rows = new CampaignRows(ds);
    rows.fill("gone");
    rows.fill("kept");

    CampaignStore.of(ds).runs().deleteCampaign("gone");

    assertThat(rows.count("gone")).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
    assertThat(rows.count("kept")).allSatisfy((table, n) -> assertThat(n).as(table).isGreaterThan(0));
  }

  @Test
  void aStoreOfThePreviousReleaseOnPostgresIsBaselinedPerModuleWithItsDataIntact() throws Exception {
    PGSimpleDataSource ds = created("previous");
    FleetSchemaTest.previousRelease(ds, null, "postgresql");
    FleetSchemaTest.fill(ds);

    FleetSchema.migrate(ds);

    assertThat(FleetSchemaTest.history(ds, FleetSchema.INVENTORY)).containsExactly("2 BASELINE true");
    assertThat(FleetSchemaTest.history(ds, FleetSchema.CORE)).containsExactly("11 BASELINE true", "12 JDBC true", "13 SQL true");
    CampaignStore campaigns = CampaignStore.of(ds);
    long run = campaigns.runs().latestRun("junit5").orElseThrow().id();
    assertThat(campaigns.outcomes().outcomes(run)).hasSize(1);
    assertThat(new InventoryStore(ds).entries()).hasSize(1);
    campaigns.runs().deleteCampaign("junit5");
    assertThat(new FixMemoryStore(ds).list("junit5")).isEmpty();
  }

  /** A fresh, empty schema, the data source's current one. */
  private PGSimpleDataSource created(String schema) {
    PGSimpleDataSource ds = dataSource();
    try (Connection c = ds.getConnection()) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    ds.setCurrentSchema(schema);
    return ds;
  }

  /** A fresh schema per test (the data source's current schema), migrated as the application does. */
  private PGSimpleDataSource migrated(String schema) {
    PGSimpleDataSource ds = created(schema);
    FleetSchema.migrate(ds);
    return ds;
  }
}
