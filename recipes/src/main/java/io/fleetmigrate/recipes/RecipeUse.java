package io.fleetmigrate.recipes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One recipe of a campaign, with the options set for it (empty when it has none).
 *
 * @param name the recipe's fully qualified name
 * @param options option name to value (strings, numbers, booleans, lists), as a {@code rewrite.yml}
 *     would give them
 */
public record RecipeUse(String name, Map<String, Object> options) {
  public RecipeUse {
    Objects.requireNonNull(name, "name");
    // Keeps the spec's order (Map.copyOf would not); values may be lists, so no deep copy.
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  public static RecipeUse of(String name) {
    return new RecipeUse(name, Map.of());
  }
}
