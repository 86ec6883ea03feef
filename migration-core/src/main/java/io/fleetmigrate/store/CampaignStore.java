package io.fleetmigrate.store;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.inventory.RepoRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Campaigns, runs, snapshots, outcomes, attempts and pull requests. */
@Repository
public class CampaignStore {
  private final JdbcClient jdbc;

  public CampaignStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  // ---------------------------------------------------------------- campaigns and runs

  public void saveCampaign(String name, String description, @Nullable String specPath, String specYaml) {
    int updated =
        jdbc.sql(
                "UPDATE campaign SET description = :d, spec_path = :p, spec_yaml = :y, updated_at = :now WHERE name = :n")
            .param("n", name)
            .param("d", description)
            .param("p", specPath)
            .param("y", specYaml)
            .param("now", now())
            .update();
    if (updated == 0) {
      try {
        jdbc.sql(
                """
                INSERT INTO campaign (name, description, spec_path, spec_yaml, created_at, updated_at)
                VALUES (:n, :d, :p, :y, :now, :now)""")
            .param("n", name)
            .param("d", description)
            .param("p", specPath)
            .param("y", specYaml)
            .param("now", now())
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
      String status,
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
            VALUES (:c, :y, :r, :d, :k, :s, 'STARTING', :now)""")
        .param("c", campaign)
        .param("y", specYaml)
        .param("r", recipeYaml)
        .param("d", dryRun)
        .param("k", concurrency)
        .param("s", selection)
        .param("now", now())
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  /** Freezes the model the environment chose with the run (never a key). */
  public void freezeModel(long runId, io.fleetmigrate.fix.ModelProviders.Choice choice) {
    jdbc.sql("UPDATE campaign_run SET model_provider = :p, model_name = :m, model_base_url = :u WHERE id = :id")
        .param("p", choice.provider())
        .param("m", choice.model())
        .param("u", choice.baseUrl())
        .param("id", runId)
        .update();
  }

  /** The model frozen with the run, or empty for a run from before models were frozen. */
  public Optional<io.fleetmigrate.fix.ModelProviders.Choice> frozenModel(long runId) {
    return jdbc.sql("SELECT model_provider, model_name, model_base_url FROM campaign_run WHERE id = :id AND model_provider IS NOT NULL")
        .param("id", runId)
        .query((rs, row) -> new io.fleetmigrate.fix.ModelProviders.Choice(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  public void attachJobExecution(long runId, long jobExecutionId) {
    jdbc.sql("UPDATE campaign_run SET job_execution_id = :j, status = 'RUNNING' WHERE id = :id")
        .param("j", jobExecutionId)
        .param("id", runId)
        .update();
  }

  public void finishRun(long runId, String status) {
    jdbc.sql("UPDATE campaign_run SET status = :s, ended_at = :now WHERE id = :id")
        .param("s", status)
        .param("now", now())
        .param("id", runId)
        .update();
  }

  public Optional<Run> run(long runId) {
    return jdbc.sql("SELECT * FROM campaign_run WHERE id = :id").param("id", runId).query(CampaignStore::mapRun).optional();
  }

  public Optional<Run> latestRun(String campaign) {
    return jdbc.sql("SELECT * FROM campaign_run WHERE campaign = :c ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
        .param("c", campaign)
        .query(CampaignStore::mapRun)
        .optional();
  }

  private static Run mapRun(ResultSet rs, int row) throws SQLException {
    long job = rs.getLong("job_execution_id");
    return new Run(
        rs.getLong("id"),
        rs.getString("campaign"),
        rs.getString("spec_yaml"),
        Objects.requireNonNullElse(rs.getString("recipe_yaml"), ""),
        rs.getBoolean("dry_run"),
        rs.getInt("concurrency"),
        rs.getString("selection"),
        rs.wasNull() ? null : job,
        rs.getString("status"),
        rs.getObject("started_at", OffsetDateTime.class),
        rs.getObject("ended_at", OffsetDateTime.class));
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
        .query(CampaignStore::mapEntry)
        .list();
  }

  public List<SnapshotEntry> snapshot(long runId) {
    return jdbc.sql("SELECT * FROM run_repository WHERE run_id = :r ORDER BY position")
        .param("r", runId)
        .query(CampaignStore::mapEntry)
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

  // ---------------------------------------------------------------- outcomes and attempts

  /** Records the outcome; a redone repository (after a restart) replaces its earlier row. */
  public void saveOutcome(long runId, RepoOutcome o) {
    jdbc.sql("DELETE FROM repo_outcome WHERE run_id = :r AND repository = :n")
        .param("r", runId)
        .param("n", o.repository())
        .update();
    jdbc.sql(
            """
            INSERT INTO repo_outcome (run_id, repository, status, reason, stage, files_changed, base_commit,
                                      head_commit, pr_number, diff_path, log_dir, duration_ms, finished_at)
            VALUES (:r, :n, :s, :reason, :stage, :f, :base, :head, :pr, :diff, :log, :ms, :now)""")
        .param("r", runId)
        .param("n", o.repository())
        .param("s", o.status().name())
        .param("reason", o.reason())
        .param("stage", o.stage().name())
        .param("f", o.filesChanged())
        .param("base", o.baseCommit())
        .param("head", o.headCommit())
        .param("pr", o.prNumber())
        .param("diff", o.diffPath())
        .param("log", o.logDir())
        .param("ms", o.duration().toMillis())
        .param("now", now())
        .update();
  }

  public List<RepoOutcome> outcomes(long runId) {
    return jdbc.sql("SELECT * FROM repo_outcome WHERE run_id = :r ORDER BY repository")
        .param("r", runId)
        .query(CampaignStore::mapOutcome)
        .list();
  }

  /** Each repository's most recent outcome in any run of {@code campaign}. */
  public Map<String, RepoOutcome> latestOutcomes(String campaign) {
    List<RepoOutcome> rows =
        jdbc.sql(
                """
                SELECT o.* FROM repo_outcome o
                  JOIN campaign_run r ON r.id = o.run_id
                 WHERE r.campaign = :c
                   AND o.run_id = (SELECT MAX(o2.run_id) FROM repo_outcome o2
                                     JOIN campaign_run r2 ON r2.id = o2.run_id
                                    WHERE r2.campaign = :c AND o2.repository = o.repository)""")
            .param("c", campaign)
            .query(CampaignStore::mapOutcome)
            .list();
    return rows.stream().collect(Collectors.toMap(RepoOutcome::repository, Function.identity()));
  }

  /** An outcome of an earlier run. */
  public record PastOutcome(long runId, RepoOutcome outcome) {}

  /** The latest outcome of {@code repository} in {@code campaign} from a run other than {@code runId}. */
  public Optional<PastOutcome> latestOutcomeBefore(String campaign, String repository, long runId) {
    return jdbc.sql(
            """
            SELECT o.* FROM repo_outcome o JOIN campaign_run r ON r.id = o.run_id
             WHERE r.campaign = :c AND o.repository = :n AND o.run_id <> :run
             ORDER BY o.run_id DESC FETCH FIRST 1 ROWS ONLY""")
        .param("c", campaign)
        .param("n", repository)
        .param("run", runId)
        .query((rs, i) -> new PastOutcome(rs.getLong("run_id"), mapOutcome(rs, i)))
        .optional();
  }

  private static RepoOutcome mapOutcome(ResultSet rs, int row) throws SQLException {
    int pr = rs.getInt("pr_number");
    Integer prNumber = rs.wasNull() ? null : pr;
    return new RepoOutcome(
        rs.getString("repository"),
        OutcomeStatus.valueOf(rs.getString("status")),
        rs.getString("reason"),
        RepoOutcome.Stage.valueOf(rs.getString("stage")),
        rs.getInt("files_changed"),
        rs.getString("base_commit"),
        rs.getString("head_commit"),
        prNumber,
        rs.getString("diff_path"),
        rs.getString("log_dir"),
        Duration.ofMillis(rs.getLong("duration_ms")));
  }

  /** One command run for a repository (baseline, verify). */
  public record Attempt(
      String repository,
      String stage,
      String command,
      @Nullable Integer exitCode,
      boolean timedOut,
      String summary,
      @Nullable String logPath,
      Duration duration,
      @Nullable Integer testsExecuted,
      String diagnostics,
      String isolation) {
    public Attempt(
        String repository, String stage, String command, @Nullable Integer exitCode, boolean timedOut, String summary,
        @Nullable String logPath, Duration duration, @Nullable Integer testsExecuted, String diagnostics) {
      this(repository, stage, command, exitCode, timedOut, summary, logPath, duration, testsExecuted, diagnostics, "");
    }

    public Attempt(
        String repository, String stage, String command, @Nullable Integer exitCode, boolean timedOut, String summary,
        @Nullable String logPath, Duration duration) {
      this(repository, stage, command, exitCode, timedOut, summary, logPath, duration, null, "", "");
    }
  }

  public void saveAttempt(long runId, Attempt a) {
    jdbc.sql(
            """
            INSERT INTO repo_attempt (run_id, repository, stage, command, exit_code, timed_out, summary,
                                      log_path, duration_ms, tests_executed, diagnostics, isolation, finished_at)
            VALUES (:r, :n, :s, :c, :e, :t, :sum, :log, :ms, :tests, :diag, :iso, :now)""")
        .param("r", runId)
        .param("n", a.repository())
        .param("s", a.stage())
        .param("c", a.command())
        .param("e", a.exitCode())
        .param("t", a.timedOut())
        .param("sum", a.summary())
        .param("log", a.logPath())
        .param("ms", a.duration().toMillis())
        .param("tests", a.testsExecuted())
        .param("diag", a.diagnostics())
        .param("iso", a.isolation().length() > 400 ? a.isolation().substring(0, 399) + "…" : a.isolation())
        .param("now", now())
        .update();
  }

  public List<Attempt> attempts(long runId, String repository) {
    return jdbc.sql("SELECT * FROM repo_attempt WHERE run_id = :r AND repository = :n ORDER BY id")
        .param("r", runId)
        .param("n", repository)
        .query(
            (rs, i) -> {
              int exit = rs.getInt("exit_code");
              Integer exitCode = rs.wasNull() ? null : exit;
              int tests = rs.getInt("tests_executed");
              Integer testsExecuted = rs.wasNull() ? null : tests;
              String diagnostics = rs.getString("diagnostics");
              String isolation = rs.getString("isolation");
              return new Attempt(
                  rs.getString("repository"),
                  rs.getString("stage"),
                  rs.getString("command"),
                  exitCode,
                  rs.getBoolean("timed_out"),
                  rs.getString("summary"),
                  rs.getString("log_path"),
                  Duration.ofMillis(rs.getLong("duration_ms")),
                  testsExecuted,
                  diagnostics == null ? "" : diagnostics,
                  isolation == null ? "" : isolation);
            })
        .list();
  }

  // ---------------------------------------------------------------- fix attempts

  /**
   * One model attempt as stored: the texts are already rendered (diagnostics, edits as JSON,
   * rejected edits and guardrail verdicts one per line) so that reports need no model types.
   */
  public record FixAttemptRecord(
      String repository,
      int attempt,
      String result,
      String diagnostics,
      String explanation,
      String edits,
      String rejectedEdits,
      String guardrails,
      @Nullable String verifySummary,
      @Nullable Integer testsExecuted,
      long inputTokens,
      long outputTokens,
      Duration duration) {}

  public void saveFixAttempt(long runId, FixAttemptRecord a) {
    jdbc.sql(
            """
            INSERT INTO fix_attempt (run_id, repository, attempt, result, diagnostics, explanation, edits, rejected_edits,
                                     guardrails, verify_summary, tests_executed, input_tokens, output_tokens, duration_ms, finished_at)
            VALUES (:r, :n, :a, :res, :diag, :expl, :edits, :rej, :guard, :sum, :tests, :in, :out, :ms, :now)""")
        .param("r", runId)
        .param("n", a.repository())
        .param("a", a.attempt())
        .param("res", a.result())
        .param("diag", a.diagnostics())
        .param("expl", a.explanation())
        .param("edits", a.edits())
        .param("rej", a.rejectedEdits())
        .param("guard", a.guardrails())
        .param("sum", a.verifySummary() == null ? null : truncate(a.verifySummary(), 4000))
        .param("tests", a.testsExecuted())
        .param("in", a.inputTokens())
        .param("out", a.outputTokens())
        .param("ms", a.duration().toMillis())
        .param("now", now())
        .update();
  }

  public List<FixAttemptRecord> fixAttempts(long runId, String repository) {
    return jdbc.sql("SELECT * FROM fix_attempt WHERE run_id = :r AND repository = :n ORDER BY attempt, id")
        .param("r", runId)
        .param("n", repository)
        .query(
            (rs, i) -> {
              int tests = rs.getInt("tests_executed");
              Integer testsExecuted = rs.wasNull() ? null : tests;
              return new FixAttemptRecord(
                  rs.getString("repository"), rs.getInt("attempt"), rs.getString("result"), rs.getString("diagnostics"),
                  rs.getString("explanation"), rs.getString("edits"), rs.getString("rejected_edits"), rs.getString("guardrails"),
                  rs.getString("verify_summary"), testsExecuted, rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                  Duration.ofMillis(rs.getLong("duration_ms")));
            })
        .list();
  }

  /** Model tokens the run has spent so far, over all its repositories: the campaign budget's meter. */
  public long tokensSpent(long runId) {
    return jdbc.sql("SELECT COALESCE(SUM(input_tokens + output_tokens), 0) FROM fix_attempt WHERE run_id = :r")
        .param("r", runId)
        .query(Long.class)
        .single();
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  // ---------------------------------------------------------------- pull requests

  /** A pull request the campaign opened. */
  public record PullRequestRecord(
      String campaign,
      String repository,
      String host,
      int number,
      @Nullable String url,
      String branch,
      String baseBranch,
      String title,
      String body,
      String state,
      String headCommit,
      @Nullable String pendingCommit,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {

    /** Whether {@code commit} is one this campaign pushed (or was pushing) to the branch. */
    public boolean pushed(String commit) {
      return commit.equals(headCommit) || commit.equals(pendingCommit);
    }
  }

  public Optional<PullRequestRecord> pullRequest(String campaign, String repository) {
    return jdbc.sql("SELECT * FROM pull_request WHERE campaign = :c AND repository = :n")
        .param("c", campaign)
        .param("n", repository)
        .query(CampaignStore::mapPr)
        .optional();
  }

  public List<PullRequestRecord> pullRequests(String campaign) {
    return jdbc.sql("SELECT * FROM pull_request WHERE campaign = :c ORDER BY repository")
        .param("c", campaign)
        .query(CampaignStore::mapPr)
        .list();
  }

  /** The next pull request number of a repository on the local host (numbers are per repository). */
  public int nextLocalPrNumber(String repository) {
    Integer max =
        jdbc.sql("SELECT MAX(number) FROM pull_request WHERE repository = :n AND host = 'local'")
            .param("n", repository)
            .query(Integer.class)
            .optional()
            .orElse(null);
    return max == null ? 1 : max + 1;
  }

  /** Saves {@code pr}; a change of state is also recorded as an event, for progress over time. */
  public void savePullRequest(PullRequestRecord pr) {
    String previousState = pullRequest(pr.campaign(), pr.repository()).map(PullRequestRecord::state).orElse(null);
    if (!pr.state().equals(previousState) && !"PENDING".equals(pr.state())) {
      jdbc.sql(
              """
              INSERT INTO pull_request_event (campaign, repository, number, state, recorded_at)
              VALUES (:c, :n, :num, :s, :at)""")
          .param("c", pr.campaign())
          .param("n", pr.repository())
          .param("num", pr.number())
          .param("s", pr.state())
          .param("at", pr.updatedAt())
          .update();
    }
    int updated =
        jdbc.sql(
                """
                UPDATE pull_request SET host = :h, number = :num, url = :url, branch = :b, base_branch = :bb,
                       title = :t, body = :body, state = :s, head_commit = :head, pending_commit = :pending,
                       updated_at = :u
                 WHERE campaign = :c AND repository = :n""")
            .param("c", pr.campaign())
            .param("n", pr.repository())
            .param("h", pr.host())
            .param("num", pr.number())
            .param("url", pr.url())
            .param("b", pr.branch())
            .param("bb", pr.baseBranch())
            .param("t", pr.title())
            .param("body", pr.body())
            .param("s", pr.state())
            .param("head", pr.headCommit())
            .param("pending", pr.pendingCommit())
            .param("u", pr.updatedAt())
            .update();
    if (updated == 0) {
      jdbc.sql(
              """
              INSERT INTO pull_request (campaign, repository, host, number, url, branch, base_branch, title, body,
                                        state, head_commit, pending_commit, created_at, updated_at)
              VALUES (:c, :n, :h, :num, :url, :b, :bb, :t, :body, :s, :head, :pending, :cr, :u)""")
          .param("c", pr.campaign())
          .param("n", pr.repository())
          .param("h", pr.host())
          .param("num", pr.number())
          .param("url", pr.url())
          .param("b", pr.branch())
          .param("bb", pr.baseBranch())
          .param("t", pr.title())
          .param("body", pr.body())
          .param("s", pr.state())
          .param("head", pr.headCommit())
          .param("pending", pr.pendingCommit())
          .param("cr", pr.createdAt())
          .param("u", pr.updatedAt())
          .update();
    }
  }

  private static PullRequestRecord mapPr(ResultSet rs, int row) throws SQLException {
    return new PullRequestRecord(
        rs.getString("campaign"),
        rs.getString("repository"),
        rs.getString("host"),
        rs.getInt("number"),
        rs.getString("url"),
        rs.getString("branch"),
        rs.getString("base_branch"),
        rs.getString("title"),
        rs.getString("body"),
        rs.getString("state"),
        rs.getString("head_commit"),
        rs.getString("pending_commit"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }

  // ---------------------------------------------------------------- pull request tracking (prs refresh)

  /** The spec a campaign was last run with, as YAML. */
  public Optional<String> specYaml(String campaign) {
    return jdbc.sql("SELECT spec_yaml FROM campaign WHERE name = :c").param("c", campaign).query(String.class).optional();
  }

  /** What the code host said about a pull request at {@code at}. */
  public record PullRequestSnapshot(
      String state, @Nullable Boolean draft, @Nullable String reviewDecision, @Nullable String checks, OffsetDateTime at) {}

  /**
   * Stores a refresh: the pull request's current state, draft flag, review decision and checks,
   * and an event row with the time, so progress can be drawn over time (merged and closed
   * included).
   */
  public void saveRefresh(String campaign, String repository, int number, PullRequestSnapshot s) {
    jdbc.sql(
            """
            UPDATE pull_request SET state = :s, draft = :d, review_decision = :r, checks = :k, refreshed_at = :at
             WHERE campaign = :c AND repository = :n""")
        .param("c", campaign)
        .param("n", repository)
        .param("s", s.state())
        .param("d", s.draft())
        .param("r", s.reviewDecision())
        .param("k", s.checks())
        .param("at", s.at())
        .update();
    jdbc.sql(
            """
            INSERT INTO pull_request_event (campaign, repository, number, state, draft, review_decision, checks, recorded_at)
            VALUES (:c, :n, :num, :s, :d, :r, :k, :at)""")
        .param("c", campaign)
        .param("n", repository)
        .param("num", number)
        .param("s", s.state())
        .param("d", s.draft())
        .param("r", s.reviewDecision())
        .param("k", s.checks())
        .param("at", s.at())
        .update();
  }

  /** When Fleet last reminded the owners to review the pull request ({@code rollout.nudgeAfter}), if ever. */
  public Optional<OffsetDateTime> nudgedAt(String campaign, String repository) {
    return jdbc.sql("SELECT nudged_at FROM pull_request WHERE campaign = :c AND repository = :n AND nudged_at IS NOT NULL")
        .param("c", campaign)
        .param("n", repository)
        .query((rs, row) -> rs.getObject("nudged_at", OffsetDateTime.class))
        .optional();
  }

  public void nudged(String campaign, String repository, OffsetDateTime at) {
    jdbc.sql("UPDATE pull_request SET nudged_at = :at WHERE campaign = :c AND repository = :n")
        .param("c", campaign)
        .param("n", repository)
        .param("at", at)
        .update();
  }

  /**
   * A pull request flagged for low test coverage ({@code pull_request.risk}).
   *
   * @param state its state as last stored ({@code OPEN}, {@code MERGED}, {@code CLOSED})
   */
  public record FlaggedPullRequest(String repository, int number, @Nullable String url, String state, String risk) {}

  /**
   * Records what the rollout decided about the campaign's pull request for {@code repository} when it
   * was delivered: why it is flagged ({@code null}: it is not) and the {@code CODEOWNERS} owners of
   * the paths it changes.
   */
  public void saveRisk(String campaign, String repository, @Nullable String risk, List<String> owners) {
    jdbc.sql("UPDATE pull_request SET risk = :r, owners = :o WHERE campaign = :c AND repository = :n")
        .param("c", campaign)
        .param("n", repository)
        .param("r", risk)
        .param("o", owners.isEmpty() ? null : String.join(" ", owners))
        .update();
  }

  /** The {@code CODEOWNERS} owners recorded with the pull request for {@code repository}; empty when none. */
  public List<String> owners(String campaign, String repository) {
    return jdbc.sql("SELECT owners FROM pull_request WHERE campaign = :c AND repository = :n AND owners IS NOT NULL")
        .param("c", campaign)
        .param("n", repository)
        .query((rs, row) -> rs.getString("owners"))
        .optional()
        .map(o -> List.of(o.strip().split("\\s+")))
        .filter(o -> !o.get(0).isEmpty())
        .orElse(List.of());
  }

  /** The campaign's pull requests flagged for low test coverage, by repository. */
  public List<FlaggedPullRequest> flaggedPullRequests(String campaign) {
    return jdbc.sql("SELECT repository, number, url, state, risk FROM pull_request WHERE campaign = :c AND risk IS NOT NULL ORDER BY repository")
        .param("c", campaign)
        .query((rs, row) -> new FlaggedPullRequest(rs.getString("repository"), rs.getInt("number"), rs.getString("url"),
            rs.getString("state"), rs.getString("risk")))
        .list();
  }

  /** The latest refresh of a pull request, if it was ever refreshed. */
  public Optional<PullRequestSnapshot> lastRefresh(String campaign, String repository) {
    return jdbc.sql(
            """
            SELECT state, draft, review_decision, checks, refreshed_at FROM pull_request
             WHERE campaign = :c AND repository = :n AND refreshed_at IS NOT NULL""")
        .param("c", campaign)
        .param("n", repository)
        .query((rs, row) -> new PullRequestSnapshot(rs.getString("state"), (Boolean) rs.getObject("draft"),
            rs.getString("review_decision"), rs.getString("checks"), rs.getObject("refreshed_at", OffsetDateTime.class)))
        .optional();
  }

  /** A pull request's recorded states over time, oldest first. */
  public List<PullRequestSnapshot> pullRequestEvents(String campaign, String repository) {
    return jdbc.sql(
            """
            SELECT state, draft, review_decision, checks, recorded_at FROM pull_request_event
             WHERE campaign = :c AND repository = :n ORDER BY recorded_at, id""")
        .param("c", campaign)
        .param("n", repository)
        .query((rs, row) -> new PullRequestSnapshot(rs.getString("state"), (Boolean) rs.getObject("draft"),
            rs.getString("review_decision"), rs.getString("checks"), rs.getObject("recorded_at", OffsetDateTime.class)))
        .list();
  }

  /** Removes every trace of a campaign (used by the demo to start clean). */
  public void deleteCampaign(String campaign) {
    List<Long> runs = jdbc.sql("SELECT id FROM campaign_run WHERE campaign = :c").param("c", campaign).query(Long.class).list();
    for (long run : runs) {
      jdbc.sql("DELETE FROM fix_attempt WHERE run_id = :r").param("r", run).update();
      jdbc.sql("DELETE FROM repo_attempt WHERE run_id = :r").param("r", run).update();
      jdbc.sql("DELETE FROM repo_outcome WHERE run_id = :r").param("r", run).update();
      jdbc.sql("DELETE FROM rollout_held WHERE run_id = :r").param("r", run).update();
      jdbc.sql("DELETE FROM run_repository WHERE run_id = :r").param("r", run).update();
    }
    jdbc.sql("DELETE FROM campaign_run WHERE campaign = :c").param("c", campaign).update();
    jdbc.sql("DELETE FROM pull_request WHERE campaign = :c").param("c", campaign).update();
    jdbc.sql("DELETE FROM pull_request_event WHERE campaign = :c").param("c", campaign).update();
    jdbc.sql("DELETE FROM campaign_lock WHERE campaign = :c").param("c", campaign).update();
    jdbc.sql("DELETE FROM rollout WHERE campaign = :c").param("c", campaign).update();
    jdbc.sql("DELETE FROM campaign WHERE name = :c").param("c", campaign).update();
  }
}
