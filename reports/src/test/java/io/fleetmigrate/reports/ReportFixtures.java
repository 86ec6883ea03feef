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
}
