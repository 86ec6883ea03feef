package io.fleetmigrate.reports;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One run of a campaign, as reports show it.
 *
 * @param campaign the campaign's name
 * @param description what the campaign is for
 * @param runId the run
 * @param dryRun whether the run delivered nothing
 * @param runStatus the run's state (RUNNING, COMPLETED, FAILED)
 * @param startedAt when the run started
 * @param endedAt when it ended, if it has
 * @param rows one per repository, in repository order
 */
public record CampaignReport(
    String campaign,
    String description,
    long runId,
    boolean dryRun,
    String runStatus,
    OffsetDateTime startedAt,
    @Nullable OffsetDateTime endedAt,
    List<Row> rows) {

  /** Statuses that count as done, in the order the summary shows them. */
  public static final List<String> STATUS_ORDER =
      List.of(
          "PR_OPENED", "PR_UPDATED", "READY", "NO_CHANGES", "NEEDS_HUMAN", "BASELINE_RED", "RECIPE_REFUSED",
          "GUARDRAIL_REJECTED", "HUMAN_EDITED", "SKIPPED", "ERROR");

  private static final Set<String> GOOD = Set.of("PR_OPENED", "PR_UPDATED", "READY", "NO_CHANGES");
  private static final Set<String> BAD = Set.of("NEEDS_HUMAN", "BASELINE_RED", "RECIPE_REFUSED", "GUARDRAIL_REJECTED", "ERROR");

  public CampaignReport {
    rows = List.copyOf(rows);
  }

  /**
   * One repository's outcome.
   *
   * @param pullRequest a reference such as {@code billing-service#3}, when a pull request exists
   * @param pullRequestUrl where it can be opened, when the host has web pages
   */
  public record Row(
      String repository,
      @Nullable String owner,
      String status,
      String reason,
      String stage,
      int filesChanged,
      Duration duration,
      @Nullable String pullRequest,
      @Nullable String pullRequestUrl,
      @Nullable String logDir,
      @Nullable String diffPath) {

    /** {@code good}, {@code bad} or {@code neutral}: how the report colours the status. */
    public String tone() {
      return GOOD.contains(status) ? "good" : BAD.contains(status) ? "bad" : "neutral";
    }

    /** {@code #3} for {@code billing#3}: the repository is already in its own column. */
    public @Nullable String pullRequestLabel() {
      return pullRequest == null ? null : pullRequest.substring(pullRequest.lastIndexOf('#'));
    }

    public String durationText() {
      long s = duration.toSeconds();
      return s < 60 ? s + "s" : (s / 60) + "m " + (s % 60) + "s";
    }
  }

  /** Repositories per status, in {@link #STATUS_ORDER}, leaving out statuses nobody has. */
  public Map<String, Long> statusCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String status : STATUS_ORDER) {
      long n = rows.stream().filter(r -> r.status().equals(status)).count();
      if (n > 0) {
        counts.put(status, n);
      }
    }
    rows.stream().map(Row::status).filter(s -> !counts.containsKey(s)).distinct().forEach(s -> counts.put(s, rows.stream().filter(r -> r.status().equals(s)).count()));
    return counts;
  }

  public static String tone(String status) {
    return GOOD.contains(status) ? "good" : BAD.contains(status) ? "bad" : "neutral";
  }

  /** A status's share of the run, for the breakdown bar. */
  public record StatusShare(String status, long count, String tone, double percent) {}

  public List<StatusShare> statusShares() {
    int total = Math.max(1, rows.size());
    return statusCounts().entrySet().stream()
        .map(e -> new StatusShare(e.getKey(), e.getValue(), tone(e.getKey()), e.getValue() * 100.0 / total))
        .toList();
  }

  /** How many repositories have {@code status}. */
  public long count(String status) {
    return countAny(List.of(status));
  }

  /** How many repositories have one of {@code statuses}. */
  public long countAny(java.util.Collection<String> statuses) {
    return rows.stream().filter(r -> statuses.contains(r.status())).count();
  }
}
