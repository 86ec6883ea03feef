package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.SpecRecipeFiles;
import io.fleetmigrate.recipes.InvalidRecipeException;
import io.fleetmigrate.recipes.RecipeCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet recipes}: the recipe catalog. Needs no database: the catalog is the classpath (and a
 * campaign's own YAML recipes), so it works before anything was imported.
 */
@Command(
    name = "recipes",
    mixinStandardHelpOptions = true,
    description = "The recipes campaigns can name: every recipe module on the classpath, ours, and a campaign's own YAML recipes.",
    subcommands = {RecipesListCommand.class, RecipesDescribeCommand.class})
public class RecipesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The option both subcommands share: also show the YAML recipes next to a campaign spec. */
  static class SpecOption {
    @Option(
        names = "--spec",
        paramLabel = "SPEC",
        description = "Also include the YAML recipes (type: specs.openrewrite.org/v1beta/recipe) in the files next to this campaign spec.")
    @Nullable Path specFile;

    RecipeCatalog catalog() throws IOException, InvalidRecipeException, io.fleetmigrate.campaign.SpecException {
      RecipeCatalog catalog = RecipeCatalog.scan();
      if (specFile == null) {
        return catalog;
      }
      io.fleetmigrate.campaign.CampaignSpecReader.text(specFile); // there, and text
      for (SpecRecipeFiles.RecipeFile file : SpecRecipeFiles.nextTo(specFile)) {
        catalog = catalog.withRecipeYaml(file.yaml(), file.path().toString());
      }
      return catalog;
    }
  }
}
