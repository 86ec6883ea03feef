package io.fleetmigrate.campaign;

import io.fleetmigrate.batch.CampaignJobConfiguration;
import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.recipes.InvalidRecipeException;
import io.fleetmigrate.report.ReportService;
import io.fleetmigrate.rewrite.RewriteStation;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.RunStatus;
import io.fleetmigrate.store.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Starts a campaign run: validates the spec against the recipe catalog, selects repositories,
 * freezes them into the run's snapshot and launches the job through {@link JobOperator} with
 * explicit parameters (so that a failed run can later be restarted as the same job instance).
 */
@Service
public class CampaignService {
  private final CampaignStore store;
  private final InventoryStore inventory;
  private final RewriteStation rewrite;
  private final JobOperator jobOperator;
  private final Job campaignJob;
  private final ReportService reports;
  private final io.fleetmigrate.batch.RunProgress progress;
  private final io.fleetmigrate.store.CampaignLock locks;
  private final JobRepository jobRepository;
  private final io.fleetmigrate.store.WorkerRegistry workers;
  private final io.fleetmigrate.fix.ModelProviders models;
  private final io.fleetmigrate.rollout.Rollout rollout;
  private final io.fleetmigrate.rollout.RolloutStore rollouts;

  public CampaignService(
      CampaignStore store,
      InventoryStore inventory,
      RewriteStation rewrite,
      JobOperator jobOperator,
      Job campaignJob,
      ReportService reports,
      io.fleetmigrate.batch.RunProgress progress,
      io.fleetmigrate.store.CampaignLock locks,
      JobRepository jobRepository,
      io.fleetmigrate.store.WorkerRegistry workers,
      io.fleetmigrate.fix.ModelProviders models,
      io.fleetmigrate.rollout.Rollout rollout,
      io.fleetmigrate.rollout.RolloutStore rollouts) {
    this.models = models;
    this.rollout = rollout;
    this.rollouts = rollouts;
    this.jobRepository = jobRepository;
    this.workers = workers;
    this.progress = progress;
    this.locks = locks;
    this.store = store;
    this.inventory = inventory;
    this.rewrite = rewrite;
    this.jobOperator = jobOperator;
    this.campaignJob = campaignJob;
    this.reports = reports;
  }

  /**
   * How to narrow and shape one run.
   *
   * @param dryRun do everything but deliver; keep each diff for review
   * @param onlyFailed take only repositories whose latest outcome in this campaign was not a success
   * @param repositories take only these repositories (by inventory name); empty means all selected
   * @param limit take at most this many (after the other filters), for a first canary
   * @param concurrency build lanes; {@code null} means the spec's {@code rollout.concurrency}
   * @param slice only this slice of the selection (broker-less scale-out); {@code null}: all of it
   * @param shards how many shards (partitions) to deal the selection into; {@code null}: one per
   *     repository up to 256, at least 4 per lane
   * @param newRun start a new run even when the latest run of the same spec did not finish (that
   *     one is then abandoned instead of carried on)
   */
  public record RunOptions(
      boolean dryRun, boolean onlyFailed, List<String> repositories, @Nullable Integer limit, @Nullable Integer concurrency,
      @Nullable Slice slice, @Nullable Integer shards, boolean newRun) {
    public RunOptions {
      repositories = List.copyOf(repositories);
    }

    public RunOptions(
        boolean dryRun, boolean onlyFailed, List<String> repositories, @Nullable Integer limit, @Nullable Integer concurrency) {
      this(dryRun, onlyFailed, repositories, limit, concurrency, null, null, false);
    }

    public static RunOptions defaults() {
      return new RunOptions(false, false, List.of(), null, null);
    }
  }

  /**
   * One of {@code count} disjoint slices of the selection, for running a campaign without a broker
   * as {@code count} independent processes (a Kubernetes Indexed Job: one slice per index). A
   * repository belongs to slice {@code floorMod(name.hashCode(), count)}: stable across processes,
   * machines and JVM versions ({@code String.hashCode} is specified). Each slice is its own run and
   * holds its own lock, so the slices of one campaign run side by side.
   */
  public record Slice(int index, int count) {
    public Slice {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException("slice " + index + " of " + count + ": need 0 <= index < count");
      }
    }

    public boolean holds(String repository) {
      return Math.floorMod(repository.hashCode(), count) == index;
    }

