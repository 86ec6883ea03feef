package io.fleetmigrate.pipeline;

import io.fleetmigrate.campaign.CampaignSpec;

/**
 * What every repository of one run shares.
 *
 * @param recipeYaml the campaign's own YAML recipes, frozen with the run; empty when it has none
 */
public record RunContext(long runId, CampaignSpec spec, String recipeYaml, boolean dryRun) {}
