package io.fleetmigrate.batch;

import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignLock;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.RunStore.SnapshotEntry;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one shard of a run's frozen snapshot, in order, and saves its position after every
 * repository (chunk size 1), so a restarted partition goes on with the first unfinished one.
 */
public class ShardReader implements ItemStreamReader<RepoRef> {
  static final String POSITION = "shard.position";

  private final CampaignStore store;
  private final long runId;
  private final int shard;
  private final @Nullable CampaignLock locks;
  private final java.util.function.@Nullable BooleanSupplier stillHeld;
  private @Nullable List<SnapshotEntry> entries;
  private int position;

  public ShardReader(CampaignStore store, long runId, int shard) {
    this(store, runId, shard, null);
  }

  /** @param locks this process's campaign locks: a lost lock ends the shard with an error (fencing) */
  public ShardReader(CampaignStore store, long runId, int shard, @Nullable CampaignLock locks) {
    this(store, runId, shard, locks, null);
  }

  /**
   * @param stillHeld on a remote worker: whether this worker still holds the shard; a worker that
   *     was frozen past its lease and whose shard another worker took over stops before the next
   *     repository
   */
  public ShardReader(CampaignStore store, long runId, int shard, @Nullable CampaignLock locks,
      java.util.function.@Nullable BooleanSupplier stillHeld) {
    this.store = store;
    this.runId = runId;
    this.shard = shard;
    this.locks = locks;
    this.stillHeld = stillHeld;
  }

  @Override
  public void open(ExecutionContext context) {
    entries = store.runs().shard(runId, shard);
    position = context.containsKey(POSITION) ? context.getInt(POSITION) : 0;
  }

  @Override
  public void update(ExecutionContext context) {
    context.putInt(POSITION, position);
  }

  @Override
  public @Nullable RepoRef read() {
    if (entries == null || position >= entries.size()) {
      return null;
    }
    if (locks != null) {
      locks.checkNotLost();
    }
    if (stillHeld != null && !stillHeld.getAsBoolean()) {
      throw new IllegalStateException("shard " + shard + " of run " + runId + " was taken over by another worker while this one"
          + " did not beat (frozen past its lease); this worker stops here");
    }
    return entries.get(position++).toRepoRef();
  }
}
