package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.jdk.Jdk;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.recipes.InvalidRecipeException;
import io.fleetmigrate.recipes.RewriteResult;
import io.fleetmigrate.rewrite.RewriteStation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic change: the campaign's recipes over the checkout, with the classpaths the
 * baseline wrote. Leaves the diff ({@code change.diff}) and an account of the run
 * ({@code recipe.txt}) in the repository's log folder. A file the engine cannot trust refuses the
 * whole change ({@code RECIPE_REFUSED}); no change at all is {@code NO_CHANGES}.
 */
final class RecipeStation {
  private final RewriteStation rewrite;

  RecipeStation(RewriteStation rewrite) {
    this.rewrite = rewrite;
  }

  /**
   * @param stop the end ({@code RECIPE_REFUSED}, {@code NO_CHANGES}), or {@code null} when there is a change to verify
   * @param diffPath where the diff was saved, {@code null} when empty
   */
  record Result(@Nullable Stop stop, RewriteResult change, @Nullable String diffPath) {}

  Result run(RepoJob job) throws BuildException, InvalidRecipeException, IOException {
    RewriteResult result = recipes(rewrite, job, true);
    String diffPath = null;
    if (!result.diff().isEmpty()) {
      Path diff = job.logDir().resolve("change.diff");
      Files.writeString(diff, result.diff(), StandardCharsets.UTF_8);
      diffPath = diff.toString();
    }
    Files.writeString(job.logDir().resolve("recipe.txt"), parsedOn(job, true) + describe(result), StandardCharsets.UTF_8);
    if (result.refused()) {
      RewriteResult.FileError first = result.errors().get(0);
      return new Result(new Stop(OutcomeStatus.RECIPE_REFUSED,
          result.errors().size() + " file(s) not trusted, nothing written; first: "
              + (first.path().isEmpty() ? "" : first.path() + ": ") + first.message()), result, diffPath);
    }
    if (!result.hasChanges()) {
      return new Result(new Stop(OutcomeStatus.NO_CHANGES, NothingToDoStation.NOTHING_TO_CHANGE), result, diffPath);
    }
    return new Result(null, result, diffPath);
  }

  /**
   * The campaign's recipes over the job's checkout, written back when {@code write}: in Fleet's JVM,
   * or in a JVM of the JDK the repository builds on when that is newer ({@link
   * io.fleetmigrate.verify.RepositoryBuild#recipeJdk}), within the repository's build time limit.
   */
  static RewriteResult recipes(RewriteStation rewrite, RepoJob job, boolean write)
      throws BuildException, InvalidRecipeException, IOException {
    Jdk jdk = job.build().recipeJdk();
    RewriteStation.Elsewhere elsewhere =
        jdk == null ? null : new RewriteStation.Elsewhere(jdk, job.logDir().resolve(jvmLog(write)), job.build().verify().timeout());
    return rewrite.run(job.dir(), job.spec().recipes(), job.run().recipeYaml(), write, elsewhere);
  }

  /** The line of {@code recipe.txt} that says which JVM parsed the checkout, and why. */
  static String parsedOn(RepoJob job, boolean write) {
    Jdk jdk = job.build().recipeJdk();
    return jdk == null
        ? "parsed on JDK " + Runtime.version().feature() + " (the JDK Fleet runs on)\n"
        : "parsed on " + jdk + ", in a JVM of its own: the repository builds on it, and Fleet runs on JDK "
            + Runtime.version().feature() + ", whose parser reads neither its syntax nor its class files (output: " + jvmLog(write) + ")\n";
  }

  private static String jvmLog(boolean write) {
    return write ? "recipe-jvm.log" : "recipe-jvm.in-memory.log";
  }

  /** {@code recipe.txt}: timings, files written and changed, changes by recipe, search results, errors. */
  static String describe(RewriteResult result) {
    StringBuilder text = new StringBuilder();
    text.append("parse: ").append(result.parseTime().toMillis()).append(" ms, recipes: ").append(result.recipeTime().toMillis()).append(" ms\n");
    text.append("written: ").append(result.written()).append('\n');
    text.append("changed files:\n");
    result.changedFiles().forEach(f -> text.append("  ").append(f.kind()).append(' ').append(f.path()).append('\n'));
    text.append("changes by recipe:\n");
    result.changesByRecipe().forEach((r, n) -> text.append("  ").append(r).append(": ").append(n).append('\n'));
    if (!result.searchResults().isEmpty()) {
      text.append("search results (marked, not changed):\n");
      result.searchResults().forEach(f -> text.append("  ").append(f).append('\n'));
    }
    if (!result.errors().isEmpty()) {
      text.append("errors:\n");
      result.errors().forEach(e -> text.append("  ").append(e.path()).append(": ").append(e.message()).append('\n'));
    }
    return text.toString();
  }
}
