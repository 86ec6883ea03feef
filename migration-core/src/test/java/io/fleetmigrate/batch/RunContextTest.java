package io.fleetmigrate.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.pipeline.RunContext;
import io.fleetmigrate.rollout.RolloutStore;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.testing.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What every repository of a run is processed with comes from the run row: its spec and the model frozen with it. */
class RunContextTest {
  private final DataSource ds = TestDatabase.migrated();
  private final CampaignStore store = CampaignStore.of(ds);

  private long run() {
    store.runs().saveCampaign("c", "", null, "name: c\nrecipes: [a.B]\n");
    return store.runs().createRun("c", "name: c\nrecipes: [a.B]\n", "", false, 1, "all");
  }

  @Test
  void theModelFrozenWithTheRunIsTheOneItsRepositoriesGet() {
    long run = run();
    ModelProviders.Choice atStart = new ModelProviders.Choice("openai", "gpt-4.1-mini", "http://127.0.0.1:11434/v1");
    store.runs().freezeModel(run, atStart);

    RunContext context = CampaignJobConfiguration.runContext(store, run, new RolloutStore(ds));

    assertThat(context.model()).isEqualTo(atStart);
    assertThat(context.spec().name()).isEqualTo("c");
  }

  @Test
  void aRunFromBeforeModelsWereFrozenHasNoneAndReadsTheEnvironment() {
    long run = run();

    assertThat(CampaignJobConfiguration.runContext(store, run, new RolloutStore(ds)).model()).isNull();
  }
}
