package io.fleetmigrate.store;

import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.inventory.RepoRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A campaign and its runs: the spec, each run's frozen spec, recipes and model, and its frozen snapshot of the inventory. */
@Repository
public class RunStore {
  private final JdbcClient jdbc;

  public RunStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public void saveCampaign(String name, String description, @Nullable String specPath, String specYaml) {
    Map<String, @Nullable Object> row = new HashMap<>();
    row.put("n", name);
    row.put("d", description);
    row.put("p", specPath);
    row.put("y", specYaml);
    row.put("now", Rows.now());
    int updated =
        jdbc.sql("UPDATE campaign SET description = :d, spec_path = :p, spec_yaml = :y, updated_at = :now WHERE name = :n")
            .params(row)
            .update();
    if (updated == 0) {
      try {
        jdbc.sql(
                """
                INSERT INTO campaign (name, description, spec_path, spec_yaml, created_at, updated_at)
                VALUES (:n, :d, :p, :y, :now, :now)""")
            .params(row)
            .update();
      } catch (org.springframework.dao.DuplicateKeyException e) {
        // Another process (a slice of the same campaign) inserted it first: update it as above.
        saveCampaign(name, description, specPath, specYaml);
      }
    }
  }

  public boolean campaignExists(String name) {
    return jdbc.sql("SELECT COUNT(*) FROM campaign WHERE name = :n").param("n", name).query(Integer.class).single() > 0;
  }

  public List<String> campaignNames() {
    return jdbc.sql("SELECT name FROM campaign ORDER BY name").query(String.class).list();
  }

  /** A run of a campaign. */
  public record Run(
      long id,
      String campaign,
      String specYaml,
      String recipeYaml,
      boolean dryRun,
      int concurrency,
      String selection,
      @Nullable Long jobExecutionId,
      RunStatus status,
      OffsetDateTime startedAt,
      @Nullable OffsetDateTime endedAt) {}

