package io.fleetmigrate.batch;

import io.fleetmigrate.store.WorkerRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * The worker step as a worker runs it for a partition request. Batch's
 * {@code StepExecutionRequestHandler} executes whatever step execution a request names, as it is in
 * the job repository; this decides what a request means given that state:
 *
 * <ul>
 *   <li>STARTING: the first delivery; run it.
 *   <li>STARTED: a redelivery. Usually the worker that took it died (its transacted session never
 *       committed, so the broker handed the request on). Run it again: the step execution carries
 *       the shard reader's position as of the last committed repository, so the repositories that
 *       have an outcome are not processed again, and the one in flight starts over. But a worker
 *       that lost only its broker connection works on: as long as its heartbeat in the store is
 *       fresh, the redelivered request waits (fencing) — until that worker ends the step (then it
 *       is acknowledged without running) or dies (then it is taken over from the position the
 *       dead worker saved last, read again from the job repository).
 *   <li>COMPLETED, FAILED, STOPPED, ABANDONED: the worker ended the step and died before
 *       acknowledging; the request is acknowledged without running anything.
 * </ul>
 *
 * Which worker holds which shard is recorded, so the manager can tell a dead holder.
 */
final class ClaimingStep implements Step {
  private static final Logger log = LoggerFactory.getLogger(ClaimingStep.class);

  private final Step delegate;
  private final WorkerProcess worker;
  private final JobRepository jobs;
  private final Duration recheck;

  ClaimingStep(Step delegate, WorkerProcess worker, JobRepository jobs) {
    this(delegate, worker, jobs, WorkerRegistry.HEARTBEAT);
  }

  ClaimingStep(Step delegate, WorkerProcess worker, JobRepository jobs, Duration recheck) {
    this.delegate = delegate;
    this.worker = worker;
    this.jobs = jobs;
    this.recheck = recheck;
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  private static boolean ended(BatchStatus status) {
    return status != BatchStatus.STARTING && status != BatchStatus.STARTED;
  }

  @Override
  public void execute(StepExecution stepExecution) throws JobInterruptedException {
    BatchStatus status = stepExecution.getStatus();
    long id = stepExecution.getId();
    if (ended(status)) {
      log.info("step execution {} ({}) is already {}: a request redelivered after its step ended; acknowledged",
          id, stepExecution.getStepName(), status);
      return;
    }
    Long runId = stepExecution.getJobParameters().getLong(CampaignJobConfiguration.RUN_ID);
    int shard = stepExecution.getExecutionContext().getInt("shard", -1);
    int claims = worker.registry().claim(id, runId == null ? -1 : runId, shard, worker.id());
    if (claims == 0) {
      log.warn("shard {} of run {} (step execution {}) is held by a live worker: a duplicate delivery; worker {} waits"
          + " until that worker ends the step or dies", shard, runId, id, worker.id());
      while (claims == 0) {
        try {
          Thread.sleep(recheck.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new JobInterruptedException("interrupted while waiting for the live holder of shard " + shard);
        }
        StepExecution now = jobs.getStepExecution(id);
        if (now != null && ended(now.getStatus())) {
          log.info("step execution {} ended {} in the worker that held it; the duplicate request is acknowledged", id, now.getStatus());
          return;
        }
        claims = worker.registry().claim(id, runId == null ? -1 : runId, shard, worker.id());
      }
    }
    // The request was read before the claim; meanwhile the holder may have ended the step (then
    // nothing is left to run) or saved a later position (then go on from there).
    StepExecution saved = jobs.getStepExecution(id);
    if (saved != null) {
      if (ended(saved.getStatus())) {
        log.info("step execution {} ended {} before worker {} could take it; the request is acknowledged", id, saved.getStatus(), worker.id());
        worker.registry().release(id, worker.id());
        return;
      }
      stepExecution.setExecutionContext(saved.getExecutionContext());
      stepExecution.setVersion(saved.getVersion());
    }
    if (status == BatchStatus.STARTED || claims > 1) {
      log.warn("shard {} of run {} (step execution {}) was started by a worker that ended without finishing it;"
              + " worker {} takes it over at position {}",
          shard, runId, id, worker.id(), stepExecution.getExecutionContext().getInt(ShardReader.POSITION, 0));
    }
    try {
      delegate.execute(stepExecution);
    } finally {
      worker.registry().release(id, worker.id());
    }
  }
}
