package io.fleetmigrate.pipeline;

import io.fleetmigrate.campaign.CampaignSpec;

/** What every repository of one run shares. */
public record RunContext(long runId, CampaignSpec spec, boolean dryRun) {}
