package io.fleetmigrate.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * The worker step as a worker runs it for a partition request. Batch's
 * {@code StepExecutionRequestHandler} executes whatever step execution a request names, as it is in
 * the job repository; this decides what a request means given that state:
 *
 * <ul>
 *   <li>STARTING: the first delivery; run it.
 *   <li>STARTED: a redelivery. The worker that took it died (its transacted session never committed,
 *       so the broker handed the request on). Run it again: the step execution still carries the
 *       shard reader's position as of the last committed repository, so the repositories that have
 *       an outcome are not processed again, and the one in flight starts over.
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

  ClaimingStep(Step delegate, WorkerProcess worker) {
    this.delegate = delegate;
    this.worker = worker;
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  @Override
  public void execute(StepExecution stepExecution) throws JobInterruptedException {
    BatchStatus status = stepExecution.getStatus();
    long id = stepExecution.getId();
    if (status != BatchStatus.STARTING && status != BatchStatus.STARTED) {
      log.info("step execution {} ({}) is already {}: a request redelivered after its step ended; acknowledged",
          id, stepExecution.getStepName(), status);
      return;
    }
    Long runId = stepExecution.getJobParameters().getLong(CampaignJobConfiguration.RUN_ID);
    int shard = stepExecution.getExecutionContext().getInt("shard", -1);
    int claims = worker.registry().claim(id, runId == null ? -1 : runId, shard, worker.id());
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
