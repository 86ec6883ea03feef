package io.fleetmigrate.reports;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

final class ReportFixtures {
  private ReportFixtures() {}

  static CampaignReport sample() {
    return new CampaignReport(
        "junit5",
        "Move tests to JUnit 5",
        7,
        false,
        "COMPLETED",
        OffsetDateTime.of(2026, 11, 21, 9, 0, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.of(2026, 11, 21, 9, 4, 30, 0, ZoneOffset.UTC),
        List.of(
            new CampaignReport.Row("billing", "team-billing", "PR_OPENED", "pull request #3 opened from fleet/junit5", "DONE", 2,
                Duration.ofMillis(15_400), "billing#3", null, "/data/runs/junit5/7/billing", "/data/runs/junit5/7/billing/change.diff"),
            new CampaignReport.Row("search", "team-search", "NEEDS_HUMAN",
                "red after the recipe: compile error: Foo.java:6:26: package org.junit.internal does not exist", "VERIFY", 2,
                Duration.ofSeconds(75), null, null, "/data/runs/junit5/7/search", null),
            new CampaignReport.Row("evil", null, "ERROR", "clone failed: <script>alert('x')</script>, \"quoted\"", "CHECKOUT", 0,
                Duration.ZERO, null, null, null, null)));
  }
}
