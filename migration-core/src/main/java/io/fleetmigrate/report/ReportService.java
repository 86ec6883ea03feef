package io.fleetmigrate.report;

import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.reports.CampaignReport;
import io.fleetmigrate.reports.CsvReport;
import io.fleetmigrate.reports.HtmlReport;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.CampaignStore.PullRequestRecord;
import io.fleetmigrate.store.CampaignStore.SnapshotEntry;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Builds a run's report model from the store and writes it. */
@Service
public class ReportService {
  /** The formats {@code fleet report} can write. */
  public enum Format {
    CSV("report.csv"),
    HTML("report.html");

    private final String fileName;

    Format(String fileName) {
      this.fileName = fileName;
    }

    public String fileName() {
      return fileName;
    }
  }

  private final CampaignStore store;
  private final FleetHome home;

  public ReportService(CampaignStore store, FleetHome home) {
    this.store = store;
    this.home = home;
  }

  public Path reportDir(String campaign) {
    return home.reports(campaign);
  }

  /** The latest run of {@code campaign}, if it has one. */
  public Optional<CampaignReport> latest(String campaign) {
    return store.latestRun(campaign).map(run -> load(run.id()));
  }

  public CampaignReport load(long runId) {
    CampaignStore.Run run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
    String description = store.campaignExists(run.campaign()) ? descriptionOf(run) : "";
    Map<String, RepoOutcome> outcomes =
        store.outcomes(runId).stream().collect(Collectors.toMap(RepoOutcome::repository, Function.identity()));
    Map<String, PullRequestRecord> prs =
        store.pullRequests(run.campaign()).stream().collect(Collectors.toMap(PullRequestRecord::repository, Function.identity()));
    List<CampaignReport.Row> rows = new ArrayList<>();
    for (SnapshotEntry entry : store.snapshot(runId)) {
      RepoOutcome o = outcomes.get(entry.repository());
      if (o == null) {
        rows.add(new CampaignReport.Row(entry.repository(), entry.owner(), "PENDING", "not processed yet", "-", 0, java.time.Duration.ZERO, null, null, null, null));
        continue;
      }
      PullRequestRecord pr = o.prNumber() == null ? null : prs.get(entry.repository());
      rows.add(
          new CampaignReport.Row(
              entry.repository(),
              entry.owner(),
              o.status().name(),
              o.reason(),
              o.stage().name(),
              o.filesChanged(),
              o.duration(),
              o.prNumber() == null ? null : entry.repository() + "#" + o.prNumber(),
              pr == null ? null : pr.url(),
              o.logDir(),
              o.diffPath()));
    }
    rows.sort(java.util.Comparator.comparing(CampaignReport.Row::repository));
    return new CampaignReport(run.campaign(), description, runId, run.dryRun(), run.status(), run.startedAt(), run.endedAt(), rows);
  }

  private static String descriptionOf(CampaignStore.Run run) {
    try {
      return io.fleetmigrate.campaign.CampaignSpecReader.parse(run.specYaml(), "run " + run.id()).description();
    } catch (io.fleetmigrate.campaign.SpecException e) {
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
    Map<Format, Path> written = new java.util.EnumMap<>(Format.class);
    for (Format format : formats) {
      Path target = dir.resolve(format.fileName());
      Path tmp = Files.createTempFile(dir, ".report", ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        switch (format) {
          case CSV -> CsvReport.write(report, out);
          case HTML -> HtmlReport.write(report, out);
        }
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      written.put(format, target);
    }
    return written;
  }
}
