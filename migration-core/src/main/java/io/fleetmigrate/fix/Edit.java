package io.fleetmigrate.fix;

import java.util.Objects;

/**
 * One change a model proposes: in {@code path} (relative to the repository root), replace the one
 * occurrence of {@code search} by {@code replace}. An empty {@code search} creates a new file.
 * Search text rather than line numbers: it is what models reproduce reliably, and "exactly once"
 * makes an ambiguous edit visible instead of applying it in the wrong place.
 */
public record Edit(String path, String search, String replace) {
  public Edit {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(replace, "replace");
  }
}
