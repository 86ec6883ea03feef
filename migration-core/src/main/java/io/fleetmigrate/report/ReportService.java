package io.fleetmigrate.report;

import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.campaign.SpecException;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.reports.CampaignReport;
import io.fleetmigrate.reports.CsvReport;
import io.fleetmigrate.reports.HtmlReport;
import io.fleetmigrate.reports.JsonReport;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.CampaignHistory;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.OutcomeStore;
import io.fleetmigrate.store.RunStore;
import io.fleetmigrate.store.PullRequestStore.PullRequestRecord;
import io.fleetmigrate.store.RunStore.SnapshotEntry;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/** Builds a run's report model from the store and the run's files, and writes it. */
@Service
public class ReportService {
  /** The formats {@code fleet report} can write. */
  public enum Format {
    CSV("report.csv"),
    HTML("report.html"),
    JSON("report.json");

    private final String fileName;

    Format(String fileName) {
      this.fileName = fileName;
    }

    public String fileName() {
      return fileName;
    }
  }

  /** How many lines of a red build's log the detail section quotes. */
  static final int DIAGNOSTIC_LINES = 15;

  private final CampaignStore store;
  private final CampaignHistory history;
  private final FleetHome home;

  private final io.fleetmigrate.rollout.Rollout rollout;
  private final io.fleetmigrate.inventory.InventoryStore inventory;

  public ReportService(CampaignStore store, CampaignHistory history, FleetHome home, io.fleetmigrate.rollout.Rollout rollout,
      io.fleetmigrate.inventory.InventoryStore inventory) {
    this.rollout = rollout;
    this.inventory = inventory;
    this.store = store;
    this.history = history;
    this.home = home;
  }

  public Path reportDir(String campaign) {
    return home.reports(campaign);
  }

  /** The latest run of {@code campaign}, if it has one. */
  public Optional<CampaignReport> latest(String campaign) {
    return store.runs().latestRun(campaign).map(run -> load(run.id()));
  }

  public CampaignReport load(long runId) {
    RunStore.Run run = store.runs().run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
    Map<String, RepoOutcome> outcomes =
        store.outcomes().outcomes(runId).stream().collect(Collectors.toMap(RepoOutcome::repository, Function.identity()));
    List<PullRequestRecord> allPrs = store.pullRequests().list(run.campaign());
    Map<String, PullRequestRecord> prs = allPrs.stream().collect(Collectors.toMap(PullRequestRecord::repository, Function.identity()));
    io.fleetmigrate.rollout.Rollout.View view;
    try {
      view = rollout.view(run.campaign(), inventory.list());
    } catch (io.fleetmigrate.campaign.CampaignException e) {
      // A spec stored by an older Fleet that no longer parses: the report still shows the merge figures.
      view = new io.fleetmigrate.rollout.Rollout.View(null, null,
          io.fleetmigrate.rollout.Rollout.mergeRate(rollout.pullRequests(run.campaign())));
    }
    Map<String, Duration> timeToMerge = new java.util.HashMap<>();
    for (io.fleetmigrate.rollout.TrackedPullRequest p : rollout.pullRequests(run.campaign())) {
      if (p.merged() && p.mergedAt() != null) {
        timeToMerge.put(p.repository(), Duration.between(p.openedAt(), p.mergedAt()));
      }
    }
    // Every open flagged pull request of the campaign, whichever run delivered it (kept with the pull request).
    List<CampaignReport.Flagged> lowTests = store.pullRequests().flagged(run.campaign()).stream()
        .filter(f -> f.state() == PullRequestStatus.OPEN)
        .map(f -> new CampaignReport.Flagged(f.repository(), f.repository() + "#" + f.number(), f.url(),
            io.fleetmigrate.rollout.RiskFlag.why(f.risk())))
        .toList();
    List<CampaignReport.Row> rows = new ArrayList<>();
    for (SnapshotEntry entry : store.runs().snapshot(runId)) {
      RepoOutcome o = outcomes.get(entry.repository());
      if (o == null) {
        rows.add(
            new CampaignReport.Row(
                entry.repository(), entry.owner(), "PENDING", "not processed yet", "-", 0, 0, 0, 0, Duration.ZERO, null, null, null,
                null, null, null, CampaignReport.Detail.empty()));
        continue;
      }
      PullRequestRecord pr = o.prNumber() == null ? null : prs.get(entry.repository());
      List<OutcomeStore.FixAttemptRecord> fixes = store.outcomes().fixAttempts(runId, entry.repository());
      int modelAttempts = (int) fixes.stream().filter(f -> !f.result().startsWith("JUDGE_")).count();
      long tokensIn = fixes.stream().mapToLong(OutcomeStore.FixAttemptRecord::inputTokens).sum();
      long tokensOut = fixes.stream().mapToLong(OutcomeStore.FixAttemptRecord::outputTokens).sum();
      rows.add(
          new CampaignReport.Row(
              entry.repository(),
              entry.owner(),
              o.status().name(),
              o.reason(),
              o.stage().name(),
              o.filesChanged(),
              modelAttempts,
              tokensIn,
              tokensOut,
              o.duration(),
              o.prNumber() == null ? null : entry.repository() + "#" + o.prNumber(),
              pr == null ? null : pr.url(),
              pr == null ? null : pr.state().name(),
              null, // checks: the local host runs no CI
              o.logDir(),
              o.diffPath(),
              detail(runId, o),
              view.waveOf(entry.repository()),
              timeToMerge.get(entry.repository())));
    }
    rows.sort(Comparator.comparing(CampaignReport.Row::repository));
    Map<String, Long> prStates =
        allPrs.stream().filter(p -> p.state() != PullRequestStatus.PENDING)
            .collect(Collectors.groupingBy(p -> p.state().name(), Collectors.counting()));
    OffsetDateTime now = run.endedAt() != null ? run.endedAt() : OffsetDateTime.now(ZoneOffset.UTC);
    List<CampaignReport.BurndownPoint> burndown =
        Burndown.points(
            history.scope(run.campaign()), history.events(run.campaign()), history.firstRunStart(run.campaign()).orElse(run.startedAt()), now);
    return new CampaignReport(
        run.campaign(), descriptionOf(run), runId, run.dryRun(), run.status().name(), run.startedAt(), run.endedAt(), rows, prStates, burndown,
        view.mergeRate(), view.waveLine(), lowTests);
  }

