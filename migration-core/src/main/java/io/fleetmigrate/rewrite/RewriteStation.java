package io.fleetmigrate.rewrite;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.recipes.RecipeEngine;
import io.fleetmigrate.recipes.RecipeNotFoundException;
import io.fleetmigrate.recipes.RewriteResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's one recipe lane. The engine is created on first use (its recipe environment is
 * scanned once, which costs seconds) with the version of the Maven that builds the fleet.
 */
public class RewriteStation {
  private final MavenToolchain maven;
  private @Nullable RecipeEngine engine;

  public RewriteStation(MavenToolchain maven) {
    this.maven = maven;
  }

  public synchronized RecipeEngine engine() throws BuildException {
    if (engine == null) {
      engine = new RecipeEngine(maven.version());
    }
    return engine;
  }

  public void validate(List<String> recipes) throws RecipeNotFoundException, BuildException {
    engine().validate(recipes);
  }

  public RewriteResult run(Path checkout, List<String> recipes)
      throws RecipeNotFoundException, IOException, BuildException {
    return engine().run(checkout, recipes, true);
  }
}
