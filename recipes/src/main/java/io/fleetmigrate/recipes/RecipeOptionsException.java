package io.fleetmigrate.recipes;

import org.jspecify.annotations.Nullable;

/** A recipe option that is unknown, missing or invalid; the message names recipe and option. */
public class RecipeOptionsException extends InvalidRecipeException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String recipe;
  private final @Nullable String option;

  public RecipeOptionsException(String message) {
    this(message, null, null);
  }

  /** A problem with option {@code option} of recipe {@code recipe}, so that it can be placed in a spec. */
  public RecipeOptionsException(String message, @Nullable String recipe, @Nullable String option) {
    super(message);
    this.recipe = recipe;
    this.option = option;
  }

  /** The recipe at fault, when one is. */
  public @Nullable String recipe() {
    return recipe;
  }

  /** The option at fault, when one is. */
  public @Nullable String option() {
    return option;
  }
}
