package io.fleetmigrate.rollout;

import io.fleetmigrate.store.PullRequestStatus;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A campaign's pull request as the store last heard of it from the host.
 *
 * @param state {@code OPEN}, {@code MERGED} or {@code CLOSED} (without merging); never {@code PENDING}
 * @param checks {@code success}, {@code failure}, {@code pending}, {@code none}, or {@code null} before any refresh
 * @param openedAt when it was opened
 * @param mergedAt when a refresh first saw it merged, or {@code null}
 */
public record TrackedPullRequest(
    String repository, int number, PullRequestStatus state, @Nullable String checks, OffsetDateTime openedAt, @Nullable OffsetDateTime mergedAt) {

  public boolean merged() {
    return state == PullRequestStatus.MERGED;
  }

  public boolean closedUnmerged() {
    return state == PullRequestStatus.CLOSED;
  }

  /** Open with red checks. */
  public boolean red() {
    return state == PullRequestStatus.OPEN && "failure".equals(checks);
  }

  /** Merged, or open with green checks. */
  public boolean green() {
    return merged() || (state == PullRequestStatus.OPEN && "success".equals(checks));
  }

  /** Merged, or the host reports checks for it (green, red or still running). */
  public boolean checked() {
    return merged() || "success".equals(checks) || "failure".equals(checks) || "pending".equals(checks);
  }

  /** {@code billing#3}. */
  public String label() {
    return repository + "#" + number;
  }
}
