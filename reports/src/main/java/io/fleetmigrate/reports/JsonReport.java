package io.fleetmigrate.reports;

import java.io.Writer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The CSV's data as JSON: the run, then one object per repository with the same fields as the CSV. */
public final class JsonReport {
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonReport() {}

  record Document(String campaign, long runId, boolean dryRun, String runStatus, String startedAt, @Nullable String endedAt, List<Repository> repositories,
      PullRequests pullRequests, @Nullable String rollout) {}

  /** As in {@code campaign status --json}. */
  record PullRequests(int opened, int merged, int closedUnmerged, int open, @Nullable Integer mergeRatePercent, @Nullable Long medianSecondsToMerge) {}

  record Repository(
      String repository,
      @Nullable String owner,
      String status,
      String stage,
      int recipeFilesChanged,
      int fixAttempts,
      long tokensIn,
      long tokensOut,
      double durationSeconds,
      @Nullable String pullRequest,
      @Nullable String pullRequestUrl,
      @Nullable String pullRequestState,
      @Nullable String checks,
      String reason,
      @Nullable Integer wave,
      @Nullable Double timeToMergeHours) {}

  public static void write(CampaignReport report, Writer out) {
    List<Repository> repositories =
        report.rows().stream()
            .map(
                r ->
                    new Repository(
                        r.repository(), r.owner(), r.status(), r.stage(), r.recipeFilesChanged(), r.fixAttempts(), r.tokensIn(),
                        r.tokensOut(), r.duration().toMillis() / 1000.0, r.pullRequest(), r.pullRequestUrl(), r.pullRequestState(),
                        r.checks(), r.reason(), r.wave(), r.timeToMerge() == null ? null : r.timeToMerge().toMinutes() / 60.0))
            .toList();
    MergeRate rate = report.mergeRate();
    JSON.writeValue(
        out,
        new Document(
            report.campaign(), report.runId(), report.dryRun(), report.runStatus(), report.startedAt().toString(),
            report.endedAt() == null ? null : report.endedAt().toString(), repositories,
            new PullRequests(rate.opened(), rate.merged(), rate.closedUnmerged(), rate.open(), rate.ratePercent(),
                rate.medianTimeToMerge() == null ? null : rate.medianTimeToMerge().toSeconds()),
            report.rollout()));
  }
}