  /**
   * @param recipeYaml the campaign's own YAML recipes (from files next to the spec), empty when none
   */
  public long createRun(String campaign, String specYaml, String recipeYaml, boolean dryRun, int concurrency, String selection) {
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO campaign_run (campaign, spec_yaml, recipe_yaml, dry_run, concurrency, selection, status, started_at)
            VALUES (:c, :y, :r, :d, :k, :s, :status, :now)""")
        .param("c", campaign)
        .param("y", specYaml)
        .param("r", recipeYaml)
        .param("d", dryRun)
        .param("k", concurrency)
        .param("s", selection)
        .param("status", RunStatus.STARTING.name())
        .param("now", Rows.now())
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  /** Freezes the model the environment chose with the run (never a key). */
  public void freezeModel(long runId, ModelProviders.Choice choice) {
    jdbc.sql("UPDATE campaign_run SET model_provider = :p, model_name = :m, model_base_url = :u WHERE id = :id")
        .param("p", choice.provider())
        .param("m", choice.model())
        .param("u", choice.baseUrl())
        .param("id", runId)
        .update();
  }

  /** The model frozen with the run, or empty for a run from before models were frozen. */
  public Optional<ModelProviders.Choice> frozenModel(long runId) {
    return jdbc.sql("SELECT model_provider, model_name, model_base_url FROM campaign_run WHERE id = :id AND model_provider IS NOT NULL")
        .param("id", runId)
        .query((rs, row) -> new ModelProviders.Choice(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  public void attachJobExecution(long runId, long jobExecutionId) {
    jdbc.sql("UPDATE campaign_run SET job_execution_id = :j, status = :s WHERE id = :id")
        .param("s", RunStatus.RUNNING.name())
        .param("j", jobExecutionId)
        .param("id", runId)
        .update();
  }

  public void finishRun(long runId, RunStatus status) {
    jdbc.sql("UPDATE campaign_run SET status = :s, ended_at = :now WHERE id = :id")
        .param("s", status.name())
        .param("now", Rows.now())
        .param("id", runId)
        .update();
  }

  public Optional<Run> run(long runId) {
    return jdbc.sql("SELECT * FROM campaign_run WHERE id = :id").param("id", runId).query(RunStore::mapRun).optional();
  }

  public Optional<Run> latestRun(String campaign) {
    return jdbc.sql("SELECT * FROM campaign_run WHERE campaign = :c ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
        .param("c", campaign)
        .query(RunStore::mapRun)
        .optional();
  }

  private static Run mapRun(ResultSet rs, int row) throws SQLException {
    return new Run(
        rs.getLong("id"),
        rs.getString("campaign"),
        rs.getString("spec_yaml"),
        Objects.requireNonNullElse(rs.getString("recipe_yaml"), ""),
        rs.getBoolean("dry_run"),
        rs.getInt("concurrency"),
        rs.getString("selection"),
        Rows.nullableLong(rs, "job_execution_id"),
        RunStatus.valueOf(rs.getString("status")),
        rs.getObject("started_at", OffsetDateTime.class),
        rs.getObject("ended_at", OffsetDateTime.class));
  }

  /** The spec a campaign was last run with, as YAML. */
  public Optional<String> specYaml(String campaign) {
    return jdbc.sql("SELECT spec_yaml FROM campaign WHERE name = :c").param("c", campaign).query(String.class).optional();
  }

  // ---------------------------------------------------------------- the frozen snapshot

  /** One repository of a run's snapshot. */
  public record SnapshotEntry(String repository, String cloneUrl, @Nullable String branch, @Nullable String owner, int shard, int position) {
    public RepoRef toRepoRef() {
      return new RepoRef(repository, cloneUrl, branch, owner, List.of(), "snapshot");
    }
  }

  /** Freezes {@code repos} for {@code runId}, dealt round-robin into {@code shards} shards. */
  public void snapshot(long runId, List<RepoRef> repos, int shards) {
    for (int i = 0; i < repos.size(); i++) {
      RepoRef repo = repos.get(i);
      jdbc.sql(
              """
              INSERT INTO run_repository (run_id, repository, clone_url, branch, owner, shard, position)
              VALUES (:r, :n, :u, :b, :o, :s, :p)""")
          .param("r", runId)
          .param("n", repo.name())
          .param("u", repo.cloneUrl())
          .param("b", repo.defaultBranch())
          .param("o", repo.owner())
          .param("s", i % shards)
          .param("p", i)
          .update();
    }
  }

  public List<Integer> shards(long runId) {
    return jdbc.sql("SELECT DISTINCT shard FROM run_repository WHERE run_id = :r ORDER BY shard")
        .param("r", runId)
        .query(Integer.class)
        .list();
  }

  public List<SnapshotEntry> shard(long runId, int shard) {
    return jdbc.sql("SELECT * FROM run_repository WHERE run_id = :r AND shard = :s ORDER BY position")
        .param("r", runId)
        .param("s", shard)
        .query(RunStore::mapEntry)
        .list();
  }

  public List<SnapshotEntry> snapshot(long runId) {
    return jdbc.sql("SELECT * FROM run_repository WHERE run_id = :r ORDER BY position")
        .param("r", runId)
        .query(RunStore::mapEntry)
        .list();
  }

  private static SnapshotEntry mapEntry(ResultSet rs, int row) throws SQLException {
    return new SnapshotEntry(
        rs.getString("repository"),
        rs.getString("clone_url"),
        rs.getString("branch"),
        rs.getString("owner"),
        rs.getInt("shard"),
        rs.getInt("position"));
  }

  /**
   * Removes every trace of a campaign (used by the demo to start clean): its rows go with its
   * {@code campaign} row ({@code ON DELETE CASCADE}, the core module's {@code V12__campaign_owns_its_rows}). The lock
   * is not the campaign's (it is taken under its name before the campaign row exists), so it is
   * released here by name.
   */
  public void deleteCampaign(String campaign) {
    jdbc.sql("DELETE FROM campaign_lock WHERE campaign = :c").param("c", campaign).update();
    jdbc.sql("DELETE FROM campaign WHERE name = :c").param("c", campaign).update();
  }
}