    String lockName(String campaign) {
      return campaign + "#" + index + "/" + count;
    }
  }

  /**
   * What a run did.
   *
   * @param resumed whether this was an unfinished run carried on (after a crash), not a new one
   */
  public record RunSummary(
      long runId, String campaign, String jobStatus, List<RepoOutcome> outcomes, Map<ReportService.Format, Path> reports, Duration wall,
      boolean resumed) {
    public RunSummary(
        long runId, String campaign, String jobStatus, List<RepoOutcome> outcomes, Map<ReportService.Format, Path> reports, Duration wall) {
      this(runId, campaign, jobStatus, outcomes, reports, wall, false);
    }

    public boolean completed() {
      return "COMPLETED".equals(jobStatus);
    }

    public boolean anyFailed() {
      return outcomes.stream().anyMatch(o -> o.status().failure());
    }
  }

  /**
   * Reads, validates and stores {@code specFile}, then runs it, holding the campaign's lock so that
   * no other run of the same campaign (in any process sharing the store) overlaps it.
   */
  public RunSummary run(Path specFile, RunOptions options)
      throws SpecException, CampaignException, CampaignBusyException, InvalidRecipeException, BuildException, IOException {
    return run(SpecFile.read(specFile), options);
  }

  /** {@link #run(Path, RunOptions)} with the spec already read and parsed (once, by the command). */
  public RunSummary run(SpecFile file, RunOptions options)
      throws SpecException, CampaignException, CampaignBusyException, InvalidRecipeException, BuildException, IOException {
    CampaignSpec spec = file.spec();
    String lockName = options.slice() == null ? spec.name() : options.slice().lockName(spec.name());
    var held = locks.tryAcquire(lockName);
    if (held.isEmpty()) {
      String by = locks.holder(lockName).map(h -> " by " + h.holder() + " since " + h.acquiredAt()).orElse("");
      throw new CampaignBusyException("campaign '" + spec.name() + "' is already running" + by + "; not started twice");
    }
    try (var lock = held.get()) {
      return runLocked(file, options);
    }
  }

  private RunSummary runLocked(SpecFile read, RunOptions options)
      throws SpecException, CampaignException, InvalidRecipeException, BuildException, IOException {
    long start = System.nanoTime();
    Path specFile = read.path();
    CampaignSpec spec = read.spec();
    String yaml = read.yaml();
    List<SpecRecipeFiles.RecipeFile> recipeFiles = SpecRecipeFiles.nextTo(specFile);
    String recipeYaml = SpecRecipeFiles.join(recipeFiles);
    if (!validatedBefore(spec.name(), yaml, recipeYaml)) {
      for (SpecRecipeFiles.RecipeFile file : recipeFiles) {
        rewrite.catalog(file.yaml(), file.path().toString()); // each file alone first: errors name the file
      }
      try {
        rewrite.validate(spec.recipes(), recipeYaml);
      } catch (InvalidRecipeException e) {
        throw placed(e, specFile, yaml, spec);
      }
    }
    // An unfinished run of this campaign (its process died: we hold the lock) is carried on when
    // it is the same run again -- same spec, same recipes, same mode, no narrowing -- which is what
    // an unattended re-run (cron, CI retry) means. Anything else starts a new run, and the old one
    // is closed through Batch (abandoned) so it is never resumed later by surprise. A slice run
    // (--shard-index) holds only its slice's lock, which proves nothing about the campaign's other
    // runs, so it leaves them alone.
    Optional<RunStore.Run> unfinished = store.runs().latestRun(spec.name()).filter(r -> r.status().resumable());
    if (unfinished.isPresent() && options.slice() == null) {
      RunStore.Run old = unfinished.get();
      String unlike = notTheSameRun(old, yaml, recipeYaml, options);
      if (unlike == null) {
        progress.notice("Run " + old.id() + " of campaign " + spec.name() + " did not finish (" + old.status() + ", started "
            + old.startedAt() + ") and this is the same run again: carrying it on, as 'fleet campaign resume " + spec.name()
            + "' would. To start a new run instead, add --new.");
        return resumeLocked(old, start);
      }
      progress.notice("Run " + old.id() + " of campaign " + spec.name() + " did not finish (" + old.status() + "); " + unlike
          + ", so it is closed as ABANDONED and a new run starts.");
      abandon(old);
    }
    List<RepoRef> selected = select(spec, options);
    io.fleetmigrate.fix.ModelProviders.Choice model = modelChoice(); // before any row: bad input creates no run
    // The campaign row first: the rollout's rows, like the run's, belong to it.
    store.runs().saveCampaign(spec.name(), spec.description(), specFile.toAbsolutePath().toString(), yaml);
    // The waves lie over the spec's whole selection, whatever this run narrows it to; a dry run
    // delivers nothing, so it neither moves nor reads the rollout.
    var plan = spec.rollout().inWaves() && !options.dryRun()
        ? rollout.plan(spec, spec.repositories().apply(inventory.list()), progress::notice)
        : null;
    int concurrency = options.concurrency() != null ? options.concurrency() : spec.rollout().concurrency();

    long runId = store.runs().createRun(spec.name(), yaml, recipeYaml, options.dryRun(), concurrency, describe(options, selected.size()));
    // The model a spec without one gets from the environment is frozen now, like the spec itself.
    store.runs().freezeModel(runId, model);
    // Fine shards, so that the lanes end together: with a few coarse ones, the last shard's lane
    // worked on alone (a 12% idle tail in scripts/bench-fleet). One per repository up to 256.
    int shards = options.shards() != null
        ? Math.min(selected.size(), options.shards())
        : Math.max(1, Math.min(selected.size(), Math.max(concurrency * 4, MAX_FINE_SHARDS)));
    store.runs().snapshot(runId, selected, shards);
    if (plan != null) {
      Set<String> names = selected.stream().map(RepoRef::name).collect(Collectors.toSet());
      rollouts.hold(runId, plan.held().entrySet().stream().filter(e -> names.contains(e.getKey()))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    progress.runStarted(runId, selected.size());
    JobParameters parameters = parameters(runId, concurrency);
    JobExecution execution;
    try {
      execution = jobOperator.start(campaignJob, parameters);
    } catch (Exception e) {
      store.runs().finishRun(runId, RunStatus.FAILED);
      throw new IllegalStateException("the campaign job could not start: " + e.getMessage(), e);
    }
    return summary(runId, spec.name(), execution, start, false);
  }

  /** {@code e} placed on the recipe (or option) of the spec it is about: file, line and column. */
  private static InvalidRecipeException placed(InvalidRecipeException e, Path specFile, String yaml, CampaignSpec spec) {
    String recipe = e instanceof io.fleetmigrate.recipes.RecipeNotFoundException missing ? missing.name()
        : e instanceof io.fleetmigrate.recipes.RecipeOptionsException options ? options.recipe() : null;
    String option = e instanceof io.fleetmigrate.recipes.RecipeOptionsException options ? options.option() : null;
    for (int i = 0; recipe != null && i < spec.recipes().size(); i++) {
      if (spec.recipes().get(i).name().equals(recipe)) {
        return new InvalidRecipeException(CampaignSpecReader.locate(yaml, specFile.toString(), i, option) + e.getMessage(), e);
      }
    }
    return e;
  }

  private RunSummary summary(long runId, String campaign, JobExecution execution, long start, boolean resumed) {
    Map<ReportService.Format, Path> written = new java.util.EnumMap<>(ReportService.Format.class);
    for (ReportService.Format format : ReportService.Format.values()) {
      Path path = reports.reportDir(campaign).resolve(format.fileName());
      if (Files.exists(path)) {
        written.put(format, path);
      }
    }
    return new RunSummary(
        runId, campaign, execution.getStatus().name(), store.outcomes().outcomes(runId), written, Duration.ofNanos(System.nanoTime() - start), resumed);
  }

  private static JobParameters parameters(long runId, int concurrency) {
    return new JobParametersBuilder()
        .addLong(CampaignJobConfiguration.RUN_ID, runId, true)
        .addLong(CampaignJobConfiguration.CONCURRENCY, (long) concurrency, false)
        .toJobParameters();
  }

  /**
   * Why a {@code campaign run} with {@code yaml}, {@code recipeYaml} and {@code options} is not the
   * unfinished run {@code old} again, or {@code null} when it is (and so carries it on).
   */
  static @Nullable String notTheSameRun(RunStore.Run old, String yaml, String recipeYaml, RunOptions options) {
    if (options.newRun()) {
      return "--new asks for a new run";
    }
    if (!old.specYaml().equals(yaml)) {
      return "the spec changed since";
    }
    if (!java.util.Objects.equals(old.recipeYaml() == null ? "" : old.recipeYaml(), recipeYaml)) {
      return "the recipe files next to the spec changed since";
    }
    if (old.dryRun() != options.dryRun()) {
      return old.dryRun() ? "it was a dry run and this one is not" : "this is a dry run and it was not";
    }
    if (options.onlyFailed() || !options.repositories().isEmpty() || options.limit() != null) {
      return "--only, --repo or --limit narrow this run";
    }
    return null;
  }

  /**
   * Carries on the latest run of {@code campaign} where it stopped: repositories with an outcome
   * are not redone, the one that was mid-pipeline is redone from a fresh clone, and a pull request
   * half-delivered is reconciled by the code host (it finds the branch it pushed).
   */
  public RunSummary resume(String campaign) throws CampaignException, CampaignBusyException {
    if (!store.runs().campaignExists(campaign)) {
      List<String> known = store.runs().campaignNames();
      throw new CampaignException(
          "no campaign named '" + campaign + "'" + (known.isEmpty() ? "; none has run yet" : "; known: " + String.join(", ", known)));
    }
    var held = locks.tryAcquire(campaign);
    if (held.isEmpty()) {
      String by = locks.holder(campaign).map(h -> " by " + h.holder() + " since " + h.acquiredAt()).orElse("");
      throw new CampaignBusyException("campaign '" + campaign + "' is running" + by + "; it is not stale, so it is not resumed");
    }
    try (var lock = held.get()) {
      RunStore.Run run = store.runs().latestRun(campaign).orElseThrow(() -> new CampaignException("campaign '" + campaign + "' has no run yet"));
      if (!run.status().resumable()) {
        throw new CampaignException(
            "campaign '" + campaign + "' has nothing to resume: its latest run " + run.id() + " ended " + run.status()
                + "; start a new one with: fleet campaign run SPEC");
      }
      return resumeLocked(run, System.nanoTime());
    }
  }

  /**
   * Holding the campaign's lock proves the run's process is gone (it held the lock while it ran):
   * a job execution the store still calls running is stale. Batch marks it failed
   * ({@link JobOperator#recover}) and then restarts the same job instance ({@code run.id}), which
   * skips completed partitions and resumes each shard at its saved position.
   */
  private RunSummary resumeLocked(RunStore.Run run, long start) {
    JobParameters parameters = parameters(run.id(), run.concurrency());
    JobInstance instance = jobRepository.getJobInstance(CampaignJobConfiguration.JOB_NAME, parameters);
    int total = store.runs().snapshot(run.id()).size();
    int done = store.outcomes().outcomes(run.id()).size();
    progress.runResumed(run.id(), total, done);
    awaitLiveWorkers(run.id());
    JobExecution execution;
    try {
      JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
      if (last == null) {
        // The process died after freezing the snapshot and before the job started.
        execution = jobOperator.start(campaignJob, parameters);
      } else {
        if (last.getStatus().isRunning()) {
          last = jobOperator.recover(last);
        }
        execution = last.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED
            ? last // the job ended; only our run row missed it
            : jobOperator.restart(last);
      }
    } catch (Exception e) {
      throw new IllegalStateException("run " + run.id() + " of campaign '" + run.campaign() + "' could not be resumed: " + e.getMessage(), e);
    }
    if (execution.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED) {
      store.runs().finishRun(run.id(), RunStatus.COMPLETED);
    }
    return summary(run.id(), run.campaign(), execution, start, true);
  }

  /**
   * A remote run's manager died, but its workers did not: the shards they hold run on and end by
   * themselves. Restarting the job now would send those shards out a second time, so wait until no
   * live worker holds one (each ends its step, or dies and its heartbeat goes stale).
   */
  private void awaitLiveWorkers(long runId) {
    List<io.fleetmigrate.store.WorkerRegistry.Claim> held = workers.liveClaims(runId);
    if (held.isEmpty()) {
      return;
    }
    progress.notice("Run " + runId + ": " + held.size() + " shard" + (held.size() == 1 ? " is" : "s are")
        + " still running on live workers (" + held.stream().map(c -> c.workerId()).distinct().collect(Collectors.joining(", "))
        + "); waiting for them to end before the run is carried on");
    while (!held.isEmpty()) {
      try {
        Thread.sleep(io.fleetmigrate.store.WorkerRegistry.HEARTBEAT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the workers of run " + runId, e);
      }
      held = workers.liveClaims(runId);
    }
  }

  /** Closes an unfinished run that a new run replaces: recovered and abandoned through Batch. */
  private void abandon(RunStore.Run run) {
    JobInstance instance = jobRepository.getJobInstance(CampaignJobConfiguration.JOB_NAME, parameters(run.id(), run.concurrency()));
    JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
    if (last != null) {
      if (last.getStatus().isRunning()) {
        last = jobOperator.recover(last);
      }
      try {
        jobOperator.abandon(last);
      } catch (org.springframework.batch.core.launch.JobExecutionAlreadyRunningException e) {
        throw new IllegalStateException("run " + run.id() + " could not be abandoned: " + e.getMessage(), e);
      }
    }
    store.runs().finishRun(run.id(), RunStatus.ABANDONED);
  }

  private static final int MAX_FINE_SHARDS = 256;

  /**
   * Whether the campaign's latest run completed with exactly this spec and these YAML recipes: they
   * were validated against the recipe catalog then, and scanning the classpath for the catalog
   * (tens of seconds on a busy machine) is what a re-run with nothing to do would otherwise cost.
   * A recipe that has gone since (another Fleet version) still ends its repositories with a clear
   * ERROR in the rewrite stage.
   */
  private boolean validatedBefore(String campaign, String specYaml, String recipeYaml) {
    return store.runs().latestRun(campaign)
        .filter(r -> r.status() == RunStatus.COMPLETED && r.specYaml().equals(specYaml)
            && java.util.Objects.equals(r.recipeYaml() == null ? "" : r.recipeYaml(), recipeYaml))
        .isPresent();
  }

  /** The spec's selection over the inventory, then the run's narrowing options, in that order. */
  List<RepoRef> select(CampaignSpec spec, RunOptions options) throws CampaignException {
    List<RepoRef> all = inventory.list();
    if (all.isEmpty()) {
      throw new CampaignException("the inventory is empty: import repositories first (fleet inventory import FILE|FOLDER)");
    }
    List<RepoRef> selected = new ArrayList<>(spec.repositories().apply(all));
    if (!options.repositories().isEmpty()) {
      Set<String> known = all.stream().map(RepoRef::name).collect(Collectors.toSet());
      Set<String> unknown = new TreeSet<>(options.repositories());
      unknown.removeAll(known);
      if (!unknown.isEmpty()) {
        throw new CampaignException("not in the inventory: " + String.join(", ", unknown));
      }
      Set<String> inSelection = selected.stream().map(RepoRef::name).collect(Collectors.toSet());
      Set<String> outside = new TreeSet<>(options.repositories());
      outside.removeAll(inSelection);
      if (!outside.isEmpty()) {
        throw new CampaignException(
            "not selected by the spec's 'repositories' section: " + String.join(", ", outside));
      }
      selected.removeIf(r -> !options.repositories().contains(r.name()));
    }
    if (options.slice() != null) {
      selected.removeIf(r -> !options.slice().holds(r.name()));
    }
    if (options.onlyFailed()) {
      Map<String, RepoOutcome> latest = store.outcomes().latestOutcomes(spec.name());
      selected.removeIf(r -> !latest.containsKey(r.name()) || latest.get(r.name()).status().success());
    }
    if (options.limit() != null && selected.size() > options.limit()) {
      selected = new ArrayList<>(selected.subList(0, options.limit()));
    }
    if (selected.isEmpty()) {
      throw new CampaignException(
          options.onlyFailed()
              ? "no repository of campaign '" + spec.name() + "' has a failed latest outcome: nothing to re-run"
              : "the selection matched no repository of the inventory (" + all.size() + " known)");
    }
    return selected;
  }

  private static String describe(RunOptions options, int count) {
    List<String> parts = new ArrayList<>();
    parts.add(count + " repositories");
    if (options.onlyFailed()) {
      parts.add("only failed");
    }
    if (!options.repositories().isEmpty()) {
      parts.add("repo " + String.join(",", options.repositories()));
    }
    if (options.limit() != null) {
      parts.add("limit " + options.limit());
    }
    if (options.slice() != null) {
      parts.add("slice " + options.slice().index() + "/" + options.slice().count());
    }
    return String.join("; ", parts);
  }

  /** The model the environment names, checked before a run exists: a base URL with credentials is bad input. */
  private io.fleetmigrate.fix.ModelProviders.Choice modelChoice() throws CampaignException {
    try {
      return models.environmentChoice();
    } catch (IllegalArgumentException e) {
      throw new CampaignException(e.getMessage());
    }
  }
}
