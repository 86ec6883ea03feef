package io.fleetmigrate.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What a campaign recorded over time, across runs: the raw material of the burndown. */
@Repository
public class CampaignHistory {
  private final JdbcClient jdbc;

  public CampaignHistory(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Something that happened to a repository: an outcome, or a pull request changing state. */
  public record Event(OffsetDateTime at, String repository, Kind kind, String value) {
    public enum Kind {
      OUTCOME,
      PULL_REQUEST
    }
  }

  /** Every outcome and pull request state change of the campaign, oldest first. */
  public List<Event> events(String campaign) {
    List<Event> outcomes =
        jdbc.sql(
                """
                SELECT o.finished_at, o.repository, o.status FROM repo_outcome o
                  JOIN campaign_run r ON r.id = o.run_id
                 WHERE r.campaign = :c AND r.dry_run = FALSE""")
            .param("c", campaign)
            .query((rs, i) -> new Event(rs.getObject(1, OffsetDateTime.class), rs.getString(2), Event.Kind.OUTCOME, rs.getString(3)))
            .list();
    List<Event> prs =
        jdbc.sql("SELECT recorded_at, repository, state FROM pull_request_event WHERE campaign = :c")
            .param("c", campaign)
            .query((rs, i) -> new Event(rs.getObject(1, OffsetDateTime.class), rs.getString(2), Event.Kind.PULL_REQUEST, rs.getString(3)))
            .list();
    return java.util.stream.Stream.concat(outcomes.stream(), prs.stream())
        .sorted(java.util.Comparator.comparing(Event::at).thenComparing(e -> e.kind().ordinal()))
        .toList();
  }

  /** When the campaign's first run started. */
  public Optional<OffsetDateTime> firstRunStart(String campaign) {
    return jdbc.sql("SELECT MIN(started_at) FROM campaign_run WHERE campaign = :c")
        .param("c", campaign)
        .query((rs, i) -> rs.getObject(1, OffsetDateTime.class))
        .optional()
        .filter(java.util.Objects::nonNull);
  }

  /** Every repository any run of the campaign covered. */
  public List<String> scope(String campaign) {
    return jdbc.sql(
            """
            SELECT DISTINCT s.repository FROM run_repository s JOIN campaign_run r ON r.id = s.run_id
             WHERE r.campaign = :c ORDER BY s.repository""")
        .param("c", campaign)
        .query(String.class)
        .list();
  }
}
