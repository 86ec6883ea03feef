package io.fleetmigrate.recipes;

import java.util.List;

/** A recipe name that is not on the classpath; the message suggests the nearest names. */
public class RecipeNotFoundException extends InvalidRecipeException {
  private static final long serialVersionUID = 1L;
  private final String name;
  private final List<String> suggestions;

  public RecipeNotFoundException(String name, List<String> suggestions) {
    super(
        "unknown recipe '"
            + name
            + "'"
            + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?"));
    this.name = name;
    this.suggestions = List.copyOf(suggestions);
  }

  public String name() {
    return name;
  }

  public List<String> suggestions() {
    return suggestions;
  }
}
