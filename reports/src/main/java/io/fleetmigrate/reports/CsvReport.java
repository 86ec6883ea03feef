package io.fleetmigrate.reports;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One row per repository. The columns are a stable interface (README, "Reports"): new columns are
 * only ever added at the end.
 */
public final class CsvReport {
  public static final List<String> COLUMNS =
      List.of("repository", "owner", "status", "stage", "duration_s", "files_changed", "pull_request", "reason");

  private CsvReport() {}

  public static void write(CampaignReport report, Writer out) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).setRecordSeparator("\n").get();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (CampaignReport.Row row : report.rows()) {
        printer.printRecord(
            row.repository(),
            row.owner() == null ? "" : row.owner(),
            row.status(),
            row.stage(),
            String.format(java.util.Locale.ROOT, "%.1f", row.duration().toMillis() / 1000.0),
            row.filesChanged(),
            row.pullRequest() == null ? "" : row.pullRequest(),
            row.reason());
      }
    }
  }
}
