package io.fleetmigrate.build;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many of the repositories' own builds may run at once, apart from how many repositories are in
 * flight. A repository that is cloning, waiting for or running the recipe lane, committing or
 * delivering is not building; when each lane carried one repository from clone to delivery, fewer
 * than {@code concurrency} builds ran at once (an orchestration overhead of 0.27 in
 * {@code scripts/bench-fleet}). So a few more repositories are in flight than there are build
 * slots, and each build or lint process holds a slot only while it runs: the next repositories'
 * clone, recipe and delivery overlap the others' builds.
 *
 * <p>A {@link Gate} is a fair semaphore (first come, first served, so no repository starves). A
 * local run has one gate of {@code concurrency} slots, kept under its run id; a worker has one gate
 * of {@code --lanes} slots for the whole process, whatever runs its shards belong to.
 */
public final class BuildSlots {
  /** Repositories in flight beyond the build slots, unless {@code fleet.prefetch} says otherwise. */
  public static final int DEFAULT_PREFETCH = 2;

  /** Most repositories in flight beyond the build slots (each in-flight repository holds a checkout and two connections). */
  public static final int MAX_PREFETCH = 8;

  private final ConcurrentHashMap<Object, Gate> gates = new ConcurrentHashMap<>();

  /** The gate kept under {@code key}, created with {@code slots} slots on first use. */
  public Gate gate(Object key, int slots) {
    return gates.computeIfAbsent(key, k -> new Gate(slots));
  }

  /**
   * Forgets the gate under {@code key} (its run ended); a later {@link #gate} creates a new one.
   *
   * @return the gate forgotten, if there was one
   */
  public java.util.Optional<Gate> forget(Object key) {
    return java.util.Optional.ofNullable(gates.remove(key));
  }

  /**
   * The prefetch that {@code raw} (the value of {@code FLEET_PREFETCH}, or {@code null} when unset)
   * asks for: checked before a run starts, so that a bad value is a usage error, not a failed job.
   */
  public static int prefetch(@org.jspecify.annotations.Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_PREFETCH;
    }
    int prefetch;
    try {
      prefetch = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("FLEET_PREFETCH must be a number between 0 and " + MAX_PREFETCH + ", not '" + raw + "'", e);
    }
    inFlight(1, prefetch);
    return prefetch;
  }

  /** Repositories in flight for {@code slots} build slots and {@code prefetch} more. */
  public static int inFlight(int slots, int prefetch) {
    if (slots < 1) {
      throw new IllegalArgumentException("need at least one build slot, not " + slots);
    }
    if (prefetch < 0 || prefetch > MAX_PREFETCH) {
      throw new IllegalArgumentException(
          "fleet.prefetch (FLEET_PREFETCH) must be between 0 and " + MAX_PREFETCH + ", not " + prefetch);
    }
    return slots + prefetch;
  }

  /** One build: a child process that ran or could not start. */
  @FunctionalInterface
  public interface Build<T> {
    T run() throws BuildException;
  }

  /** At most {@link #slots()} builds at once, in the order they asked. */
  public static final class Gate {
    private final int slots;
    private final Semaphore semaphore;
    private final AtomicLong waitedNanos = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong builds = new AtomicLong();

    public Gate(int slots) {
      if (slots < 1) {
        throw new IllegalArgumentException("need at least one build slot, not " + slots);
      }
      this.slots = slots;
      this.semaphore = new Semaphore(slots, true);
    }

    /**
     * Runs {@code build} once a slot is free and frees it when the build ends, however it ends. The
     * wait is not part of the build: a build's own duration starts when it holds the slot.
     *
     * @throws BuildException when the thread is interrupted while waiting (the build never ran)
     */
    public <T> T run(Build<T> build) throws BuildException {
      long start = System.nanoTime();
      try {
        semaphore.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BuildException("interrupted while waiting for a build slot", e);
      }
      waitedNanos.addAndGet(System.nanoTime() - start);
      builds.incrementAndGet();
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        return build.run();
      } finally {
        running.decrementAndGet();
        semaphore.release();
      }
    }

    public int slots() {
      return slots;
    }

    /** Builds running now. */
    public int running() {
      return running.get();
    }

    /** The most builds that ran at once so far. */
    public int mostAtOnce() {
      return most.get();
    }

    /** Builds run (or tried) through this gate so far. */
    public long builds() {
      return builds.get();
    }

    /** One line for the log: how the slots were used. */
    public String describe() {
      return String.format(java.util.Locale.ROOT, "%d build slots, %d builds, at most %d at once, %.1f s waited for a slot in all",
          slots, builds(), mostAtOnce(), waitedNanos.get() / 1e9);
    }

    /** Builds waiting for a slot now (an estimate, as {@link Semaphore#getQueueLength()}). */
    public int waiting() {
      return semaphore.getQueueLength();
    }

    /** Time spent waiting for slots, summed over all builds so far. */
    public java.time.Duration waited() {
      return java.time.Duration.ofNanos(waitedNanos.get());
    }
  }
}
