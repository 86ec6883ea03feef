package io.fleetmigrate.recipes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the recipe engine did to one checkout.
 *
 * @param changedFiles files the recipes changed, added or deleted (paths relative to the checkout)
 * @param diff a unified diff of every change, in the form {@code git apply} accepts
 * @param changesByRecipe how many files each recipe changed
 * @param searchResults files a search recipe marked without changing them (never written)
 * @param errors files that failed to parse or came back with missing types; when not empty nothing
 *     was written (a partial rewrite does harm)
 * @param written whether the changes were written to the checkout
 * @param parseTime time spent parsing
 * @param recipeTime time spent running the recipes and writing the results
 */
public record RewriteResult(
    List<ChangedFile> changedFiles,
    String diff,
    Map<String, Integer> changesByRecipe,
    List<String> searchResults,
    List<FileError> errors,
    boolean written,
    Duration parseTime,
    Duration recipeTime) {

  public RewriteResult {
    changedFiles = List.copyOf(changedFiles);
    changesByRecipe = Map.copyOf(changesByRecipe);
    searchResults = List.copyOf(searchResults);
    errors = List.copyOf(errors);
  }

  public boolean refused() {
    return !errors.isEmpty();
  }

  public boolean hasChanges() {
    return !changedFiles.isEmpty();
  }

  /**
   * One changed file.
   *
   * @param path the file's path after the change (before it, for a deletion)
   * @param previousPath for a moved file, where it was
   */
  public record ChangedFile(String path, Kind kind, @org.jspecify.annotations.Nullable String previousPath) {
    public enum Kind {
      ADDED,
      MODIFIED,
      DELETED,
      MOVED
    }
  }

  /**
   * A file the engine could not trust: a parse error, types the parser could not resolve, code
   * nested too deep for the lane's stack, an error the parser or a recipe reported.
   *
   * @param path the file, relative to the checkout; empty when the error names none
   */
  public record FileError(String path, Kind kind, String message) {
    public enum Kind {
      PARSE_ERROR,
      MISSING_TYPES,
      /** A {@link StackOverflowError}: the code is nested deeper than even the lane's stack allows. */
      STACK_OVERFLOW,
      /** Reported to the execution context by the parser or a recipe, without a file. */
      REPORTED,
      OUTPUT_DOES_NOT_PARSE
    }
  }
}
