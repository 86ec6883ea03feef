package io.fleetmigrate.build.jdk;

import org.jspecify.annotations.Nullable;

/**
 * The JDK a repository builds on, and why; or none, with a reason naming the JDK it needs and the
 * ones Fleet knows (the words of a {@code BASELINE_RED} reason).
 */
public record JdkChoice(@Nullable Jdk jdk, String reason) {
  public boolean found() {
    return jdk != null;
  }
}
