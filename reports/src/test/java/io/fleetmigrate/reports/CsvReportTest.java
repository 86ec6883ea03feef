package io.fleetmigrate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvReportTest {
  @Test
  void matchesTheGoldenFile() throws Exception {
    StringWriter out = new StringWriter();

    CsvReport.write(ReportFixtures.sample(), out);

    try (InputStream golden = getClass().getResourceAsStream("/golden/report.csv")) {
      assertThat(out.toString()).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void headerIsTheDocumentedColumns() throws Exception {
    StringWriter out = new StringWriter();

    CsvReport.write(ReportFixtures.sample(), out);

    assertThat(out.toString().lines().findFirst()).contains(String.join(",", CsvReport.COLUMNS));
  }

  @Test
  void eachRepositorySaysItsWaveAndHowLongItsPullRequestTookToMerge() throws Exception {
    StringWriter out = new StringWriter();

    CsvReport.write(ReportFixtures.withRollout(), out);

    assertThat(out.toString().lines()).anyMatch(l -> l.startsWith("ledger,team-billing,PR_UPDATED,") && l.endsWith(",1,30.0"))
        .anyMatch(l -> l.startsWith("payments,team-pay,WAITING,") && l.endsWith(",2,"));
  }
}
