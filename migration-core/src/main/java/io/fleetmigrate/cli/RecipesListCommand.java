package io.fleetmigrate.cli;

import io.fleetmigrate.recipes.RecipeCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleet recipes list}: every recipe, or those matching {@code --search}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the recipes, sorted by name: name and display name.")
public class RecipesListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--search", paramLabel = "TEXT", description = "Only recipes whose name, display name, description or tags contain TEXT (any case).")
  @Nullable String search;

  @Mixin RecipesCommand.SpecOption specOption = new RecipesCommand.SpecOption();

  @Override
  public Integer call() throws Exception {
    List<RecipeCatalog.Summary> recipes = specOption.catalog().list(search);
    PrintWriter out = spec.commandLine().getOut();
    if (recipes.isEmpty()) {
      out.println("No recipe matches '" + search + "'.");
    } else {
      Table table = new Table("NAME", "DISPLAY NAME");
      recipes.forEach(r -> table.row(r.name(), r.displayName()));
      table.print(out);
      out.println();
      out.println(recipes.size() + " recipes" + (search == null ? "" : " matching '" + search + "'")
          + ". Details: fleet recipes describe NAME");
    }
    out.flush();
    return ExitCode.OK.code();
  }
}
