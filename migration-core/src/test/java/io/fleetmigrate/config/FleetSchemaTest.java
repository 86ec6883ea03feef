package io.fleetmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.fix.DiagnosticSignature;
import io.fleetmigrate.fix.Edit;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.FixMemoryStore;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.PullRequestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A data directory made by the previous release (one Flyway history, versions interleaved across the
 * modules, up to V14) opens with this one: each module's history starts with a baseline at the
 * version its old migrations map to, the migrations since apply, and the data is intact. The old
 * release's scripts are kept, as they were at 8a92295, in {@code src/test/resources/db/release-2026-12} ({@code common}, and {@code h2} / {@code postgresql} for Spring Batch's V3).
 */
public class FleetSchemaTest {
  static final String OLD_SCRIPTS = "classpath:db/release-2026-12";
  static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void aDataDirectoryOfThePreviousReleaseOpensWithItsDataAndGetsTheMigrationsSince() {
    SharedStore store = SharedStore.embedded(new FleetHome(dir));
    DataSource old = new SimpleDriverDataSource(new org.h2.Driver(), store.url(), "sa", "");
    previousRelease(old, null);
    fill(old);

    try (StoreOnly opened = StoreOnly.open(store)) {
      DataSource ds = opened.dataSource();
      assertThat(history(ds, FleetSchema.INVENTORY)).containsExactly("2 BASELINE true");
      assertThat(history(ds, FleetSchema.CORE)).containsExactly("11 BASELINE true", "12 JDBC true", "13 SQL true");
      assertThat(FleetSchema.current(ds)).isTrue();

      assertThat(new InventoryStore(ds).entries()).extracting(e -> e.repo().name()).containsExactly("team/billing");
      CampaignStore campaigns = CampaignStore.of(ds);
      long run = campaigns.runs().latestRun("junit5").orElseThrow().id();
      assertThat(campaigns.runs().snapshot(run)).extracting(e -> e.repository()).containsExactly("team/billing");
      assertThat(campaigns.outcomes().outcomes(run)).extracting(RepoOutcome::status).containsExactly(OutcomeStatus.PR_OPENED);
      assertThat(campaigns.pullRequests().find("junit5", "team/billing").orElseThrow().state()).isEqualTo(PullRequestStatus.OPEN);
      assertThat(new FixMemoryStore(ds).list("junit5")).hasSize(1);

      // The migration since (the campaign owns its rows) applies to the old data as well.
      campaigns.runs().deleteCampaign("junit5");
      assertThat(JdbcClient.create(ds).sql("SELECT COUNT(*) FROM fix_memory").query(Integer.class).single()).isZero();
      assertThat(JdbcClient.create(ds).sql("SELECT COUNT(*) FROM repo_outcome").query(Integer.class).single()).isZero();
    }
    try (StoreOnly again = StoreOnly.open(store)) {
      assertThat(history(again.dataSource(), FleetSchema.CORE)).as("opened again: nothing to baseline or apply")
          .containsExactly("11 BASELINE true", "12 JDBC true", "13 SQL true");
    }
  }

  @Test
  void aStoreOfAnOlderReleaseIsBaselinedWhereItStoodAndMigratesTheRest() {
    DataSource old = memory();
    previousRelease(old, "9"); // inventory V1, V7; core V2..V9

    FleetSchema.migrate(old);

    assertThat(history(old, FleetSchema.INVENTORY)).containsExactly("2 BASELINE true");
    assertThat(history(old, FleetSchema.CORE))
        .containsExactly("7 BASELINE true", "8 SQL true", "9 SQL true", "10 SQL true", "11 SQL true", "12 JDBC true", "13 SQL true");
    assertThat(FleetSchema.current(old)).isTrue();
  }

  @Test
  void aNewStoreGetsEveryModuleFromItsFirstMigration() {
    DataSource fresh = memory();

    FleetSchema.migrate(fresh);

    assertThat(history(fresh, FleetSchema.INVENTORY)).containsExactly("1 SQL true", "2 SQL true");
    // The core may start with a baseline at 0 (the inventory's tables make the schema non-empty): it holds no version.
    List<String> core = new java.util.ArrayList<>(history(fresh, FleetSchema.CORE));
    core.remove("0 BASELINE true");
    assertThat(core).hasSize(13).startsWith("1 SQL true", "2 SQL true").endsWith("12 JDBC true", "13 SQL true");
    assertThat(FleetSchema.current(fresh)).isTrue();
  }

