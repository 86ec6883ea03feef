package io.fleetmigrate.store;

/**
 * Where a campaign's pull request stands ({@code pull_request.state} and {@code
 * pull_request_event.state}, stored by name). {@link #PENDING}: recorded before the push, not
 * confirmed yet (never shown as a pull request, never an event).
 */
public enum PullRequestStatus {
  PENDING,
  OPEN,
  MERGED,
  CLOSED;

  /** The status a code host's word names ({@code OPEN}, {@code MERGED}, {@code CLOSED}), or a clear error. */
  public static PullRequestStatus of(String hostState) {
    for (PullRequestStatus s : values()) {
      if (s.name().equals(hostState)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown pull request state '" + hostState + "' (expected OPEN, MERGED or CLOSED)");
  }
}
