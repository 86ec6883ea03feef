package io.fleetmigrate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static String render() {
    StringWriter out = new StringWriter();
    HtmlReport.write(ReportFixtures.sample(), out, ReportFixtures.T0.plusHours(1));
    return out.toString();
  }

  @Test
  void showsSummaryFiguresAndEveryRepository() {
    String html = render();

    assertThat(html).contains("<title>Fleet Migrate · junit5</title>");
    assertThat(html).containsPattern("data-figure=\"repositories\">4<");
    assertThat(html).containsPattern("data-figure=\"prs-open\">1<");
    assertThat(html).containsPattern("data-figure=\"needs-human\">2<");
    assertThat(html).containsPattern("data-figure=\"errors\">1<");
    assertThat(html).contains("data-status=\"PR_OPENED\"", "data-status=\"NEEDS_HUMAN\"", "data-status=\"ERROR\"");
    assertThat(html).contains(">#3<", "team-billing", "1m 15s");
  }

  @Test
  void showsTheMergeRateTheMedianTimeToMergeAndTheRollout() {
    StringWriter out = new StringWriter();
    HtmlReport.write(ReportFixtures.withRollout(), out, ReportFixtures.T0.plusHours(1));
    String html = out.toString();

    assertThat(html).containsPattern("data-figure=\"merge-rate\">33%<");
    assertThat(html).containsPattern("data-figure=\"time-to-merge\">1d 6h<");
    assertThat(html).containsPattern("data-figure=\"prs-closed\">1<");
    assertThat(html).containsPattern("data-figure=\"waiting\">1<");
    assertThat(html).contains("Rollout: <span>wave 1 of 3 (2: 2 of 6 repositories); next wave waits: wave 1: 1 of 2 pull requests merged");
    assertThat(html).contains("<h2>Low test coverage</h2>", "<a href=\"#repo-billing\">billing</a>", "billing#3",
        "the baseline ran 3 tests (rollout.minTests: 10)");
    assertThat(render()).as("no waves: no rollout line, no waiting figure, no low-coverage card").doesNotContain("Low test coverage").doesNotContain("data-figure=\"rollout\"", "data-figure=\"waiting\"")
        .containsPattern("data-figure=\"merge-rate\">-<");
  }

  @Test
  void groupsTheSameFailureAcrossRepositories() {
    assertThat(ReportFixtures.sample().topFailureReasons(5))
        .first()
        .isEqualTo(new CampaignReport.ReasonCount("NEEDS_HUMAN", "red after the recipe: compile error: package org.junit.internal does not exist", 2));
  }

  @Test
  void drawsTheBurndownAndTheTeamTable() {
    String html = render();

    assertThat(html).contains("data-series=\"remaining\"", "data-figure=\"remaining\">3<");
    assertThat(html).containsPattern("<td>team-search</td><td class=\"num\">2</td><td class=\"num\">0</td>");
  }

  @Test
  void linksEachRepositoryToItsDetail() {
    String html = render();

    assertThat(html).contains("href=\"#repo-billing\"", "id=\"repo-billing\"", "src/test/java/a/InvoiceTest.java", "+14");
    assertThat(html).contains("package org.junit.internal does not exist");
  }

  @Test
  void eachStageSaysWhichSandboxItRanIn() {
    assertThat(render()).contains("sandbox: own PID namespace; env allowlist; no network (Maven offline)");
  }

  @Test
  void escapesWhatCameFromRepositories() {
    String html = render();

    assertThat(html).doesNotContain("<script>alert");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  }

  @Test
  void isSelfContained() {
    String html = render();

    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(html).doesNotContain("<link", "<script src", "@import", "url(");
  }
}
