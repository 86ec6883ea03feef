package io.fleetmigrate.fix;

import java.util.List;

/**
 * What stays the same over one repository's attempts.
 *
 * @param intent the campaign's description and recipes, in words
 * @param recipes the recipes that ran
 * @param recipeDiff the recipe's change, unified diff
 */
public record FixContext(String intent, List<String> recipes, String recipeDiff) {
  public FixContext {
    recipes = List.copyOf(recipes);
  }
}
