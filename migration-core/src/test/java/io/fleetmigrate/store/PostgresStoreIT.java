package io.fleetmigrate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.cli.ExitCode;
import io.fleetmigrate.demo.DemoFleet;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.inventory.RepoSelection;
import io.fleetmigrate.testing.FleetProcess;
import io.fleetmigrate.testing.PostgresServer;
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
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The shared store on a real PostgreSQL server: the same Flyway migrations as on H2 (plus Spring
 * Batch's PostgreSQL tables), the campaign lock, the inventory at fleet scale, and the demo
 * campaign end to end through the CLI with {@code --db-url} and credentials from the environment.
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
  void demoCampaignRunsOnPostgresThroughTheCli() throws Exception {
    Path data = tmp.resolve("data");
    Path log = tmp.resolve("demo.log");
    Process demo = FleetProcess.start(data, log, FleetProcess.postgres(pg), List.of("--db-url", pg.url(), "demo"));
    assertThat(demo.waitFor(8, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(log);
    assertThat(demo.exitValue()).as(out).isEqualTo(ExitCode.OK.code());
    assertThat(out).doesNotContain(PostgresServer.PASSWORD);
    assertThat(Files.exists(data.resolve("fleet.mv.db"))).as("no embedded database was used").isFalse();

    Map<String, String> expected = new TreeMap<>();
    DemoFleet.SAMPLES.forEach(s -> expected.put(s.name(), s.expected()));
    Map<String, String> actual = new TreeMap<>();
    try (Connection c = dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT repository, status FROM repo_outcome")) {
      while (rs.next()) {
        actual.put(rs.getString(1), rs.getString(2));
      }
      ResultSet job = c.createStatement().executeQuery("SELECT status FROM batch_job_execution");
      assertThat(job.next()).isTrue();
      assertThat(job.getString(1)).isEqualTo("COMPLETED");
      ResultSet lock = c.createStatement().executeQuery("SELECT COUNT(*) FROM campaign_lock");
      lock.next();
      assertThat(lock.getInt(1)).as("the lock is released").isZero();
    }
    assertThat(actual).isEqualTo(expected);

    // A second process reads the same store: status works from anywhere that can reach the server.
    Path statusLog = tmp.resolve("status.log");
    Process status = FleetProcess.start(tmp.resolve("elsewhere"), statusLog, FleetProcess.postgres(pg),
        List.of("--db-url", pg.url(), "campaign", "status", DemoFleet.CAMPAIGN));
    assertThat(status.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(Files.readString(statusLog)).contains("billing-service", "PR_OPENED", "search-indexer", "NEEDS_HUMAN");
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

  /** A fresh schema per test, migrated by the same Flyway locations as the application. */
  private PGSimpleDataSource migrated(String schema) {
    PGSimpleDataSource ds = dataSource();
    try (Connection c = ds.getConnection()) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    ds.setCurrentSchema(schema);
    Flyway.configure().dataSource(ds).schemas(schema)
        .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
    return ds;
  }
}
