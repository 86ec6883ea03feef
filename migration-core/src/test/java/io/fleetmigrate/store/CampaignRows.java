package io.fleetmigrate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.fix.DiagnosticSignature;
import io.fleetmigrate.fix.Edit;
import io.fleetmigrate.rollout.RolloutStore;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A campaign's rows in every table it owns (H2 or PostgreSQL), and how many of them there are. */
final class CampaignRows {
  private final DataSource ds;
  private final OffsetDateTime at = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

  CampaignRows(DataSource ds) {
    this.ds = ds;
  }

  /** Writes a row of {@code campaign} into every table it owns, through the stores. */
  void fill(String campaign) {
    CampaignStore store = CampaignStore.of(ds);
    store.runs().saveCampaign(campaign, "", null, "name: " + campaign + "\n");
    long run = store.runs().createRun(campaign, "name: " + campaign + "\n", "", false, 1, "all");
    store.runs().snapshot(run, List.of(CampaignStoreTest.repo("a")), 1);
    store.outcomes().saveOutcome(run, CampaignStoreTest.outcome("a", OutcomeStatus.PR_OPENED));
    store.outcomes().saveAttempt(run, new OutcomeStore.Attempt("a", "baseline", "mvn verify", 0, false, "ok", null, Duration.ofSeconds(1)));
    store.outcomes().saveFixAttempt(run, new OutcomeStore.FixAttemptRecord("a", 1, "GREEN", "", "", "[]", "", "", null, null, 1, 2, Duration.ZERO));
    PullRequestStore.PullRequestRecord pr = CampaignStoreTest.pr("a", PullRequestStatus.OPEN, at);
    store.pullRequests().save(new PullRequestStore.PullRequestRecord(campaign, pr.repository(), pr.host(), pr.number(), pr.url(),
        pr.branch(), pr.baseBranch(), pr.title(), pr.body(), pr.state(), pr.headCommit(), pr.pendingCommit(), pr.createdAt(), pr.updatedAt()));
    store.pullRequests().saveRefresh(campaign, "a", 1, new PullRequestStore.PullRequestSnapshot(PullRequestStatus.MERGED, false, null, null, at));
    store.pullRequests().nudged(campaign, "a", at);
    RolloutStore rollouts = new RolloutStore(ds);
    rollouts.stateOrStart(campaign, at);
    rollouts.hold(run, Map.of("b", "wave 2"));
    new FixMemoryStore(ds).forCampaign(campaign).remember(
        new DiagnosticSignature("compile", List.of("COMPILE x"), List.of("A.java")), "a", List.of(new Edit("A.java", "x", "y")));
    WorkerRegistry workers = new WorkerRegistry(ds);
    String worker = WorkerRegistry.newWorkerId();
    workers.register(worker, 1);
    workers.claim(run * 1000, run, 0, worker);
    // The lock of a run in progress (a process that died while holding it: released by hand).
    new CampaignLock(ds).tryAcquire(campaign).orElseThrow();
  }

  /**
   * Rows per campaign-owned table (one with a {@code campaign} or {@code run_id} column): of {@code
   * campaign}, or of every campaign when null. A run's rows whose run is gone count as the campaign's.
   */
  Map<String, Integer> count(@Nullable String campaign) throws Exception {
    JdbcClient jdbc = JdbcClient.create(ds);
    Map<String, Integer> rows = new TreeMap<>();
    for (String[] owned : campaignOwnedTables()) {
      String table = owned[0];
      String where = campaign == null ? ""
          : owned[1].equals("campaign") ? " WHERE campaign = :c"
          : owned[1].equals("name") ? " WHERE name = :c"
          : " WHERE run_id IN (SELECT id FROM campaign_run WHERE campaign = :c)"
              + " OR run_id NOT IN (SELECT id FROM campaign_run)"; // a run's rows that outlived the run
      var sql = jdbc.sql("SELECT COUNT(*) FROM " + table + where);
      rows.put(table, (campaign == null ? sql : sql.param("c", campaign)).query(Integer.class).single());
    }
    return rows;
  }

  /** Table and owning column of every table with a {@code campaign}, {@code run_id} (or, for campaign itself, {@code name}) column. */
  private List<String[]> campaignOwnedTables() throws Exception {
    List<String[]> tables = new ArrayList<>();
    tables.add(new String[] {"campaign", "name"});
    try (Connection c = ds.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getColumns(null, c.getSchema(), "%", "%")) {
        while (rs.next()) {
          String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
          String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
          if ((column.equals("campaign") || column.equals("run_id")) && !table.startsWith("flyway")) {
            tables.add(new String[] {table, column});
          }
        }
      }
    }
    assertThat(tables).extracting(t -> t[0]).as("the schema is read").contains("repo_outcome", "pull_request");
    return tables;
  }

}
