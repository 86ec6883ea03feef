package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.BuildResult;
import io.fleetmigrate.build.ClasspathResolver;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.checkout.TextSearch;
import io.fleetmigrate.recipes.InvalidRecipeException;
import io.fleetmigrate.recipes.RewriteResult;
import io.fleetmigrate.rewrite.RewriteStation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code NO_CHANGES} decided before any verify build. First the spec's text precondition
 * ({@code repositories.containing}); then the recipes in memory, parsed with the classpaths of a
 * resolution-only Maven call (cached by the POMs). Only a run that resolved every module, trusted
 * every file and changed nothing ends the repository here; anything else (a reactor that needs its
 * own jars, a refused file, a change) goes on to the baseline build and the recipes with the
 * baseline's classpaths.
 */
final class NothingToDoStation {
  static final String NOTHING_TO_CHANGE = "the recipes found nothing to change";
  private static final Logger log = LoggerFactory.getLogger(NothingToDoStation.class);

  private final Path classpathCache;
  private final RewriteStation rewrite;

  NothingToDoStation(Path classpathCache, RewriteStation rewrite) {
    this.classpathCache = classpathCache;
    this.rewrite = rewrite;
  }

  /** @param stop the {@code NO_CHANGES} end, or {@code null} to go on to the baseline */
  record Result(@Nullable Stop stop) {}

  Result check(RepoJob job) throws BuildException, InvalidRecipeException, IOException {
    CampaignSpec spec = job.spec();
    List<String> containing = spec.repositories().containing();
    if (!containing.isEmpty() && TextSearch.firstFileContaining(job.dir(), containing).isEmpty()) {
      return new Result(new Stop(OutcomeStatus.NO_CHANGES,
          "no file contains " + (containing.size() == 1 ? "'" + containing.get(0) + "'" : "any of " + containing)
              + " (the spec's repositories.containing); nothing was parsed or built"));
    }
    ClasspathResolver.Result classpath = job.inSlot(() -> resolve(job));
    if (!classpath.resolved()) {
      log.info("{}: classpaths not resolved without a build ({}); the baseline build decides", job.repo().name(), classpath.reason());
      return new Result(null);
    }
    RewriteResult dry = RecipeStation.recipes(rewrite, job, false);
    if (dry.refused() || dry.hasChanges()) {
      return new Result(null);
    }
    Files.writeString(job.logDir().resolve("recipe.txt"), "decided before any build (classpaths: "
        + (classpath.cached() ? "cached" : "resolved") + ")\n" + RecipeStation.parsedOn(job, false) + RecipeStation.describe(dry), StandardCharsets.UTF_8);
    return new Result(new Stop(OutcomeStatus.NO_CHANGES, NOTHING_TO_CHANGE));
  }

  private ClasspathResolver.Result resolve(RepoJob job) throws BuildException {
    ClasspathResolver.Result result = job.build().classpaths(classpathCache).resolve(
        job.dir(), job.build().verify().command(), job.build().verify().timeout(), job.logDir().resolve("classpath.log"));
    BuildResult b = result.build();
    if (b != null) {
      job.rows().build("classpath", b, null);
    }
    return result;
  }
}
