package io.fleetmigrate.reports;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

final class ReportFixtures {
  private ReportFixtures() {}

  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 21, 9, 0, 0, 0, ZoneOffset.UTC);

  static CampaignReport sample() {
    CampaignReport.Detail billingDetail =
        new CampaignReport.Detail(
            List.of(
                new CampaignReport.Stage("baseline", "mvn -B verify", 0, false, Duration.ofSeconds(6), "green", "/data/runs/junit5/7/billing/baseline.log",
                    "own PID namespace; env allowlist; no network (Maven offline)"),
                new CampaignReport.Stage("verify", "mvn -B verify", 0, false, Duration.ofSeconds(7), "green", "/data/runs/junit5/7/billing/verify.log")),
            List.of(new CampaignReport.FileStat("pom.xml", 3, 4), new CampaignReport.FileStat("src/test/java/a/InvoiceTest.java", 14, 10)),
            List.of());
    CampaignReport.Detail searchDetail =
        new CampaignReport.Detail(
            List.of(new CampaignReport.Stage("verify", "mvn -B verify", 1, false, Duration.ofSeconds(9), "compile error", null)),
            List.of(),
            List.of("[ERROR] Foo.java:[6,26] package org.junit.internal does not exist"));
    return new CampaignReport(
        "junit5",
        "Move tests to JUnit 5",
        7,
        false,
        "COMPLETED",
        T0,
        T0.plusMinutes(4).plusSeconds(30),
        List.of(
            new CampaignReport.Row("billing", "team-billing", "PR_OPENED", "pull request #3 opened from fleet/junit5", "DONE", 2, 0, 0, 0,
                Duration.ofMillis(15_400), "billing#3", null, "OPEN", null, "/data/runs/junit5/7/billing",
                "/data/runs/junit5/7/billing/change.diff", billingDetail),
            new CampaignReport.Row("search", "team-search", "NEEDS_HUMAN",
                "red after the recipe: compile error: src/test/Foo.java:6:26: package org.junit.internal does not exist (+1 more compile error)",
                "VERIFY", 2, 0, 0, 0, Duration.ofSeconds(75), null, null, null, null, "/data/runs/junit5/7/search", null, searchDetail),
            new CampaignReport.Row("search-2", "team-search", "NEEDS_HUMAN",
                "red after the recipe: compile error: src/test/Bar.java:9:1: package org.junit.internal does not exist",
                "VERIFY", 1, 0, 0, 0, Duration.ofSeconds(50), null, null, null, null, null, null, CampaignReport.Detail.empty()),
            new CampaignReport.Row("evil", null, "ERROR", "clone failed: <script>alert('x')</script>, \"quoted\"", "CHECKOUT", 0, 0, 0, 0,
                Duration.ZERO, null, null, null, null, null, null, CampaignReport.Detail.empty())),
        Map.of("OPEN", 1L),
        List.of(
            new CampaignReport.BurndownPoint(T0, 4, 0),
            new CampaignReport.BurndownPoint(T0.plusMinutes(2), 4, 1),
            new CampaignReport.BurndownPoint(T0.plusMinutes(4), 3, 1)));
  }

  /**
   * {@link #sample} with a rollout in waves: a merged pull request (30 hours to merge), a repository
   * waiting for its wave, and the merge figures.
   */
  static CampaignReport withRollout() {
    CampaignReport base = sample();
    List<CampaignReport.Row> rows = new java.util.ArrayList<>();
    for (CampaignReport.Row r : base.rows()) {
      rows.add(new CampaignReport.Row(r.repository(), r.owner(), r.status(), r.reason(), r.stage(), r.recipeFilesChanged(), r.fixAttempts(),
          r.tokensIn(), r.tokensOut(), r.duration(), r.pullRequest(), r.pullRequestUrl(), r.pullRequestState(), r.checks(), r.logDir(),
          r.diffPath(), r.detail(), r.repository().equals("billing") ? 1 : 2, null));
    }
    rows.add(new CampaignReport.Row("ledger", "team-billing", "PR_UPDATED", "pull request #2 is open and already holds this change", "DONE",
        1, 0, 0, 0, Duration.ofSeconds(2), "ledger#2", null, "MERGED", null, null, null, CampaignReport.Detail.empty(), 1,
        Duration.ofHours(30)));
    rows.add(new CampaignReport.Row("payments", "team-pay", "WAITING",
        "green after the recipe; not delivered yet: past the rollout's wave 1 of 3 (2: 2 of 6 repositories)", "DONE", 3, 0, 0, 0,
        Duration.ofSeconds(40), null, null, null, null, null, null, CampaignReport.Detail.empty(), 2, null));
    rows.sort(java.util.Comparator.comparing(CampaignReport.Row::repository));
    return new CampaignReport(base.campaign(), base.description(), base.runId(), base.dryRun(), base.runStatus(), base.startedAt(),
        base.endedAt(), rows, Map.of("OPEN", 1L, "MERGED", 1L, "CLOSED", 1L), base.burndown(),
        MergeRate.of(List.of("OPEN", "MERGED", "CLOSED"), List.of(Duration.ofHours(30))),
        "wave 1 of 3 (2: 2 of 6 repositories); next wave waits: wave 1: 1 of 2 pull requests merged (gate: 80%); waiting on billing",
        List.of(new CampaignReport.Flagged("billing", "billing#3", null, "the baseline ran 3 tests (rollout.minTests: 10)")));
  }
}
