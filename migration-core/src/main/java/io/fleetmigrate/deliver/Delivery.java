package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.OutcomeStatus;
import org.jspecify.annotations.Nullable;

/**
 * What delivery did.
 *
 * @param status {@code PR_OPENED}, {@code PR_UPDATED} or {@code HUMAN_EDITED}
 * @param prNumber the pull request's number, when there is one
 * @param headCommit the commit the branch points at on the host afterwards
 * @param reason one line for the outcome
 */
public record Delivery(OutcomeStatus status, @Nullable Integer prNumber, String headCommit, String reason) {}
