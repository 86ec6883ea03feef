package io.fleetmigrate.batch;

import io.fleetmigrate.build.BuildSlots;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.campaign.SpecException;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.pipeline.RepoPipeline;
import io.fleetmigrate.pipeline.RunContext;
import io.fleetmigrate.report.ReportService;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.RunStatus;
import io.fleetmigrate.store.RunStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One job per campaign run, shaped so that scaling out only adds transport:
 *
 * <ol>
 *   <li>{@code repositories}: a partitioned step, one partition per shard of the run's frozen
 *       inventory snapshot (stable keys: run id and shard number). Locally the partitions run on
 *       {@code concurrency + fleet.prefetch} lanes, of which at most {@code concurrency} build at
 *       once ({@link BuildSlots}); remotely, the same worker step runs on workers.
 *   <li>{@code repository}: the worker step, {@code chunk(1)} over a {@link ShardReader} that saves
 *       its position, so a restart redoes only unfinished repositories. The processor is the whole
 *       per-repository pipeline; its outcome is written in the chunk's transaction.
 *   <li>{@code report}: writes the CSV and HTML reports.
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class CampaignJobConfiguration {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CampaignJobConfiguration.class);
  public static final String JOB_NAME = "campaign";
  public static final String RUN_ID = "run.id";
  public static final String CONCURRENCY = "concurrency";
  /** The one process-wide gate of a worker's build slots (its {@code --lanes}), whatever run a shard is of. */
  static final String WORKER_SLOTS = "worker";

  @Bean
  RunSpecs runSpecs() {
    return new RunSpecs();
  }

  @Bean
  BuildSlots buildSlots() {
    return new BuildSlots();
  }

  @Bean
  Job campaignJob(JobRepository jobs, Step repositoriesStep, Step reportStep, CampaignStore store, BuildSlots slots) {
    return new JobBuilder(JOB_NAME, jobs)
        .listener(
            new JobExecutionListener() {
              @Override
              public void beforeJob(JobExecution execution) {
                store.runs().attachJobExecution(runId(execution), execution.getId());
              }

              @Override
              public void afterJob(JobExecution execution) {
                slots.forget(runId(execution)).ifPresent(g -> log.info("run {}: {}", runId(execution), g.describe()));
                store.runs().finishRun(runId(execution), RunStatus.of(execution.getStatus()));
              }
            })
        .start(repositoriesStep)
        .next(reportStep)
        .build();
  }

  private static long runId(JobExecution execution) {
    Long id = execution.getJobParameters().getLong(RUN_ID);
    if (id == null) {
      throw new IllegalStateException("job parameter " + RUN_ID + " missing");
    }
    return id;
  }

  @Bean
  @JobScope
  Step repositoriesStep(
      JobRepository jobs,
      Step repositoryStep,
      CampaignStore store,
      @Value("#{jobParameters['" + RUN_ID + "']}") Long runId,
      @Value("#{jobParameters['" + CONCURRENCY + "']}") Long concurrency,
      @Value("${fleet.partitioning:local}") String partitioning,
      io.fleetmigrate.build.BuildSettings builds,
      org.springframework.beans.factory.ObjectProvider<RemotePartitioning.Manager> remote) {
    // concurrency = builds at once (the gate in the processor); a few more repositories in flight,
    // so that their clone, recipe and delivery overlap the others' builds.
    SimpleAsyncTaskExecutor lanes = new SimpleAsyncTaskExecutor("fleet-lane-");
    lanes.setConcurrencyLimit(BuildSlots.inFlight(concurrency.intValue(), builds.prefetch()));
    Partitioner shards =
        gridSize -> {
          Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
          for (int shard : store.runs().shards(runId)) {
            ExecutionContext context = new ExecutionContext();
            context.putInt("shard", shard);
            partitions.put("shard-" + shard, context);
          }
          return partitions;
        };
    if ("remote".equals(partitioning)) {
      // The same partitions, sent to workers over the broker instead of run on local lanes.
      return remote.getObject().step(shards, concurrency.intValue(), runId);
    }
    return new StepBuilder("repositories", jobs)
        .partitioner("repository", shards)
        .step(repositoryStep)
        .taskExecutor(lanes)
        .gridSize(concurrency.intValue())
        .build();
  }

  @Bean
  Step repositoryStep(
      JobRepository jobs,
      PlatformTransactionManager transactions,
      ShardReader shardReader,
      ItemProcessor<RepoRef, RepoOutcome> repositoryProcessor,
      ItemWriter<RepoOutcome> outcomeWriter) {
    return new StepBuilder("repository", jobs)
        .<RepoRef, RepoOutcome>chunk(1)
        .transactionManager(transactions)
        .reader(shardReader)
        .processor(repositoryProcessor)
        .writer(outcomeWriter)
        .build();
  }

  @Bean
  @StepScope
  ShardReader shardReader(
      CampaignStore store,
      io.fleetmigrate.store.CampaignLock locks,
      org.springframework.beans.factory.ObjectProvider<WorkerProcess> worker,
      @Value("#{jobParameters['" + RUN_ID + "']}") Long runId,
      @Value("#{stepExecutionContext['shard']}") Integer shard,
      @Value("#{stepExecution.id}") Long stepExecutionId) {
    WorkerProcess remote = worker.getIfAvailable();
    return new ShardReader(store, runId, shard, locks,
        remote == null ? null : () -> remote.registry().holds(stepExecutionId, remote.id()));
  }

  @Bean
  @StepScope
  ItemProcessor<RepoRef, RepoOutcome> repositoryProcessor(
      RepoPipeline pipeline, CampaignStore store, RunProgress progress, @Value("#{jobParameters['" + RUN_ID + "']}") Long runId,
      @Value("#{jobParameters['" + CONCURRENCY + "']}") Long concurrency,
      @Value("${fleet.role:}") String role,
      @Value("${fleet.worker.lanes:2}") int workerLanes,
      BuildSlots slots,
      io.fleetmigrate.pipeline.OutcomeReuse reuse,
      io.fleetmigrate.rollout.RolloutStore rollouts,
      RunSpecs specs) {
    RunContext context = runContext(store, runId, rollouts, specs);
    // A local run's builds share its concurrency; a worker's share its lanes, across runs.
    BuildSlots.Gate gate = "worker".equals(role) ? slots.gate(WORKER_SLOTS, workerLanes) : slots.gate(runId, concurrency.intValue());
    return repo -> {
      progress.started(repo.name());
      // Nothing changed since a final outcome: decided from the store and one ls-remote, no clone, no build.
      return reuse.reuse(context, repo).orElseGet(() -> pipeline.process(context, repo, gate));
    };
  }

  @Bean
  @StepScope
  ItemWriter<RepoOutcome> outcomeWriter(
      CampaignStore store, RunProgress progress, @Value("#{jobParameters['" + RUN_ID + "']}") Long runId) {
    return chunk -> {
      for (RepoOutcome outcome : chunk) {
        store.outcomes().saveOutcome(runId, outcome);
      }
      chunk.forEach(progress::finished);
    };
  }

  @Bean
  Step reportStep(JobRepository jobs, PlatformTransactionManager transactions, ReportService reports, CampaignStore store) {
    return new StepBuilder("report", jobs)
        .tasklet(
            (contribution, chunkContext) -> {
              long runId = java.util.Objects.requireNonNull(
                  chunkContext.getStepContext().getStepExecution().getJobParameters().getLong(RUN_ID));
              // Every repository has its outcome by now: the report shows the run as ended. The job
              // listener records the job's own final status right after this step.
              store.runs().finishRun(runId, RunStatus.COMPLETED);
              reports.writeDefault(runId);
              return RepeatStatus.FINISHED;
            },
            transactions)
        .build();
  }

  /**
   * The run's spec and model are the ones frozen in the run row, not whatever the file and the
   * environment say now; so is what its rollout holds back.
   */
  static RunContext runContext(CampaignStore store, long runId, io.fleetmigrate.rollout.RolloutStore rollouts) {
    return runContext(store, runId, rollouts, new RunSpecs());
  }

  static RunContext runContext(CampaignStore store, long runId, io.fleetmigrate.rollout.RolloutStore rollouts, RunSpecs specs) {
    RunStore.Run run = store.runs().run(runId).orElseThrow(() -> new IllegalStateException("no run " + runId));
    try {
      CampaignSpec spec = specs.of(runId, run.specYaml());
      return new RunContext(runId, spec, run.recipeYaml(), run.dryRun(), store.runs().frozenModel(runId).orElse(null), rollouts.window(runId));
    } catch (SpecException e) {
      throw new IllegalStateException("the spec stored with run " + runId + " no longer parses: " + e.getMessage(), e);
    }
  }
}
