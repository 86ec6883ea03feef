package io.fleetmigrate.cli;

import io.fleetmigrate.batch.RunProgress;
import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.campaign.CampaignService;
import io.fleetmigrate.campaign.CampaignService.RunOptions;
import io.fleetmigrate.campaign.CampaignService.RunSummary;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.CampaignStore.PullRequestRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleet campaign}: run campaigns and look at their state. */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    description = "Run a campaign spec over the inventory, and see where it stands.",
    subcommands = {CampaignCommand.Run.class, CampaignCommand.Status.class, CampaignCommand.Close.class})
public class CampaignCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Which repositories {@code --only} re-runs. */
  enum Only {
    failed
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      header = "Run a campaign spec over the repositories it selects.",
      description = {
        "For each repository: clone, baseline build, recipes, verify build, and a pull request when it is green."
            + " Prints a line per repository, then a summary, and writes CSV and HTML reports."
      })
  static class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The campaign spec (YAML); see README, 'Campaign spec'.")
    Path specFile;

    @Option(names = "--dry-run", description = "Do everything but deliver: no push, no pull request; each diff is saved for review.")
    boolean dryRun;

    @Option(names = "--only", paramLabel = "failed", description = "Re-run only the repositories whose latest outcome in this campaign was not a success.")
    @Nullable Only only;

    @Option(names = "--repo", paramLabel = "NAME", description = "Run only this repository (repeatable), for a first canary.")
    List<String> repos = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", description = "Run at most N repositories.")
    @Nullable Integer limit;

    @Option(names = "--concurrency", paramLabel = "N", description = "Repositories processed at once (default: the spec's rollout.concurrency, else 2).")
    @Nullable Integer concurrency;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON object per line per event (run-started, repository-finished, run-finished) and nothing else.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(specFile)) {
        throw new NoSuchFileException(specFile + ": no such campaign spec");
      }
      if (limit != null && limit < 1) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
      }
      if (concurrency != null && (concurrency < 1 || concurrency > 64)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--concurrency must be between 1 and 64");
      }
      // Validate the spec before opening the database: a typo should cost a second, not a start-up.
      io.fleetmigrate.campaign.CampaignSpecReader.read(specFile);
      RunOptions options = new RunOptions(dryRun, only == Only.failed, repos, limit, concurrency);
      RunSummary summary = runWithProgress(FleetCommand.of(spec), specFile, options, spec.commandLine().getOut(), RunPrinter.choose(quiet, json));
      if (!summary.completed()) {
        return ExitCode.INTERNAL.code();
      }
      return summary.anyFailed() ? ExitCode.REPOSITORIES_FAILED.code() : ExitCode.OK.code();
    }
  }

  static RunSummary runWithProgress(FleetCommand root, Path specFile, RunOptions options, PrintWriter out, RunPrinter.Mode mode)
      throws Exception {
    CampaignService campaigns = root.bean(CampaignService.class);
    RunProgress progress = root.bean(RunProgress.class);
    root.bean(io.fleetmigrate.deliver.github.GitHubConnections.class).checkBeforeRun(specFile, options.dryRun());
    try (RunPrinter printer = new RunPrinter(out, mode)) {
      progress.add(printer);
      RunSummary summary;
      try {
        summary = campaigns.run(specFile, options);
      } finally {
        progress.remove(printer);
        printer.close();
      }
      printer.summary(summary);
      if (!summary.completed()) {
        PrintWriter err = root.spec.commandLine().getErr();
        err.printf(
            "fleet: the campaign job ended %s; the outcomes above were recorded. Details: %s%n",
            summary.jobStatus(), FleetCommand.logFile(root));
        err.flush();
      }
      return summary;
    }
  }

  /** The JSON of {@code campaign status --json}. */
  record StatusJson(String campaign, RunJson run, List<RepoJson> repositories) {}

  record RunJson(long id, String status, boolean dryRun, OffsetDateTime startedAt, @Nullable OffsetDateTime endedAt, String selection) {}

  record RepoJson(String name, String status, String reason, @Nullable PrJson pullRequest) {}

  record PrJson(int number, String branch, String state, @Nullable String url) {}

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Print the outcome of every repository in the latest run of CAMPAIGN (also while it runs in another process).")
  static class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign's name (the spec's 'name').")
    String campaign;

    @Option(names = "--json", description = "Print JSON: {campaign, run, repositories: [{name, status, reason, pullRequest}]}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      CampaignStore store = FleetCommand.of(spec).bean(CampaignStore.class);
      if (!store.campaignExists(campaign)) {
        List<String> known = store.campaignNames();
        throw new CampaignException(
            "no campaign named '" + campaign + "'" + (known.isEmpty() ? "; none has run yet" : "; known: " + String.join(", ", known)));
      }
      var run = store.latestRun(campaign).orElseThrow(() -> new CampaignException("campaign '" + campaign + "' has no run yet"));
      Map<String, RepoOutcome> outcomes =
          store.outcomes(run.id()).stream().collect(Collectors.toMap(RepoOutcome::repository, Function.identity()));
      Map<String, PullRequestRecord> prs =
          store.pullRequests(campaign).stream().collect(Collectors.toMap(PullRequestRecord::repository, Function.identity()));
      List<RepoJson> repos = new ArrayList<>();
      for (CampaignStore.SnapshotEntry entry : store.snapshot(run.id())) {
        RepoOutcome o = outcomes.get(entry.repository());
        PullRequestRecord pr = o == null || o.prNumber() == null ? null : prs.get(entry.repository());
        repos.add(
            new RepoJson(
                entry.repository(),
                o == null ? "PENDING" : o.status().name(),
                o == null ? "not processed yet" : o.reason(),
                pr == null ? null : new PrJson(pr.number(), pr.branch(), pr.state(), pr.url())));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            Json.write(
                new StatusJson(
                    campaign,
                    new RunJson(run.id(), run.status(), run.dryRun(), run.startedAt(), run.endedAt(), run.selection()),
                    repos)));
        out.flush();
        return ExitCode.OK.code();
      }
      out.printf("Campaign %s, run %d (%s%s), started %s%n", campaign, run.id(), run.status(), run.dryRun() ? ", dry run" : "", run.startedAt());
      Table table = new Table("REPOSITORY", "STATUS", "PR", "REASON");
      for (RepoJson r : repos) {
        table.row(r.name(), r.status(), r.pullRequest() == null ? "-" : "#" + r.pullRequest().number(), r.reason());
      }
      table.print(out);
      Map<String, Long> counts = repos.stream().collect(Collectors.groupingBy(RepoJson::status, java.util.TreeMap::new, Collectors.counting()));
      out.println(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "close",
      mixinStandardHelpOptions = true,
      header = "Close the pull requests that are no longer needed.",
      description = {
        "Closes, with a comment, each open pull request of CAMPAIGN whose repository no longer needs the change: it"
            + " left the inventory or the spec's selection, or the campaign's latest run found nothing to change there"
            + " (NO_CHANGES). With --all, every open pull request of the campaign. Branches are left in place."
      })
  static class Close implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign's name.")
    String campaign;

    @Option(names = "--all", description = "Close every open pull request of the campaign (abandon it).")
    boolean all;

    @Option(names = "--dry-run", description = "Only list what would be closed, and why.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      FleetCommand fleet = FleetCommand.of(spec);
      if (!fleet.bean(CampaignStore.class).campaignExists(campaign)) {
        throw new CampaignException("no campaign named '" + campaign + "'");
      }
      List<io.fleetmigrate.deliver.PullRequestTracker.Closing> closing =
          fleet.bean(io.fleetmigrate.deliver.PullRequestTracker.class).close(campaign, all, dryRun);
      PrintWriter out = spec.commandLine().getOut();
      int failed = 0;
      for (var c : closing) {
        String what = c.error() != null ? "NOT closed: " + c.error() : c.closed() ? "closed" : "would close";
        if (c.error() != null) {
          failed++;
        }
        out.printf("%s #%d: %s (%s)%n", c.pr().repository(), c.pr().number(), what, c.reason());
      }
      if (closing.isEmpty()) {
        out.println("No open pull request of " + campaign + " needs closing.");
      }
      out.flush();
      return failed == 0 ? ExitCode.OK.code() : ExitCode.REPOSITORIES_FAILED.code();
    }
  }
}
