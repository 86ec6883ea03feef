package io.fleetmigrate.cli;

import io.fleetmigrate.inventory.InventoryFiles;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.LocalFolderScanner;
import io.fleetmigrate.inventory.RepoRef;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleet inventory}: the repositories campaigns can touch. */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = "Import and list the repositories of the fleet.",
    subcommands = {InventoryCommand.Import.class, InventoryCommand.ListRepos.class})
public class InventoryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      header = "Add repositories to the inventory.",
      description = {
        "Known repositories are updated, none is removed. SOURCE is a CSV file (columns:"
            + " name,clone_url,default_branch,owner,tags), a YAML file (repositories: [{name, url, branch, owner,"
            + " tags}]) or a folder holding git repositories. See README, 'Inventory files'."
      })
  static class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SOURCE", description = "A .csv or .yaml file, or a folder of git repositories.")
    Path source;

    @Override
    public Integer call() throws Exception {
      if (!Files.exists(source)) {
        throw new NoSuchFileException(source + ": no such file or folder");
      }
      List<RepoRef> repos = Files.isDirectory(source) ? LocalFolderScanner.scan(source) : InventoryFiles.read(source);
      InventoryStore.ImportResult result = FleetCommand.of(spec).bean(InventoryStore.class).upsert(repos);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "Imported %d repositories from %s: %d new, %d updated, %d unchanged.%n",
          result.total(), source, result.added(), result.updated(), result.unchanged());
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the inventory.")
  static class ListRepos implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print JSON: a list of {name, cloneUrl, defaultBranch, owner, tags, source}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      List<RepoRef> repos = FleetCommand.of(spec).bean(InventoryStore.class).list();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(repos));
        out.flush();
        return ExitCode.OK.code();
      }
      if (repos.isEmpty()) {
        out.println("The inventory is empty. Add repositories with: fleet inventory import FILE|FOLDER");
        out.flush();
        return ExitCode.OK.code();
      }
      Table table = new Table("NAME", "OWNER", "BRANCH", "TAGS", "CLONE URL");
      for (RepoRef r : repos) {
        table.row(r.name(), r.owner(), r.defaultBranch() == null ? "(default)" : r.defaultBranch(), String.join(",", r.tags()), r.cloneUrl());
      }
      table.print(out);
      out.printf("%d repositories%n", repos.size());
      out.flush();
      return ExitCode.OK.code();
    }
  }
}
