package io.fleetmigrate.rollout;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Where a campaign's rollout stands.
 *
 * @param wave the open wave, a 0-based index into the spec's {@code rollout.waves}
 * @param pausedBy {@code gate} or {@code person} when paused, else {@code null}
 * @param reason why it is paused, or what the gate still waits for; empty when nothing holds it
 * @param waveOpenedAt when the open wave opened (the gate's {@code minAge} counts from here)
 */
public record RolloutState(
    String campaign, int wave, boolean paused, @Nullable String pausedBy, String reason, OffsetDateTime waveOpenedAt, OffsetDateTime updatedAt) {
  public static final String BY_GATE = "gate";
  public static final String BY_PERSON = "person";

  RolloutState at(int wave, OffsetDateTime now) {
    return new RolloutState(campaign, wave, false, null, "", now, now);
  }

  RolloutState paused(String by, String why, OffsetDateTime now) {
    return new RolloutState(campaign, wave, true, by, why, waveOpenedAt, now);
  }

  RolloutState waiting(String why, OffsetDateTime now) {
    return new RolloutState(campaign, wave, false, null, why, waveOpenedAt, now);
  }
}
