package io.fleetmigrate.pipeline;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.rollout.DeliveryWindow;
import org.jspecify.annotations.Nullable;

/**
 * What every repository of one run shares.
 *
 * @param recipeYaml the campaign's own YAML recipes, frozen with the run; empty when it has none
 * @param model the model the environment chose when the run started, frozen with it; {@code null}
 *     for a run from before models were frozen (the environment is read as it is now)
 * @param window which repositories the rollout lets this run deliver to
 */
public record RunContext(
    long runId, CampaignSpec spec, String recipeYaml, boolean dryRun, ModelProviders.@Nullable Choice model, DeliveryWindow window) {
  /** A run whose model is whatever the environment says now, and that may deliver to every repository (no rollout in waves). */
  public RunContext(long runId, CampaignSpec spec, String recipeYaml, boolean dryRun) {
    this(runId, spec, recipeYaml, dryRun, null, DeliveryWindow.ALL);
  }
}
