package io.fleetmigrate.pipeline;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.rollout.DeliveryWindow;

/**
 * What every repository of one run shares.
 *
 * @param recipeYaml the campaign's own YAML recipes, frozen with the run; empty when it has none
 * @param window which repositories the rollout lets this run deliver to
 */
public record RunContext(long runId, CampaignSpec spec, String recipeYaml, boolean dryRun, DeliveryWindow window) {
  /** A run that may deliver to every repository (no rollout in waves). */
  public RunContext(long runId, CampaignSpec spec, String recipeYaml, boolean dryRun) {
    this(runId, spec, recipeYaml, dryRun, DeliveryWindow.ALL);
  }
}
