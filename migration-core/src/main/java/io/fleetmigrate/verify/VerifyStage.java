package io.fleetmigrate.verify;

import java.time.Duration;
import java.util.Objects;

/**
 * One stage of verify: a command with its own time limit.
 *
 * @param name {@code lint}, {@code compile} or {@code test}
 * @param command run with {@code sh -c} in the checkout
 * @param timeout the stage's time limit
 */
public record VerifyStage(String name, String command, Duration timeout) {
  public VerifyStage {
    Objects.requireNonNull(name, "name");
    if (command.isBlank()) {
      throw new IllegalArgumentException("stage " + name + " has no command");
    }
  }
}
