package io.fleetmigrate.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The pull requests a campaign opened (one per repository), what refreshes learned about them over time, and the nudges. */
@Repository
public class PullRequestStore {
  private final JdbcClient jdbc;

  public PullRequestStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

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
      PullRequestStatus state,
      String headCommit,
      @Nullable String pendingCommit,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {

    /** Whether {@code commit} is one this campaign pushed (or was pushing) to the branch. */
    public boolean pushed(String commit) {
      return commit.equals(headCommit) || commit.equals(pendingCommit);
    }
  }

  public Optional<PullRequestRecord> find(String campaign, String repository) {
    return jdbc.sql("SELECT * FROM pull_request WHERE campaign = :c AND repository = :n")
        .param("c", campaign)
        .param("n", repository)
        .query(PullRequestStore::mapPr)
        .optional();
  }

  public List<PullRequestRecord> list(String campaign) {
    return jdbc.sql("SELECT * FROM pull_request WHERE campaign = :c ORDER BY repository")
        .param("c", campaign)
        .query(PullRequestStore::mapPr)
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
  public void save(PullRequestRecord pr) {
    PullRequestStatus previousState = find(pr.campaign(), pr.repository()).map(PullRequestRecord::state).orElse(null);
    if (pr.state() != previousState && pr.state() != PullRequestStatus.PENDING) {
      jdbc.sql(
              """
              INSERT INTO pull_request_event (campaign, repository, number, state, recorded_at)
              VALUES (:c, :n, :num, :s, :at)""")
          .param("c", pr.campaign())
          .param("n", pr.repository())
          .param("num", pr.number())
          .param("s", pr.state().name())
          .param("at", pr.updatedAt())
          .update();
    }
    Map<String, @Nullable Object> row = row(pr);
    int updated =
        jdbc.sql(
                """
                UPDATE pull_request SET host = :host, number = :number, url = :url, branch = :branch, base_branch = :baseBranch,
                       title = :title, body = :body, state = :state, head_commit = :headCommit, pending_commit = :pendingCommit,
                       updated_at = :updatedAt
                 WHERE campaign = :campaign AND repository = :repository""")
            .params(row)
            .update();
    if (updated == 0) {
      jdbc.sql(
              """
              INSERT INTO pull_request (campaign, repository, host, number, url, branch, base_branch, title, body,
                                        state, head_commit, pending_commit, created_at, updated_at)
              VALUES (:campaign, :repository, :host, :number, :url, :branch, :baseBranch, :title, :body,
                      :state, :headCommit, :pendingCommit, :createdAt, :updatedAt)""")
          .params(row)
          .update();
    }
  }

  /** The columns of {@code pr}, named as its components (the UPDATE and the INSERT bind the same). */
  private static Map<String, @Nullable Object> row(PullRequestRecord pr) {
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("campaign", pr.campaign());
    row.put("repository", pr.repository());
    row.put("host", pr.host());
    row.put("number", pr.number());
    row.put("url", pr.url());
    row.put("branch", pr.branch());
    row.put("baseBranch", pr.baseBranch());
    row.put("title", pr.title());
    row.put("body", pr.body());
    row.put("state", pr.state().name());
    row.put("headCommit", pr.headCommit());
    row.put("pendingCommit", pr.pendingCommit());
    row.put("createdAt", pr.createdAt());
    row.put("updatedAt", pr.updatedAt());
    return row;
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
        PullRequestStatus.valueOf(rs.getString("state")),
        rs.getString("head_commit"),
        rs.getString("pending_commit"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }

  // ---------------------------------------------------------------- pull request tracking (prs refresh)

  /** What the code host said about a pull request at {@code at}. */
  public record PullRequestSnapshot(
      PullRequestStatus state, @Nullable Boolean draft, @Nullable String reviewDecision, @Nullable String checks, OffsetDateTime at) {}

  /**
   * Stores a refresh: the pull request's current state, draft flag, review decision and checks,
   * and an event row with the time, so progress can be drawn over time (merged and closed
   * included).
   */
  public void saveRefresh(String campaign, String repository, int number, PullRequestSnapshot s) {
    Map<String, @Nullable Object> row = new HashMap<>();
    row.put("c", campaign);
    row.put("n", repository);
    row.put("num", number);
    row.put("s", s.state().name());
    row.put("d", s.draft());
    row.put("r", s.reviewDecision());
    row.put("k", s.checks());
    row.put("at", s.at());
    jdbc.sql(
            """
            UPDATE pull_request SET state = :s, draft = :d, review_decision = :r, checks = :k, refreshed_at = :at
             WHERE campaign = :c AND repository = :n""")
        .params(row)
        .update();
    jdbc.sql(
            """
            INSERT INTO pull_request_event (campaign, repository, number, state, draft, review_decision, checks, recorded_at)
            VALUES (:c, :n, :num, :s, :d, :r, :k, :at)""")
        .params(row)
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
   * @param state its state as last stored
   */
  public record FlaggedPullRequest(String repository, int number, @Nullable String url, PullRequestStatus state, String risk) {}

  /**
   * Records what the rollout decided about the campaign's pull request for {@code repository} when it
   * was delivered: why it is flagged ({@code null}: it is not) and the {@code CODEOWNERS} owners of
   * the paths it changes.
   */
  public void saveRisk(String campaign, String repository, @Nullable String risk, List<String> owners) {
    // A wide change in a monorepo can have more owners than the column holds: keep the first whole ones.
    StringBuilder kept = new StringBuilder();
    for (String owner : owners) {
      if (kept.length() + 1 + owner.length() > OWNERS_COLUMN) {
        break;
      }
      kept.append(kept.isEmpty() ? "" : " ").append(owner);
    }
    jdbc.sql("UPDATE pull_request SET risk = :r, owners = :o WHERE campaign = :c AND repository = :n")
        .param("c", campaign)
        .param("n", repository)
        .param("r", risk == null ? null : Rows.truncate(risk, RISK_COLUMN))
        .param("o", kept.isEmpty() ? null : kept.toString())
        .update();
  }

  /** The sizes of {@code pull_request.risk} and {@code owners} (core V13). */
  static final int RISK_COLUMN = 4000;
  static final int OWNERS_COLUMN = 2000;

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

  /** Whether the campaign's pull request for {@code repository} is flagged for low test coverage. */
  public boolean isFlagged(String campaign, String repository) {
    return jdbc.sql("SELECT COUNT(*) FROM pull_request WHERE campaign = :c AND repository = :n AND risk IS NOT NULL")
        .param("c", campaign)
        .param("n", repository)
        .query(Integer.class)
        .single() > 0;
  }

  /** The campaign's pull requests flagged for low test coverage, by repository. */
  public List<FlaggedPullRequest> flagged(String campaign) {
    return jdbc.sql("SELECT repository, number, url, state, risk FROM pull_request WHERE campaign = :c AND risk IS NOT NULL ORDER BY repository")
        .param("c", campaign)
        .query((rs, row) -> new FlaggedPullRequest(rs.getString("repository"), rs.getInt("number"), rs.getString("url"),
            PullRequestStatus.valueOf(rs.getString("state")), rs.getString("risk")))
        .list();
  }

  /** The latest refresh of a pull request, if it was ever refreshed. */
  public Optional<PullRequestSnapshot> lastRefresh(String campaign, String repository) {
    return jdbc.sql(
            """
            SELECT state, draft, review_decision, checks, refreshed_at AS at FROM pull_request
             WHERE campaign = :c AND repository = :n AND refreshed_at IS NOT NULL""")
        .param("c", campaign)
        .param("n", repository)
        .query(PullRequestStore::mapSnapshot)
        .optional();
  }

  /** A pull request's recorded states over time, oldest first. */
  public List<PullRequestSnapshot> events(String campaign, String repository) {
    return jdbc.sql(
            """
            SELECT state, draft, review_decision, checks, recorded_at AS at FROM pull_request_event
             WHERE campaign = :c AND repository = :n ORDER BY recorded_at, id""")
        .param("c", campaign)
        .param("n", repository)
        .query(PullRequestStore::mapSnapshot)
        .list();
  }


  /** A refresh or an event row: state, draft, review decision, checks and the time as {@code at}. */
  private static PullRequestSnapshot mapSnapshot(ResultSet rs, int row) throws SQLException {
    return new PullRequestSnapshot(PullRequestStatus.valueOf(rs.getString("state")), (Boolean) rs.getObject("draft"), rs.getString("review_decision"),
        rs.getString("checks"), rs.getObject("at", OffsetDateTime.class));
  }
}
