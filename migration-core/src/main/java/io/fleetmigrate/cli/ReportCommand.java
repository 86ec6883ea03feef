package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.report.ReportService;
import io.fleetmigrate.reports.CampaignReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleet report}: write a campaign's reports again, or somewhere else. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    header = "Write the reports of a campaign's latest run.",
    description = {
      "report.csv has one row per repository, report.json the same data, report.html is one self-contained page."
          + " 'campaign run' writes both at the end of every run."
    })
public class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CAMPAIGN", description = "The campaign's name.")
  String campaign;

  @Option(names = "--format", paramLabel = "FORMAT", split = ",", description = "csv, html, json, or a comma-separated list (default: csv,html,json).")
  List<String> formats = new ArrayList<>(List.of("csv", "html", "json"));

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: DATA_DIR/reports/CAMPAIGN).")
  @Nullable Path out;

  @Override
  public Integer call() throws Exception {
    List<ReportService.Format> wanted = new ArrayList<>();
    for (String f : formats) {
      switch (f.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "csv" -> wanted.add(ReportService.Format.CSV);
        case "html" -> wanted.add(ReportService.Format.HTML);
        case "json" -> wanted.add(ReportService.Format.JSON);
        default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown format '" + f + "': use csv, html or json");
      }
    }
    ReportService reports = FleetCommand.of(spec).bean(ReportService.class);
    CampaignReport report =
        reports.latest(campaign).orElseThrow(() -> new CampaignException("campaign '" + campaign + "' has no run yet"));
    Path dir = out != null ? out : reports.reportDir(campaign);
    Map<ReportService.Format, Path> written;
    try {
      written = reports.write(report, dir, wanted);
    } catch (java.io.IOException e) {
      String why = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
          : e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name is in the way" : e.toString();
      throw new UnwritableException("cannot write the reports to " + dir + " (" + why + "); choose a folder you can write with --out", e);
    }
    PrintWriter w = spec.commandLine().getOut();
    written.forEach((format, path) -> w.printf("%s report: %s%n", format, path));
    w.flush();
    return ExitCode.OK.code();
  }
}
