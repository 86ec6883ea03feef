package io.fleetmigrate.rewrite;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.build.jdk.Jdk;
import io.fleetmigrate.recipes.InvalidRecipeException;
import io.fleetmigrate.recipes.RecipeCatalog;
import io.fleetmigrate.recipes.RecipeEngine;
import io.fleetmigrate.recipes.RecipeUse;
import io.fleetmigrate.recipes.RewriteProcess;
import io.fleetmigrate.recipes.RewriteResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's one recipe lane. The engine is created on first use (its recipe environment is
 * scanned once, which costs seconds) with the version of the Maven that builds the fleet.
 *
 * <p>A repository whose code needs a newer JDK than the one Fleet runs on is parsed in a JVM of
 * that JDK instead ({@link RewriteProcess}): OpenRewrite parses with the javac it runs on.
 */
public class RewriteStation {
  private static final String YAML_SOURCE = "the campaign's YAML recipes";
  /** The one recipe lane, in this JVM or in another: see {@link #run}. */
  private final Semaphore oneRun = new Semaphore(1, true);
  private final MavenToolchain maven;
  private @Nullable RecipeEngine engine;
  // A run's repositories share its YAML recipes: load them once per run, not once per repository.
  private @Nullable String lastRecipeYaml;
  private @Nullable RecipeCatalog lastCatalog;

  public RewriteStation(MavenToolchain maven) {
    this.maven = maven;
  }

  public synchronized RecipeEngine engine() throws BuildException {
    if (engine == null) {
      // The Maven version probe (a JVM of its own) and the classpath scan do not depend on each
      // other: the probe runs beside the scan instead of before it.
      CompletableFuture<String> version = new CompletableFuture<>();
      Thread probe = new Thread(() -> {
        try {
          version.complete(maven.version());
        } catch (BuildException | RuntimeException e) {
          version.completeExceptionally(e);
        }
      }, "fleet-maven-version");
      probe.setDaemon(true);
      probe.start();
      RecipeCatalog catalog = RecipeCatalog.scan();
      try {
        engine = new RecipeEngine(catalog, version.get());
        engine.warmUpInBackground();
      } catch (InterruptedException e) {
        probe.interrupt();
        Thread.currentThread().interrupt();
        throw new BuildException("interrupted while asking Maven for its version", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof BuildException b) {
          throw b;
        }
        throw new IllegalStateException("asking Maven for its version failed: " + e.getCause(), e.getCause());
      }
    }
    return engine;
  }

  /** The classpath's recipes plus {@code recipeYaml} (a campaign's own YAML recipes; may be empty). */
  public synchronized RecipeCatalog catalog(String recipeYaml, String source) throws BuildException, InvalidRecipeException {
    if (recipeYaml.isBlank()) {
      return engine().catalog();
    }
    if (!recipeYaml.equals(lastRecipeYaml) || lastCatalog == null) {
      lastCatalog = engine().catalog().withRecipeYaml(recipeYaml, source);
      lastRecipeYaml = recipeYaml;
    }
    return lastCatalog;
  }

  public void validate(List<RecipeUse> recipes, String recipeYaml) throws InvalidRecipeException, BuildException {
    catalog(recipeYaml, YAML_SOURCE).validate(recipes);
  }

  /**
   * Where the recipes run when not in this JVM: a JVM of {@code jdk}, its output in {@code log},
   * killed after {@code limit}.
   */
  public record Elsewhere(Jdk jdk, Path log, Duration limit) {}

  /**
   * The recipes over {@code checkout}, written back when {@code write}: in this JVM, or, when {@code
   * elsewhere} is not {@code null}, in a JVM of its JDK ({@link RewriteProcess}). Either way one run at
   * a time: each holds a parsed repository and a recipe environment in memory.
   */
  public RewriteResult run(Path checkout, List<RecipeUse> recipes, String recipeYaml, boolean write, @Nullable Elsewhere elsewhere)
      throws InvalidRecipeException, IOException, BuildException {
    try {
      oneRun.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the recipe lane for " + checkout);
    }
    try {
      if (elsewhere == null) {
        return engine().run(checkout, catalog(recipeYaml, YAML_SOURCE), recipes, write);
      }
      RewriteProcess.Request request = new RewriteProcess.Request(
          checkout.toAbsolutePath().normalize().toString(), maven.version(), recipeYaml, YAML_SOURCE, recipes, write);
      return RewriteProcess.run(elsewhere.jdk().home(), request, elsewhere.log(), elsewhere.limit());
    } finally {
      oneRun.release();
    }
  }
}
