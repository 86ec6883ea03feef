package io.fleetmigrate.batch;

import io.fleetmigrate.store.WorkerRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This process as a worker of remote runs: registered in the shared store while it lives, with a
 * heartbeat, so that the manager can tell a worker that died from one that is busy.
 */
public class WorkerProcess implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

  private final WorkerRegistry workers;
  private final int lanes;
  private final int inFlight;
  private final String id = WorkerRegistry.newWorkerId();
  private volatile boolean running;
  private ScheduledExecutorService heartbeat;

  public WorkerProcess(WorkerRegistry workers, int lanes) {
    this(workers, lanes, lanes);
  }

  /**
   * @param lanes builds at once (build slots)
   * @param inFlight shards taken at once, at least {@code lanes}: the extra ones clone, rewrite and
   *     deliver while the others build
   */
  public WorkerProcess(WorkerRegistry workers, int lanes, int inFlight) {
    if (lanes < 1) {
      throw new IllegalArgumentException("a worker needs at least one lane, not " + lanes);
    }
    if (inFlight < lanes) {
      throw new IllegalArgumentException("a worker takes at least as many shards at once as it has lanes, not " + inFlight);
    }
    this.workers = workers;
    this.lanes = lanes;
    this.inFlight = inFlight;
  }

  public String id() {
    return id;
  }

  public int lanes() {
    return lanes;
  }

  /** Shards taken at once: the lanes plus {@code fleet.prefetch}. */
  public int inFlight() {
    return inFlight;
  }

  WorkerRegistry registry() {
    return workers;
  }

  /** Registers before the listener starts taking requests (lower phase starts first). */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 100;
  }

  @Override
  public void start() {
    workers.register(id, lanes);
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fleet-worker-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = WorkerRegistry.HEARTBEAT.toMillis();
    heartbeat.scheduleAtFixedRate(() -> {
      try {
        workers.beat(id);
      } catch (RuntimeException e) {
        log.warn("worker heartbeat failed: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
    running = true;
    log.info("worker {} registered with {} lanes ({} shards in flight)", id, lanes, inFlight);
  }

  @Override
  public void stop() {
    running = false;
    if (heartbeat != null) {
      heartbeat.shutdownNow();
    }
    try {
      workers.stopped(id);
    } catch (RuntimeException e) {
      log.warn("could not record that worker {} stopped: {}", id, e.toString());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
