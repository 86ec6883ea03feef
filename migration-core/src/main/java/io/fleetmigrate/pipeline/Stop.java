package io.fleetmigrate.pipeline;

import io.fleetmigrate.campaign.OutcomeStatus;

/**
 * A station's decision that the repository ends here, with this status and reason. The sequence in
 * {@link RepoPipeline} turns it into the repository's outcome; a station never builds outcomes itself.
 */
record Stop(OutcomeStatus status, String reason) {}