  @Test
  void anOldHistoryWithAVersionNoReleaseHadIsRefusedWithWhatToDo() {
    DataSource old = memory();
    previousRelease(old, null);
    JdbcClient.create(old).sql("""
        INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "installed_by",
                                             "execution_time", "success")
        VALUES (100, '15', 'build', 'SQL', 'V15__build.sql', 'sa', 1, TRUE)""").update();

    assertThatThrownBy(() -> FleetSchema.migrate(old)).isInstanceOf(IllegalStateException.class)
        .hasMessage("the store's old schema history (flyway_schema_history) has V15, which no release of Fleet had: it was made by a"
            + " development build; migrate it with that build or start a new store");
  }

  @Test
  void eachReleasedVersionMapsToOneModuleVersionAndEachModuleVersionToOneReleasedVersion() {
    assertThat(FleetSchema.releasedUpTo(14, FleetSchema.CORE)).isEqualTo(11);
    assertThat(FleetSchema.releasedUpTo(14, FleetSchema.INVENTORY)).isEqualTo(2);
    assertThat(FleetSchema.releasedUpTo(6, FleetSchema.INVENTORY)).isEqualTo(1);
    assertThat(FleetSchema.releasedUpTo(1, FleetSchema.CORE)).isZero();
    for (FleetSchema.Module module : FleetSchema.MODULES) {
      List<Integer> mapped = FleetSchema.RELEASED.values().stream().filter(r -> r.module().equals(module))
          .map(FleetSchema.Renumbered::version).toList();
      assertThat(mapped).as(module.name() + ": 1, 2, 3 ... in the old order").isSorted().doesNotHaveDuplicates().startsWith(1);
      assertThat(mapped.get(mapped.size() - 1)).isEqualTo(mapped.size());
    }
  }

  /** The schema as the previous release's Flyway left it: its scripts, its one history table, up to {@code target} (or all). */
  static void previousRelease(DataSource ds, String target) {
    previousRelease(ds, target, "h2");
  }

  /** The same on {@code vendor} ({@code h2}, {@code postgresql}): Spring Batch's tables differ. */
  public static void previousRelease(DataSource ds, String target, String vendor) {
    var config = Flyway.configure().dataSource(ds).locations(OLD_SCRIPTS + "/common", OLD_SCRIPTS + "/" + vendor);
    if (target != null) {
      config.target(target);
    }
    config.load().migrate();
    assertThat(JdbcClient.create(ds).sql("SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\"").query(Integer.class)
        .single()).isEqualTo(target == null ? 14 : Integer.parseInt(target));
  }

  /** Rows as the previous release wrote them: an inventory, a campaign with a run, an outcome, a pull request, a remembered fix. */
  public static void fill(DataSource ds) {
    new InventoryStore(ds).upsert(List.of(new RepoRef("team/billing", "/srv/billing.git", "main", "team", List.of(), "fleet.csv")));
    CampaignStore campaigns = CampaignStore.of(ds);
    campaigns.runs().saveCampaign("junit5", "", null, "name: junit5\n");
    long run = campaigns.runs().createRun("junit5", "name: junit5\n", "", false, 1, "all");
    campaigns.runs().snapshot(run, List.of(new RepoRef("team/billing", "/srv/billing.git", "main", "team", List.of(), "fleet.csv")), 1);
    campaigns.outcomes().saveOutcome(run, new RepoOutcome("team/billing", OutcomeStatus.PR_OPENED, "opened", RepoOutcome.Stage.DONE,
        2, "a", "b", 1, null, null, Duration.ofSeconds(4)));
    campaigns.pullRequests().save(new PullRequestStore.PullRequestRecord("junit5", "team/billing", "local", 1, null, "fleet/junit5",
        "main", "JUnit 5", "body", PullRequestStatus.OPEN, "b", null, AT, AT));
    new FixMemoryStore(ds).forCampaign("junit5").remember(
        new DiagnosticSignature("compile", List.of("COMPILE x"), List.of("A.java")), "team/billing", List.of(new Edit("A.java", "x", "y")));
  }

  /** A module's history: "version type success" per migration or baseline, in order (not Flyway's note of the table's creation). */
  public static List<String> history(DataSource ds, FleetSchema.Module module) {
    return JdbcClient.create(ds)
        .sql("SELECT \"version\", \"type\", \"success\" FROM \"" + module.table() + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")
        .query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3))
        .list();
  }

  private static DataSource memory() {
    return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:old-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }
}
