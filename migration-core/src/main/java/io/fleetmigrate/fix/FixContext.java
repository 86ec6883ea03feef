package io.fleetmigrate.fix;

import java.util.List;

/**
 * What stays the same over one repository's attempts.
 *
 * @param intent the campaign's description and recipes, in words
 * @param recipes the recipes that ran
 * @param recipeDiff the recipe's change, unified diff
 * @param example a remembered fix of the same failure in another repository (empty: none)
 */
public record FixContext(String intent, List<String> recipes, String recipeDiff, List<Edit> example) {
  public FixContext {
    recipes = List.copyOf(recipes);
    example = List.copyOf(example);
  }

  public FixContext(String intent, List<String> recipes, String recipeDiff) {
    this(intent, recipes, recipeDiff, List.of());
  }

  public FixContext withExample(List<Edit> edits) {
    return new FixContext(intent, recipes, recipeDiff, edits);
  }
}