  private CampaignReport.Detail detail(long runId, RepoOutcome outcome) {
    List<CampaignReport.Stage> stages = new ArrayList<>();
    OutcomeStore.Attempt red = null;
    for (OutcomeStore.Attempt a : store.outcomes().attempts(runId, outcome.repository())) {
      stages.add(new CampaignReport.Stage(a.stage(), a.command(), a.exitCode(), a.timedOut(), a.duration(), a.summary(), a.logPath(), a.isolation()));
      if (a.timedOut() || (a.exitCode() != null && a.exitCode() != 0)) {
        red = a;
      }
    }
    List<String> diagnostics = red == null || red.logPath() == null ? List.of() : errorLines(Path.of(red.logPath()));
    List<CampaignReport.FileStat> diffstat = outcome.diffPath() == null ? List.of() : diffstat(Path.of(outcome.diffPath()));
    return new CampaignReport.Detail(stages, diffstat, diagnostics);
  }

  /** The first {@code [ERROR]} lines of a Maven log, without Maven's advice footer. */
  static List<String> errorLines(Path log) {
    if (!Files.isRegularFile(log)) {
      return List.of();
    }
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines
          .map(l -> l.replaceAll("\u001B\\[[;\\d]*m", ""))
          .filter(l -> l.startsWith("[ERROR]") && l.length() > 8)
          .filter(l -> !l.startsWith("[ERROR] -> [Help") && !l.startsWith("[ERROR] To see the full") && !l.startsWith("[ERROR] Re-run Maven")
              && !l.startsWith("[ERROR] For more information") && !l.startsWith("[ERROR] [Help") && !l.startsWith("[ERROR] After correcting"))
          .distinct()
          .limit(DIAGNOSTIC_LINES)
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of("(log unreadable: " + e.getMessage() + ")");
    }
  }

  /** Lines added and removed per file of a unified diff. */
  static List<CampaignReport.FileStat> diffstat(Path diff) {
    if (!Files.isRegularFile(diff)) {
      return List.of();
    }
    Map<String, int[]> stats = new LinkedHashMap<>();
    String current = null;
    try (Stream<String> lines = Files.lines(diff, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.startsWith("diff --git ")) {
          int b = line.lastIndexOf(" b/");
          current = b > 0 ? line.substring(b + 3) : line.substring(11);
          stats.putIfAbsent(current, new int[2]);
        } else if (current != null && line.startsWith("+") && !line.startsWith("+++ ")) {
          stats.get(current)[0]++;
        } else if (current != null && line.startsWith("-") && !line.startsWith("--- ")) {
          stats.get(current)[1]++;
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
    return stats.entrySet().stream().map(e -> new CampaignReport.FileStat(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
  }

  private static String descriptionOf(RunStore.Run run) {
    try {
      return CampaignSpecReader.parse(run.specYaml(), "run " + run.id()).description();
    } catch (SpecException e) {
      return "";
    }
  }

  /** Writes the run's reports to the campaign's report folder; returns the files written. */
  public Map<Format, Path> writeDefault(long runId) throws IOException {
    CampaignReport report = load(runId);
    return write(report, home.reports(report.campaign()), List.of(Format.values()));
  }

  /** Writes {@code report} in {@code formats} into {@code dir}; each file is replaced atomically. */
  public Map<Format, Path> write(CampaignReport report, Path dir, List<Format> formats) throws IOException {
    Files.createDirectories(dir);
    Map<Format, Path> written = new EnumMap<>(Format.class);
    for (Format format : formats) {
      Path target = dir.resolve(format.fileName());
      Path tmp = Files.createTempFile(dir, ".report", ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        switch (format) {
          case CSV -> CsvReport.write(report, out);
          case HTML -> HtmlReport.write(report, out);
          case JSON -> JsonReport.write(report, out);
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the default permissions stay
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      written.put(format, target);
    }
    return written;
  }

}
