package io.fleetmigrate.store;

import org.springframework.batch.core.BatchStatus;

/**
 * Where a run stands ({@code campaign_run.status}, stored by name): {@link #STARTING} until its job
 * exists, {@link #RUNNING} while it runs, then its job's end ({@link BatchStatus}'s names), or
 * {@link #ABANDONED} when a new run replaced an unfinished one.
 */
public enum RunStatus {
  STARTING,
  RUNNING,
  STARTED,
  STOPPING,
  STOPPED,
  COMPLETED,
  FAILED,
  ABANDONED,
  UNKNOWN;

  /** The run status a job's end gives. */
  public static RunStatus of(BatchStatus job) {
    return valueOf(job.name());
  }

  /** Whether the run did not end: its process died, or the job failed as a whole (so it may be resumed). */
  public boolean resumable() {
    return switch (this) {
      case STARTING, RUNNING, STARTED, STOPPING, STOPPED, FAILED, UNKNOWN -> true;
      case COMPLETED, ABANDONED -> false;
    };
  }
}
