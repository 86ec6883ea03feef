package io.fleetmigrate.rollout;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which repositories of a run may be delivered: the ones the rollout did not hold back. A campaign
 * without waves holds back none.
 *
 * @param held the repositories held back, each with the reason its {@code WAITING} outcome gives
 */
public record DeliveryWindow(Map<String, String> held) {
  public static final DeliveryWindow ALL = new DeliveryWindow(Map.of());

  public DeliveryWindow {
    held = Map.copyOf(held);
  }

  /** Why {@code repository} is held back, or {@code null} when this run may deliver it. */
  public @Nullable String holds(String repository) {
    return held.get(repository);
  }
}
