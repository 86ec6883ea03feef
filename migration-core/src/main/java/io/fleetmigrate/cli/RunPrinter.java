package io.fleetmigrate.cli;

import io.fleetmigrate.batch.RunProgress;
import io.fleetmigrate.campaign.CampaignService.RunSummary;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.reports.CampaignReport;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Prints a run as it goes (one line per finished repository) and its summary at the end. */
final class RunPrinter implements RunProgress.Listener {
  private final PrintWriter out;
  private volatile int total;
  private final boolean quiet;
  private final AtomicInteger done = new AtomicInteger();

  RunPrinter(PrintWriter out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  @Override
  public void runStarted(long runId, int repositories) {
    total = repositories;
    if (!quiet) {
      synchronized (out) {
        out.printf("Run %d: %d repositories%n", runId, repositories);
        out.flush();
      }
    }
  }

  @Override
  public void started(String repository) {
    if (!quiet) {
      synchronized (out) {
        out.printf("  ...  %s: started%n", repository);
        out.flush();
      }
    }
  }

  @Override
  public void finished(RepoOutcome o) {
    int n = done.incrementAndGet();
    if (!quiet) {
      synchronized (out) {
        out.printf("[%d/%d] %s: %s in %ds - %s%n", n, total, o.repository(), o.status(), o.duration().toSeconds(), o.reason());
        out.flush();
      }
    }
  }

  static void summary(PrintWriter out, RunSummary summary) {
    out.println();
    out.printf("Campaign %s, run %d: %s in %ds%n", summary.campaign(), summary.runId(), summary.jobStatus(), summary.wall().toSeconds());
    Table table = new Table("REPOSITORY", "STATUS", "TIME", "PR", "REASON");
    for (RepoOutcome o : summary.outcomes()) {
      table.row(o.repository(), o.status(), o.duration().toSeconds() + "s", o.prNumber() == null ? "-" : "#" + o.prNumber(), o.reason());
    }
    table.print(out);
    Map<String, Long> counts = new TreeMap<>((a, b) -> CampaignReport.STATUS_ORDER.indexOf(a) - CampaignReport.STATUS_ORDER.indexOf(b));
    summary.outcomes().forEach(o -> counts.merge(o.status().name(), 1L, Long::sum));
    StringBuilder line = new StringBuilder();
    counts.forEach((s, n) -> line.append(line.isEmpty() ? "" : ", ").append(n).append(' ').append(s));
    out.println(line);
    summary.reports().forEach((format, path) -> out.printf("%s report: %s%n", format, path));
    out.flush();
  }
}
