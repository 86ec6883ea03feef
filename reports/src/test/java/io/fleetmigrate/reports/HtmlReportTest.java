package io.fleetmigrate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static String render() {
    StringWriter out = new StringWriter();
    HtmlReport.write(ReportFixtures.sample(), out);
    return out.toString();
  }

  @Test
  void showsSummaryFiguresAndEveryRepository() {
    String html = render();

    assertThat(html).contains("<title>Fleet Migrate · junit5</title>");
    assertThat(html).containsPattern("data-figure=\"repositories\">3<");
    assertThat(html).containsPattern("data-figure=\"green\">1<");
    assertThat(html).containsPattern("data-figure=\"needs-human\">1<");
    assertThat(html).containsPattern("data-figure=\"errors\">1<");
    assertThat(html).contains("data-status=\"PR_OPENED\"", "data-status=\"NEEDS_HUMAN\"", "data-status=\"ERROR\"");
    assertThat(html).contains(">#3<", "team-billing", "1m 15s");
  }

  @Test
  void escapesWhatCameFromRepositories() {
    String html = render();

    assertThat(html).doesNotContain("<script>");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  }

  @Test
  void isSelfContained() {
    String html = render();

    assertThat(html).doesNotContainPattern("(src|href)=\"https?:");
    assertThat(html).doesNotContain("<link", "<script");
  }
}
