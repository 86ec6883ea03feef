package io.fleetmigrate.deliver;

/**
 * What a code host says about a pull request now.
 *
 * @param state {@code OPEN}, {@code CLOSED} (without merging) or {@code MERGED}
 * @param draft whether it is a draft
 * @param reviewDecision {@code APPROVED}, {@code CHANGES_REQUESTED}, {@code REVIEW_REQUIRED} or {@code NONE}
 * @param checks the head commit's checks together: {@code failure}, {@code pending}, {@code success} or {@code none}
 * @param headCommit the commit the pull request's branch points at
 */
public record PullRequestState(String state, boolean draft, String reviewDecision, String checks, String headCommit) {}
