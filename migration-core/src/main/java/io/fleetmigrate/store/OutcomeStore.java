package io.fleetmigrate.store;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What each run did to each repository: its outcome, the commands it ran and the model's attempts (and the tokens they spent). */
@Repository
public class OutcomeStore {
  private final JdbcClient jdbc;

  public OutcomeStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

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
        .param("now", Rows.now())
        .update();
  }

  public List<RepoOutcome> outcomes(long runId) {
    return jdbc.sql("SELECT * FROM repo_outcome WHERE run_id = :r ORDER BY repository")
        .param("r", runId)
        .query(OutcomeStore::mapOutcome)
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
            .query(OutcomeStore::mapOutcome)
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
    return new RepoOutcome(
        rs.getString("repository"),
        OutcomeStatus.valueOf(rs.getString("status")),
        rs.getString("reason"),
        RepoOutcome.Stage.valueOf(rs.getString("stage")),
        rs.getInt("files_changed"),
        rs.getString("base_commit"),
        rs.getString("head_commit"),
        Rows.nullableInt(rs, "pr_number"),
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
        .param("now", Rows.now())
        .update();
  }

  public List<Attempt> attempts(long runId, String repository) {
    return jdbc.sql("SELECT * FROM repo_attempt WHERE run_id = :r AND repository = :n ORDER BY id")
        .param("r", runId)
        .param("n", repository)
        .query(
            (rs, i) -> {
              String diagnostics = rs.getString("diagnostics");
              String isolation = rs.getString("isolation");
              return new Attempt(
                  rs.getString("repository"),
                  rs.getString("stage"),
                  rs.getString("command"),
                  Rows.nullableInt(rs, "exit_code"),
                  rs.getBoolean("timed_out"),
                  rs.getString("summary"),
                  rs.getString("log_path"),
                  Duration.ofMillis(rs.getLong("duration_ms")),
                  Rows.nullableInt(rs, "tests_executed"),
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
        .param("sum", a.verifySummary() == null ? null : Rows.truncate(a.verifySummary(), 4000))
        .param("tests", a.testsExecuted())
        .param("in", a.inputTokens())
        .param("out", a.outputTokens())
        .param("ms", a.duration().toMillis())
        .param("now", Rows.now())
        .update();
  }

  public List<FixAttemptRecord> fixAttempts(long runId, String repository) {
    return jdbc.sql("SELECT * FROM fix_attempt WHERE run_id = :r AND repository = :n ORDER BY attempt, id")
        .param("r", runId)
        .param("n", repository)
        .query(
            (rs, i) -> {
              return new FixAttemptRecord(
                  rs.getString("repository"), rs.getInt("attempt"), rs.getString("result"), rs.getString("diagnostics"),
                  rs.getString("explanation"), rs.getString("edits"), rs.getString("rejected_edits"), rs.getString("guardrails"),
                  rs.getString("verify_summary"), Rows.nullableInt(rs, "tests_executed"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
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

}
