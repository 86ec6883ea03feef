package io.fleetmigrate.rollout;

import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.Rows;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rollout's rows: each campaign's state, and the repositories each run held back. */
@Component
public class RolloutStore {
  private final JdbcClient jdbc;

  public RolloutStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public Optional<RolloutState> state(String campaign) {
    return jdbc.sql("SELECT * FROM rollout WHERE campaign = :c")
        .param("c", campaign)
        .query((rs, row) -> new RolloutState(rs.getString("campaign"), rs.getInt("wave"), rs.getBoolean("paused"),
            rs.getString("paused_by"), rs.getString("reason"), rs.getObject("wave_opened_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class)))
        .optional();
  }

  /** The campaign's state, created at the first wave when it has none yet. */
  public RolloutState stateOrStart(String campaign, OffsetDateTime now) {
    Optional<RolloutState> known = state(campaign);
    if (known.isPresent()) {
      return known.get();
    }
    try {
      jdbc.sql("INSERT INTO rollout (campaign, wave, paused, paused_by, reason, wave_opened_at, updated_at) "
              + "VALUES (:c, 0, FALSE, NULL, '', :now, :now)")
          .param("c", campaign)
          .param("now", now)
          .update();
    } catch (DuplicateKeyException e) {
      // another run of the campaign (a slice) created it first
    }
    return state(campaign).orElseThrow();
  }

  /**
   * Writes {@code next} if the stored wave is still {@code expectedWave}: two slice runs deciding at
   * once cannot both advance the same wave.
   */
  public boolean save(RolloutState next, int expectedWave) {
    return jdbc.sql("""
            UPDATE rollout SET wave = :w, paused = :p, paused_by = :by, reason = :r, wave_opened_at = :o, updated_at = :u
             WHERE campaign = :c AND wave = :expected""")
        .param("c", next.campaign())
        .param("w", next.wave())
        .param("p", next.paused())
        .param("by", next.pausedBy())
        .param("r", Rows.truncate(next.reason(), 4000))
        .param("o", next.waveOpenedAt())
        .param("u", next.updatedAt())
        .param("expected", expectedWave)
        .update() == 1;
  }

  /** Records the repositories run {@code runId} holds back, with their reasons. */
  public void hold(long runId, Map<String, String> held) {
    for (Map.Entry<String, String> e : held.entrySet()) {
      jdbc.sql("INSERT INTO rollout_held (run_id, repository, reason) VALUES (:r, :n, :why)")
          .param("r", runId)
          .param("n", e.getKey())
          .param("why", Rows.truncate(e.getValue(), 2000))
          .update();
    }
  }

  public DeliveryWindow window(long runId) {
    Map<String, String> held = new LinkedHashMap<>();
    jdbc.sql("SELECT repository, reason FROM rollout_held WHERE run_id = :r")
        .param("r", runId)
        .query(rs -> {
          held.put(rs.getString("repository"), rs.getString("reason"));
        });
    return new DeliveryWindow(held);
  }

  /**
   * The campaign's delivered pull requests (not the ones whose push is pending). When a pull request
   * merged is when a refresh first saw it merged; without a refresh (the local host, whose rows
   * are the pull requests) when its row last changed.
   */
  public List<TrackedPullRequest> pullRequests(String campaign) {
    return jdbc.sql("""
            SELECT p.repository, p.number, p.state, p.checks, p.created_at,
                   COALESCE((SELECT MIN(e.recorded_at) FROM pull_request_event e
                              WHERE e.campaign = p.campaign AND e.repository = p.repository AND e.state = 'MERGED'),
                            CASE WHEN p.state = 'MERGED' THEN p.updated_at END) AS merged_at
              FROM pull_request p
             WHERE p.campaign = :c AND p.state <> 'PENDING' AND p.number > 0
             ORDER BY p.repository""")
        .param("c", campaign)
        .query((rs, row) -> new TrackedPullRequest(rs.getString("repository"), rs.getInt("number"), PullRequestStatus.valueOf(rs.getString("state")),
            rs.getString("checks"), rs.getObject("created_at", OffsetDateTime.class), rs.getObject("merged_at", OffsetDateTime.class)))
        .list();
  }
}
