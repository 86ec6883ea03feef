package io.fleetmigrate.cli;

import io.fleetmigrate.batch.RunProgress;
import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.campaign.CampaignService;
import io.fleetmigrate.campaign.CampaignService.RunOptions;
import io.fleetmigrate.campaign.CampaignService.RunSummary;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.RunStore;
import io.fleetmigrate.store.PullRequestStore.PullRequestRecord;
import java.io.PrintWriter;
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
    subcommands = {
      CampaignCommand.Run.class,
      CampaignCommand.Resume.class,
      CampaignCommand.Status.class,
      CampaignCommand.Close.class,
      RolloutCommands.Advance.class,
      RolloutCommands.Pause.class,
      RolloutCommands.Resume.class
    })
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

    @Parameters(paramLabel = "SPEC", description = "The campaign spec (YAML); see docs/spec-reference.md.")
    Path specFile;

    @Option(names = "--dry-run", description = "Do everything but deliver: no push, no pull request; each diff is saved for review.")
    boolean dryRun;

    @Option(names = "--only", paramLabel = "failed", description = "Re-run only the repositories whose latest outcome in this campaign was not a success.")
    @Nullable Only only;

    @Option(names = "--repo", paramLabel = "NAME", description = "Run only this repository (repeatable), for a first canary.")
    List<String> repos = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", description = "Run at most N repositories.")
    @Nullable Integer limit;

    @Option(names = "--concurrency", paramLabel = "N", description = "Builds run at once (default: the spec's rollout.concurrency, else 2); FLEET_PREFETCH (default 2) more"
        + " repositories are in flight, cloning, rewriting or delivering while the others build.")
    @Nullable Integer concurrency;

    @Option(names = "--shards", paramLabel = "N", description = "Deal the selection into N shards, the unit a lane or a remote worker takes"
        + " (default: one per repository up to 256, at least 4 per lane).")
    @Nullable Integer shards;

    @Option(names = "--shard-index", paramLabel = "I", description = "Without a broker: run only slice I (0-based) of --shard-count"
        + " disjoint slices of the selection, as its own run; default $JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) when"
        + " --shard-count is given.")
    @Nullable Integer shardIndex;

    @Option(names = "--shard-count", paramLabel = "K", description = "The number of slices (see --shard-index).")
    @Nullable Integer shardCount;

    @Option(names = "--remote", description = "Be the manager of a remote run: send one request per shard over the broker (--broker-url) to"
        + " 'fleet worker' processes, which share the database (--db-url), and wait for them.")
    boolean remote;

    @Option(names = "--remote-timeout", paramLabel = "DURATION", description = "With --remote: wait at most this long for the workers (default 24h;"
        + " e.g. 90m). The run fails then and can be resumed.")
    @Nullable String remoteTimeout;

    @Option(names = "--new", description = "Start a new run even when the latest run of this same spec did not finish (it is closed as"
        + " ABANDONED); without it, such a run is carried on.")
    boolean newRun;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON object per line per event (notice, run-started or run-resumed, repository-started,"
        + " repository-finished, run-finished) and nothing else.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      // A missing spec, a folder or a file that is not text is said before anything else.
      String yaml = io.fleetmigrate.campaign.CampaignSpecReader.text(specFile);
      if (limit != null && limit < 1) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
      }
      if (concurrency != null && (concurrency < 1 || concurrency > 64)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--concurrency must be between 1 and 64");
      }
      FleetCommand.of(spec).buildSettings(); // a mistyped build setting is a usage error before anything starts
      // Validate the spec before opening the database: a typo should cost a second, not a start-up.
      // Read and parsed once: the run stores and runs exactly this text.
      io.fleetmigrate.campaign.SpecFile file = io.fleetmigrate.campaign.SpecFile.of(specFile, yaml);
      if (!remote) {
        // Where this process runs the builds, a verify.jdk it does not know would end every repository ERROR.
        // A remote run's builds are the workers', on their machines' JDKs: each repository checks there.
        checkJdks(FleetCommand.of(spec), file.spec());
      }
      CampaignService.Slice slice = null;
      if (shardCount != null || shardIndex != null) {
        Integer index = shardIndex;
        String env = System.getenv("JOB_COMPLETION_INDEX");
        if (index == null && env != null && env.matches("\\d+")) {
          index = Integer.valueOf(env);
        }
        if (shardCount == null || index == null) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(),
              "--shard-count K goes with --shard-index I (or $JOB_COMPLETION_INDEX)");
        }
        if (remote) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--shard-index/--shard-count are the broker-less way; not with --remote");
        }
        try {
          slice = new CampaignService.Slice(index, shardCount);
        } catch (IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
      }
      if (shards != null && shards < 1) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--shards must be at least 1");
      }
      RunOptions options = new RunOptions(dryRun, only == Only.failed, repos, limit, concurrency, slice, shards, newRun);
      FleetCommand root = FleetCommand.of(spec);
      if (remote) {
        java.util.Map<String, Object> role = new java.util.LinkedHashMap<>(root.remoteRole("manager", "campaign run --remote"));
        if (remoteTimeout != null) {
          try {
            role.put("fleet.remote.timeout", FleetCommand.duration(remoteTimeout).toString());
          } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--remote-timeout: " + e.getMessage());
          }
        }
        root.role(role);
      } else if (remoteTimeout != null) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--remote-timeout goes with --remote");
      }
      RunSummary summary = runWithProgress(root, file, options, spec.commandLine().getOut(), RunPrinter.choose(quiet, json));
      if (!summary.completed()) {
        return ExitCode.INTERNAL.code();
      }
      return summary.anyFailed() ? ExitCode.REPOSITORIES_FAILED.code() : ExitCode.OK.code();
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      header = "Carry on the latest run of CAMPAIGN after a crash (kill -9, reboot, a failed job).",
      description = {
        "Repositories that already have an outcome are not redone; the one that was mid-pipeline is redone from a fresh"
            + " clone; a pull request whose push was cut short is found on its branch, not pushed twice."
            + " A run whose process is gone is detected and recovered; a run that is still alive is left alone (exit 5)."
      })
  static class Resume implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign's name (the spec's 'name').")
    String campaign;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON object per line per event (run-resumed, repository-started, repository-finished, run-finished).")
    boolean json;

    @Option(names = "--remote", description = "Be the manager again: send the unfinished shards over the broker to 'fleet worker' processes"
        + " (needs --db-url and --broker-url, as 'campaign run --remote'). Without it the run is carried on in this process.")
    boolean remote;

    @Override
    public Integer call() throws Exception {
      FleetCommand.of(spec).buildSettings(); // a mistyped build setting is a usage error before anything starts
      FleetCommand root = FleetCommand.of(spec);
      if (remote) {
        root.role(new java.util.LinkedHashMap<>(root.remoteRole("manager", "campaign resume --remote")));
      }
      RunSummary summary = withProgress(
          root, spec.commandLine().getOut(), RunPrinter.choose(quiet, json), () -> root.bean(CampaignService.class).resume(campaign));
      if (!summary.completed()) {
        return ExitCode.INTERNAL.code();
      }
      return summary.anyFailed() ? ExitCode.REPOSITORIES_FAILED.code() : ExitCode.OK.code();
    }
  }

  /** Runs the spec {@code file} (read and parsed once, by the caller) with progress on {@code out}. */
  static RunSummary runWithProgress(
      FleetCommand root, io.fleetmigrate.campaign.SpecFile file, RunOptions options, PrintWriter out, RunPrinter.Mode mode)
      throws Exception {
    root.bean(io.fleetmigrate.deliver.github.GitHubConnections.class).checkBeforeRun(file.spec().codeHost(), options.dryRun());
    root.bean(io.fleetmigrate.deliver.gitlab.GitLabConnections.class).checkBeforeRun(file.spec().codeHost(), options.dryRun());
    return withProgress(root, out, mode, () -> root.bean(CampaignService.class).run(file, options));
  }

  /**
   * The spec's JDKs held to those this machine knows ({@link io.fleetmigrate.verify.SpecJdks}),
   * before the database opens or any repository is touched: an unknown {@code verify.jdk} is a spec
   * error; a build rule's, a warning on stderr. For runs whose builds run here (not {@code --remote}).
   */
  static void checkJdks(FleetCommand root, io.fleetmigrate.campaign.CampaignSpec spec) throws io.fleetmigrate.campaign.SpecException {
    List<String> warnings = io.fleetmigrate.verify.SpecJdks.check(spec, io.fleetmigrate.build.jdk.KnownJdks.of(root.buildSettings()));
    if (!warnings.isEmpty()) {
      PrintWriter err = root.spec.commandLine().getErr();
      warnings.forEach(w -> err.println("fleet: warning: " + w));
      err.flush();
    }
  }

  static RunSummary withProgress(FleetCommand root, PrintWriter out, RunPrinter.Mode mode, Callable<RunSummary> work)
      throws Exception {
    RunProgress progress = root.bean(RunProgress.class);
    try (RunPrinter printer = new RunPrinter(out, mode)) {
      progress.add(printer);
      RunSummary summary;
      try {
        summary = work.call();
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
  record StatusJson(String campaign, RunJson run, List<RepoJson> repositories, PullRequestsJson pullRequests, @Nullable RolloutJson rollout) {}

  /** How the campaign's pull requests ended (all runs). */
  record PullRequestsJson(int opened, int merged, int closedUnmerged, int open, @Nullable Integer mergeRatePercent,
      @Nullable Long medianSecondsToMerge) {}

  /** Where the rollout stands; {@code wave} is 1-based. */
  record RolloutJson(int wave, int waves, int reach, int selected, boolean paused, @Nullable String pausedBy, String reason) {}

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
      CampaignStore store = CampaignStore.of(FleetCommand.of(spec).dataSource());
      if (!store.runs().campaignExists(campaign)) {
        List<String> known = store.runs().campaignNames();
        throw new CampaignException(
            "no campaign named '" + campaign + "'" + (known.isEmpty() ? "; none has run yet" : "; known: " + String.join(", ", known)));
      }
      var run = store.runs().latestRun(campaign).orElseThrow(() -> new CampaignException("campaign '" + campaign + "' has no run yet"));
      Map<String, RepoOutcome> outcomes =
          store.outcomes().outcomes(run.id()).stream().collect(Collectors.toMap(RepoOutcome::repository, Function.identity()));
      Map<String, PullRequestRecord> prs =
          store.pullRequests().list(campaign).stream().collect(Collectors.toMap(PullRequestRecord::repository, Function.identity()));
      List<RepoJson> repos = new ArrayList<>();
      for (RunStore.SnapshotEntry entry : store.runs().snapshot(run.id())) {
        RepoOutcome o = outcomes.get(entry.repository());
        PullRequestRecord pr = o == null || o.prNumber() == null ? null : prs.get(entry.repository());
        repos.add(
            new RepoJson(
                entry.repository(),
                o == null ? "PENDING" : o.status().name(),
                o == null ? "not processed yet" : o.reason(),
                pr == null ? null : new PrJson(pr.number(), pr.branch(), pr.state().name(), pr.url())));
      }
      PrintWriter out = spec.commandLine().getOut();
      var ds = FleetCommand.of(spec).dataSource();
      io.fleetmigrate.rollout.Rollout.View view = new io.fleetmigrate.rollout.Rollout(
          new io.fleetmigrate.rollout.RolloutStore(ds), store, null).view(campaign, new io.fleetmigrate.inventory.InventoryStore(ds).list());
      var rate = view.mergeRate();
      if (json) {
        var state = view.state();
        var waves = view.waves();
        int wave = state == null ? 0 : state.wave();
        out.println(
            Json.write(
                new StatusJson(
                    campaign,
                    new RunJson(run.id(), run.status().name(), run.dryRun(), run.startedAt(), run.endedAt(), run.selection()),
                    repos,
                    new PullRequestsJson(rate.opened(), rate.merged(), rate.closedUnmerged(), rate.open(), rate.ratePercent(),
                        rate.medianTimeToMerge() == null ? null : rate.medianTimeToMerge().toSeconds()),
                    waves == null ? null : new RolloutJson(wave + 1, waves.count(), waves.members(wave).size(), waves.order().size(),
                        state != null && state.paused(), state == null ? null : state.pausedBy(), state == null ? "" : state.reason()))));
        out.flush();
        return ExitCode.OK.code();
      }
      out.printf("Campaign %s, run %d (%s%s), started %s%n", campaign, run.id(), run.status(), run.dryRun() ? ", dry run" : "", run.startedAt());
      if (run.endedAt() == null && !new io.fleetmigrate.store.CampaignLock(FleetCommand.of(spec).dataSource()).heldByALiveProcess(campaign)) {
        out.printf("The process of this run is gone: carry it on with 'fleet campaign resume %s'.%n", campaign);
      }
      Table table = new Table("REPOSITORY", "STATUS", "PR", "REASON");
      for (RepoJson r : repos) {
        table.row(r.name(), r.status(), r.pullRequest() == null ? "-" : "#" + r.pullRequest().number(), r.reason());
      }
      table.print(out);
      Map<String, Long> counts = repos.stream().collect(Collectors.groupingBy(RepoJson::status, java.util.TreeMap::new, Collectors.counting()));
      out.println(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
      out.println("Pull requests: " + rate.summary());
      String waveLine = view.waveLine();
      if (waveLine != null) {
        out.println("Rollout: " + waveLine);
      }
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
      if (!fleet.bean(CampaignStore.class).runs().campaignExists(campaign)) {
        throw new CampaignException("no campaign named '" + campaign + "'");
      }
      List<io.fleetmigrate.deliver.PullRequestTracker.Closing> closing =
          fleet.bean(io.fleetmigrate.deliver.PullRequestTracker.class).close(campaign, all, dryRun);
      PrintWriter out = spec.commandLine().getOut();
      int failed = 0;
      for (var c : closing) {
        String what = c.error() != null ? "NOT closed: " + c.error()
            : c.closed() ? "closed"
            : c.foundState() != null ? "already " + c.foundState().toLowerCase(java.util.Locale.ROOT) + " on the host; nothing done"
            : "would close";
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
