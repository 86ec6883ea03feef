package io.fleetmigrate.batch;

import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.WorkerRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The manager's eye on a remote run while its partitioned step polls the job repository: reports
 * each repository as workers finish it, reports a worker that died holding a shard (its heartbeat
 * stopped without the shard being released; the broker redelivers the request to another worker),
 * and stops waiting when no live worker has been seen for the grace period, failing the step so
 * that the run can be resumed once workers are back. The poll's own timeout bounds the rest.
 */
final class RemoteRunWatch implements StepExecutionListener {
  private static final Logger log = LoggerFactory.getLogger(RemoteRunWatch.class);

  private final long runId;
  private final CampaignStore store;
  private final WorkerRegistry workers;
  private final RunProgress progress;
  private final Duration every;
  private final Duration noWorkerGrace;
  private final Duration timeout;
  private final Set<String> reported = new HashSet<>();
  private final Set<String> deaths = new HashSet<>();
  private @Nullable ScheduledExecutorService watch;
  private volatile @Nullable Thread manager;
  private volatile @Nullable String gaveUp;
  private long lastWorkerSeen;

  RemoteRunWatch(
      long runId, CampaignStore store, WorkerRegistry workers, RunProgress progress, Duration every, Duration noWorkerGrace,
      Duration timeout) {
    this.runId = runId;
    this.store = store;
    this.workers = workers;
    this.progress = progress;
    this.every = every;
    this.noWorkerGrace = noWorkerGrace;
    this.timeout = timeout;
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    manager = Thread.currentThread();
    lastWorkerSeen = System.nanoTime();
    for (RepoOutcome o : store.outcomes().outcomes(runId)) {
      reported.add(o.repository()); // a resumed run: those were reported by the run before
    }
    int alive = workers.alive();
    progress.notice("Remote run " + runId + ": partition requests go to the broker; " + alive + " live worker"
        + (alive == 1 ? "" : "s") + " now (waiting at most " + RunPrinterless.human(timeout) + ")");
    watch = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fleet-remote-watch");
      t.setDaemon(true);
      return t;
    });
    watch.scheduleWithFixedDelay(this::look, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void look() {
    try {
      for (RepoOutcome o : store.outcomes().outcomes(runId)) {
        if (reported.add(o.repository())) {
          progress.finished(o);
        }
      }
      for (WorkerRegistry.Claim claim : workers.claims(runId)) {
        if (claim.claims() > 1 && deaths.add(claim.stepExecutionId() + "#" + claim.claims())) {
          // Taken over before its holder's heartbeat went stale: the broker redelivered the request.
          String message = "shard " + claim.shard() + " was redelivered: the worker holding it died or lost the broker;"
              + " worker " + claim.workerId() + " took it over and resumes it";
          log.warn(message);
          progress.notice(message);
        }
        if (!claim.released() && !claim.workerAlive() && deaths.add(claim.stepExecutionId() + "/" + claim.workerId())) {
          String message = "worker " + claim.workerId() + " died holding shard " + claim.shard()
              + "; the broker hands its request to another worker, which resumes the shard";
          log.warn(message);
          progress.notice(message);
        }
      }
      if (workers.alive() > 0) {
        lastWorkerSeen = System.nanoTime();
      } else if (System.nanoTime() - lastWorkerSeen > noWorkerGrace.toNanos() && gaveUp == null) {
        gaveUp = "no live worker for " + RunPrinterless.human(noWorkerGrace) + "; the run stops here and can be resumed"
            + " once workers run again";
        log.warn(gaveUp);
        progress.notice(gaveUp);
        Thread waiting = manager;
        if (waiting != null) {
          waiting.interrupt(); // ends the manager's wait on the job repository
        }
      }
    } catch (RuntimeException e) {
      log.warn("remote run watch: {}", e.toString());
    }
  }

  @Override
  public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
    if (watch != null) {
      watch.shutdownNow();
      try {
        watch.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        // cleared below
      }
    }
    synchronized (this) {
      manager = null;
      Thread.interrupted(); // an interrupt meant for the wait must not hit what comes next
    }
    look(); // the last outcomes
    String reason = gaveUp;
    if (reason == null && stepExecution.getFailureExceptions().stream()
        .anyMatch(e -> e instanceof java.util.concurrent.TimeoutException)) {
      reason = "the workers did not finish within " + RunPrinterless.human(timeout) + " (fleet.remote.timeout)";
      progress.notice(reason);
    }
    return reason == null ? null : ExitStatus.FAILED.addExitDescription(reason);
  }

  /** Durations as people read them. */
  static final class RunPrinterless {
    static String human(Duration d) {
      long s = d.toSeconds();
      return s < 120 ? s + "s" : s < 7200 ? (s / 60) + "m" : (s / 3600) + "h";
    }
  }
}
