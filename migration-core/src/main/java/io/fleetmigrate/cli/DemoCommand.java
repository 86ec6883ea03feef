package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.CampaignService.RunOptions;
import io.fleetmigrate.campaign.CampaignService.RunSummary;
import io.fleetmigrate.demo.DemoFleet;
import io.fleetmigrate.inventory.RepoRef;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleet demo}: the whole path once, on a sample fleet, with nothing to set up. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Run a JUnit 4 -> 5 campaign on a sample fleet of twelve repositories.",
    description = {
      "Creates twelve small Maven projects as bare git repositories under DATA_DIR/demo/origins, imports them,"
          + " and runs the campaign DATA_DIR/demo/junit5-demo.yaml on them with the local code host."
          + " Running it again starts the demo afresh. Exits 0 when the run completed: the red repositories"
          + " of the sample fleet are red on purpose."
    })
public class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--concurrency", paramLabel = "N", description = "Builds run at once (default: 2); FLEET_PREFETCH (default 2) more repositories are in flight.")
  @Nullable Integer concurrency;

  @Override
  public Integer call() throws Exception {
    FleetCommand.of(spec).buildSettings(); // a mistyped build setting is a usage error before anything starts
    PrintWriter out = spec.commandLine().getOut();
    FleetCommand root = FleetCommand.of(spec);
    out.println("Fleet Migrate demo, data directory " + root.home().dir());
    out.flush();
    DemoFleet demo = root.bean(DemoFleet.class);
    List<RepoRef> repos = demo.recreate();
    out.printf("Sample fleet: %d repositories in %s%n", repos.size(), demo.dir().resolve("origins"));
    for (DemoFleet.Sample s : DemoFleet.SAMPLES) {
      out.printf("  %-17s %s (expected: %s)%n", s.name(), s.why(), s.expected());
    }
    out.printf("Campaign spec: %s%n%n", demo.specFile());
    out.flush();
    RunSummary summary =
        CampaignCommand.runWithProgress(root, io.fleetmigrate.campaign.SpecFile.read(demo.specFile()), new RunOptions(false, false, List.of(), null, concurrency), out, RunPrinter.choose(false, false));
    out.println();
    out.println("Next:");
    out.printf("  open %s%n", summary.reports().getOrDefault(io.fleetmigrate.report.ReportService.Format.HTML, root.home().reports(DemoFleet.CAMPAIGN)));
    out.printf("  scripts/fleet%s campaign status %s%n", dataDirFlag(root), DemoFleet.CAMPAIGN);
    out.printf("  scripts/fleet%s prs list %s%n", dataDirFlag(root), DemoFleet.CAMPAIGN);
    out.flush();
    return summary.completed() ? ExitCode.OK.code() : ExitCode.INTERNAL.code();
  }

  private static String dataDirFlag(FleetCommand root) {
    return root.dataDir == null ? "" : " --data-dir " + root.home().dir();
  }
}
