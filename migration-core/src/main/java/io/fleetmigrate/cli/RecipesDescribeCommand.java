package io.fleetmigrate.cli;

import io.fleetmigrate.recipes.RecipeCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleet recipes describe NAME}: what a recipe does, its options and what it is made of. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Describe one recipe: what it does, the options a spec can set, and the recipes it runs.")
public class RecipesDescribeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The recipe's fully qualified name.")
  String name = "";

  @Mixin RecipesCommand.SpecOption specOption = new RecipesCommand.SpecOption();

  @Override
  public Integer call() throws Exception {
    RecipeCatalog.Description d = specOption.catalog().describe(name);
    PrintWriter out = spec.commandLine().getOut();
    out.println(d.name());
    out.println("  " + d.displayName());
    if (!d.description().isEmpty()) {
      out.println();
      d.description().lines().forEach(line -> out.println("  " + line));
    }
    if (!d.tags().isEmpty()) {
      out.println();
      out.println("Tags: " + String.join(", ", new java.util.TreeSet<>(d.tags())));
    }
    out.println();
    if (d.options().isEmpty()) {
      out.println("Options: none");
    } else {
      out.println("Options (set them in the spec: {name: " + d.name() + ", options: {...}}):");
      for (RecipeCatalog.Option o : d.options()) {
        out.println("  " + o.name() + " (" + o.type() + (o.required() ? ", required" : ", optional") + ")"
            + (o.description().isEmpty() ? "" : "  " + o.description())
            + (o.example() == null ? "" : "  Example: " + o.example())
            + (o.valid().isEmpty() ? "" : "  One of: " + String.join(", ", o.valid())));
      }
    }
    if (!d.recipeList().isEmpty()) {
      out.println();
      out.println("Runs " + d.recipeList().size() + " recipes:");
      d.recipeList().forEach(r -> out.println("  " + r));
    }
    if (!d.source().isEmpty()) {
      out.println();
      out.println("Source: " + d.source());
    }
    out.flush();
    return ExitCode.OK.code();
  }
}
