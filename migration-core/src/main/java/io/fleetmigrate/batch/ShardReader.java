package io.fleetmigrate.batch;

import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignLock;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.CampaignStore.SnapshotEntry;
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
  private @Nullable List<SnapshotEntry> entries;
  private int position;

  public ShardReader(CampaignStore store, long runId, int shard) {
    this(store, runId, shard, null);
  }

  /** @param locks this process's campaign locks: a lost lock ends the shard with an error (fencing) */
  public ShardReader(CampaignStore store, long runId, int shard, @Nullable CampaignLock locks) {
    this.store = store;
    this.runId = runId;
    this.shard = shard;
    this.locks = locks;
  }

  @Override
  public void open(ExecutionContext context) {
    entries = store.shard(runId, shard);
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
    return entries.get(position++).toRepoRef();
  }
}
