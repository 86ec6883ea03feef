package io.fleetmigrate.judge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything the model changed so far, file by file: the content after the recipe and before any
 * model edit, and the content now ({@code null}: the file does not exist).
 */
public record ModelChange(Map<String, @Nullable String> before, Map<String, @Nullable String> after) {
  public ModelChange {
    before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
    after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
  }

  public Set<String> paths() {
    return before.keySet();
  }
}
