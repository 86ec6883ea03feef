package io.fleetmigrate.cli;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.campaign.SpecException;
import io.fleetmigrate.inventory.InventoryFormatException;
import io.fleetmigrate.recipes.InvalidRecipeException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The entry point: parses the command line, runs the command, and is the only place that exits. */
public final class FleetMain {
  private FleetMain() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs {@code args} and returns the exit code; tests call this with their own writers. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    FleetCommand root = new FleetCommand();
    CommandLine cli = commandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      root.close();
    }
  }

  static CommandLine commandLine(FleetCommand root) {
    CommandLine cli = new CommandLine(root);
    cli.setExitCodeExceptionMapper(FleetMain::exitCodeOf);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          ExitCode code = exitCodeFor(e);
          PrintWriter err = commandLine.getErr();
          if (code == ExitCode.INTERNAL) {
            err.println("fleet: internal error: " + e);
            err.println("       details are in " + FleetCommand.logFile(root));
            org.slf4j.LoggerFactory.getLogger(FleetMain.class).error("internal error", e);
          } else {
            err.println("fleet: " + e.getMessage());
          }
          err.flush();
          return code.code();
        });
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine c = e.getCommandLine();
          PrintWriter err = c.getErr();
          err.println("fleet: " + e.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
          }
          err.flush();
          return ExitCode.USAGE.code();
        });
    return cli;
  }

  private static int exitCodeOf(Throwable e) {
    return exitCodeFor(e).code();
  }

  static ExitCode exitCodeFor(Throwable e) {
    if (e instanceof SpecException
        || e instanceof InventoryFormatException
        || e instanceof InvalidRecipeException
        || e instanceof CampaignException
        || e instanceof java.nio.file.NoSuchFileException) {
      return ExitCode.INVALID_INPUT;
    }
    if (e instanceof BuildException || e instanceof DataDirException || e instanceof UnwritableException || e instanceof io.fleetmigrate.deliver.CodeHostException) {
      return ExitCode.ENVIRONMENT;
    }
    if (e instanceof DataDirBusyException || e instanceof io.fleetmigrate.campaign.CampaignBusyException) {
      return ExitCode.BUSY;
    }
    return ExitCode.INTERNAL;
  }
}
