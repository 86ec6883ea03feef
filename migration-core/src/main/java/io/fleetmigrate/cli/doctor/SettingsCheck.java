package io.fleetmigrate.cli.doctor;

import io.fleetmigrate.build.BuildSettings;
import java.util.function.Supplier;

/**
 * The build settings of the environment ({@code FLEET_BUILD_NETWORK}, {@code FLEET_SANDBOX},
 * {@code FLEET_MAVEN_*}, {@code FLEET_PREFETCH}, {@code FLEET_JDKS}): a mistyped one is a finding,
 * and the checks that need them say they were skipped, instead of the whole doctor stopping.
 */
public record SettingsCheck(Supplier<BuildSettings> settings) implements Check {
  @Override
  public String name() {
    return "settings";
  }

  @Override
  public Finding run() {
    try {
      BuildSettings s = settings.get();
      return Finding.ok(name(), "network " + s.network() + ", sandbox " + s.sandbox() + ", warm step "
          + (s.sharedWarm() ? "shared" : "own") + ", prefetch " + s.prefetch());
    } catch (IllegalArgumentException e) {
      return Finding.missing(name(), e.getMessage(), "correct the variable (or unset it for its default); docs/operations.md lists them");
    }
  }

  /** A check that could not run because the build settings are invalid. */
  public static Check skipped(String name) {
    return new Check() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Finding run() {
        return Finding.skipped(name, "not checked: the build settings are invalid (see settings)", "correct the build settings first");
      }
    };
  }
}
