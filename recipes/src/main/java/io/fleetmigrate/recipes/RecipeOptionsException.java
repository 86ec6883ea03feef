package io.fleetmigrate.recipes;

/** A recipe option that is unknown, missing or invalid; the message names recipe and option. */
public class RecipeOptionsException extends InvalidRecipeException {
  private static final long serialVersionUID = 1L;

  public RecipeOptionsException(String message) {
    super(message);
  }
}
