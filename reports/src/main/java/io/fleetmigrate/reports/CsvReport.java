package io.fleetmigrate.reports;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One row per repository. The columns are a stable interface (README, "Reports"): new columns are
 * only ever added at the end.
 */
public final class CsvReport {
  public static final List<String> COLUMNS =
      List.of(
          "repository", "owner", "status", "stage", "recipe_files_changed", "fix_attempts", "tokens_in", "tokens_out",
          "duration_s", "pull_request", "pr_url", "pr_state", "checks", "reason", "wave", "time_to_merge_h");

  private CsvReport() {}

  public static void write(CampaignReport report, Writer out) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).setRecordSeparator("\n").get();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (CampaignReport.Row row : report.rows()) {
        printer.printRecord(
            row.repository(),
            orEmpty(row.owner()),
            row.status(),
            row.stage(),
            row.recipeFilesChanged(),
            row.fixAttempts(),
            row.tokensIn(),
            row.tokensOut(),
            String.format(Locale.ROOT, "%.1f", row.duration().toMillis() / 1000.0),
            orEmpty(row.pullRequest()),
            orEmpty(row.pullRequestUrl()),
            orEmpty(row.pullRequestState()),
            orEmpty(row.checks()),
            row.reason(),
            row.wave() == null ? "" : row.wave(),
            row.timeToMerge() == null ? "" : String.format(Locale.ROOT, "%.1f", row.timeToMerge().toMinutes() / 60.0));
      }
    }
  }

  private static String orEmpty(@org.jspecify.annotations.Nullable String value) {
    return value == null ? "" : value;
  }
}
