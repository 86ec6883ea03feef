package io.fleetmigrate.cli;

import io.fleetmigrate.batch.RunProgress;
import io.fleetmigrate.campaign.CampaignService.RunSummary;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.reports.CampaignReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a run as it goes. On a terminal: a progress bar (done / total, per-status counts, ETA)
 * redrawn in place, with a line per finished repository above it. Elsewhere (CI, cron, a pipe):
 * a line per finished repository and a progress line every minute. {@code --quiet}: only the
 * summary. {@code --json}: one JSON object per line per event, nothing else.
 */
final class RunPrinter implements RunProgress.Listener, AutoCloseable {
  enum Mode {
    TERMINAL,
    PLAIN,
    QUIET,
    JSON
  }

  static final Duration PLAIN_INTERVAL = Duration.ofMinutes(1);
  private static final int BAR = 24;

  private final PrintWriter out;
  private final Mode mode;
  private final Map<String, Integer> counts = new TreeMap<>((a, b) -> order(a) - order(b));
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private int total;
  private int done;
  private boolean barShown;

  RunPrinter(PrintWriter out, Mode mode) {
    this.out = out;
    this.mode = mode;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fleet-progress");
              t.setDaemon(true);
              return t;
            });
    if (mode == Mode.TERMINAL) {
      ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    } else if (mode == Mode.PLAIN) {
      long every = PLAIN_INTERVAL.toSeconds();
      ticker.scheduleAtFixedRate(this::plainProgress, every, every, TimeUnit.SECONDS);
    }
  }

  /** TERMINAL when both ends are a console, PLAIN otherwise, unless asked for quiet or JSON. */
  static Mode choose(boolean quiet, boolean json) {
    if (json) {
      return Mode.JSON;
    }
    if (quiet) {
      return Mode.QUIET;
    }
    String term = System.getenv("TERM");
    return System.console() != null && !"dumb".equals(term) ? Mode.TERMINAL : Mode.PLAIN;
  }

  private static int order(String status) {
    int i = CampaignReport.STATUS_ORDER.indexOf(status);
    return i < 0 ? 99 : i;
  }

  @Override
  public synchronized void runStarted(long runId, int repositories) {
    total = repositories;
    switch (mode) {
      case JSON -> json(Map.of("event", "run-started", "runId", runId, "repositories", repositories));
      case QUIET -> {}
      default -> line("Run " + runId + ": " + repositories + " repositories");
    }
  }

  @Override
  public synchronized void notice(String message) {
    switch (mode) {
      case JSON -> json(Map.of("event", "notice", "message", message));
      case QUIET -> {}
      default -> line(message);
    }
  }

  @Override
  public synchronized void runResumed(long runId, int repositories, int alreadyDone) {
    total = repositories;
    done = alreadyDone;
    switch (mode) {
      case JSON -> json(Map.of("event", "run-resumed", "runId", runId, "repositories", repositories, "done", alreadyDone));
      case QUIET -> {}
      default -> line("Run " + runId + " resumed: " + alreadyDone + " of " + repositories + " repositories already done, not redone");
    }
  }

  @Override
  public synchronized void started(String repository) {
    if (mode == Mode.JSON) {
      json(Map.of("event", "repository-started", "repository", repository));
    }
  }

  @Override
  public synchronized void finished(RepoOutcome o) {
    done++;
    counts.merge(o.status().name(), 1, Integer::sum);
    switch (mode) {
      case JSON -> {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "repository-finished");
        event.put("repository", o.repository());
        event.put("status", o.status().name());
        event.put("reason", o.reason());
        event.put("durationSeconds", o.duration().toMillis() / 1000.0);
        event.put("pullRequest", o.prNumber());
        event.put("done", done);
        event.put("total", total);
        json(event);
      }
      case QUIET -> {}
      default -> line(String.format("[%d/%d] %s: %s in %ds - %s", done, total, o.repository(), o.status(), o.duration().toSeconds(), o.reason()));
    }
  }

  private void line(String text) {
    if (mode == Mode.TERMINAL && barShown) {
      out.print("\r\u001B[2K");
    }
    out.println(text);
    if (mode == Mode.TERMINAL) {
      out.print(bar());
      barShown = true;
    }
    out.flush();
  }

  private synchronized void redraw() {
    if (barShown) {
      out.print("\r\u001B[2K" + bar());
      out.flush();
    }
  }

  private synchronized void plainProgress() {
    if (done < total) {
      out.println("progress: " + figures());
      out.flush();
    }
  }

  /** {@code [#########.........] 3/6 · 2 PR_OPENED, 1 NEEDS_HUMAN · 1m 2s elapsed · ETA 40s} */
  String bar() {
    int filled = total == 0 ? 0 : BAR * done / total;
    return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + figures();
  }

  private String figures() {
    StringBuilder text = new StringBuilder().append(done).append('/').append(total);
    if (!counts.isEmpty()) {
      text.append(" · ");
      counts.forEach((s, n) -> text.append(n).append(' ').append(s).append(", "));
      text.setLength(text.length() - 2);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    text.append(" · ").append(human(elapsed)).append(" elapsed");
    if (done > 0 && done < total) {
      text.append(" · ETA ").append(human(elapsed.multipliedBy(total - done).dividedBy(done)));
    }
    return text.toString();
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return (s / 3600) + "h " + (s % 3600 / 60) + "m";
  }

  private void json(Map<String, ?> event) {
    out.println(Json.LINES.writeValueAsString(event));
    out.flush();
  }

  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    if (mode == Mode.TERMINAL && barShown) {
      out.print("\r\u001B[2K");
      out.flush();
      barShown = false;
    }
  }

  void summary(RunSummary summary) {
    if (mode == Mode.JSON) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("event", "run-finished");
      event.put("campaign", summary.campaign());
      event.put("runId", summary.runId());
      event.put("jobStatus", summary.jobStatus());
      event.put("resumed", summary.resumed());
      Map<String, Long> byStatus = new TreeMap<>((a, b) -> order(a) - order(b));
      summary.outcomes().forEach(o -> byStatus.merge(o.status().name(), 1L, Long::sum));
      event.put("counts", byStatus);
      event.put("seconds", summary.wall().toSeconds());
      Map<String, String> reports = new LinkedHashMap<>();
      summary.reports().forEach((format, path) -> reports.put(format.name().toLowerCase(java.util.Locale.ROOT), path.toString()));
      event.put("reports", reports);
      json(event);
      return;
    }
    out.println();
    out.printf(
        "Campaign %s, run %d%s: %s in %s%n", summary.campaign(), summary.runId(), summary.resumed() ? " (resumed)" : "",
        summary.jobStatus(), human(summary.wall()));
    Table table = new Table("REPOSITORY", "STATUS", "TIME", "PR", "REASON");
    for (RepoOutcome o : summary.outcomes()) {
      table.row(o.repository(), o.status(), o.duration().toSeconds() + "s", o.prNumber() == null ? "-" : "#" + o.prNumber(), o.reason());
    }
    table.print(out);
    Map<String, Long> byStatus = new TreeMap<>((a, b) -> order(a) - order(b));
    summary.outcomes().forEach(o -> byStatus.merge(o.status().name(), 1L, Long::sum));
    StringBuilder line = new StringBuilder();
    byStatus.forEach((s, n) -> line.append(line.isEmpty() ? "" : ", ").append(n).append(' ').append(s));
    out.println(line);
    summary.reports().forEach((format, path) -> out.printf("%s report: %s%n", format, path));
    out.flush();
  }
}
