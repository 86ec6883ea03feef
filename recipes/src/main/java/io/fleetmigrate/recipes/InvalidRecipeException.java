package io.fleetmigrate.recipes;

/**
 * A campaign's recipes cannot be used as written: an unknown name, a bad option, a YAML recipe that
 * does not load. The one checked root of the catalog, so callers report all of them as bad input.
 */
public class InvalidRecipeException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidRecipeException(String message) {
    super(message);
  }

  public InvalidRecipeException(String message, Throwable cause) {
    super(message, cause);
  }
}
