package io.fleetmigrate.cli;

import io.fleetmigrate.config.FleetApplication;
import io.fleetmigrate.config.FleetHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code fleet}: the root command. Starts the application only when a subcommand needs it. */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Migrate a whole fleet of Java repositories: OpenRewrite recipes first, the repository's own build to"
          + " verify, and a pull request only when the build is green.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done; every repository ended well",
      "  1  the run finished; some repositories need attention (NEEDS_HUMAN, ERROR...)",
      "  2  usage error on the command line",
      "  3  invalid input: spec, inventory, recipe, campaign or repository, selection",
      "  4  environment: no Maven found, data directory not writable",
      "  5  busy: the campaign is already running, or the database is held",
      " 70  internal error (see DATA_DIR/logs/fleet.log)",
      "",
      "Start with: fleet demo"
    },
    subcommands = {
      DemoCommand.class,
      InventoryCommand.class,
      CampaignCommand.class,
      ReportCommand.class,
      PrsCommand.class,
      ScheduleCommand.class,
      RecipesCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public class FleetCommand implements Runnable, AutoCloseable {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Where Fleet keeps its database, workspaces, logs and reports (default: $FLEET_DATA_DIR, else ~/.fleet).")
  @Nullable Path dataDir;

  @picocli.CommandLine.Spec CommandSpec spec;

  private @Nullable ConfigurableApplicationContext context;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The root command of the command line {@code spec} belongs to. */
  static FleetCommand of(CommandSpec spec) {
    return (FleetCommand) spec.root().userObject();
  }

  public FleetHome home() {
    return FleetHome.resolve(dataDir);
  }

  static String logFile(FleetCommand root) {
    return root.home().logs().resolve("fleet.log").toString();
  }

  /** The application, started on first use. */
  public ConfigurableApplicationContext app() throws DataDirException, DataDirBusyException {
    if (context == null) {
      FleetHome home = home();
      try {
        Files.createDirectories(home.logs());
        if (!Files.isWritable(home.dir())) {
          throw new IOException("not writable");
        }
      } catch (IOException e) {
        throw new DataDirException(
            "cannot use the data directory " + home.dir() + " (" + e + "); choose another with --data-dir or FLEET_DATA_DIR", e);
      }
      try {
        context = FleetApplication.start(home);
      } catch (RuntimeException e) {
        Throwable cause = e;
        while (cause != null) {
          if (cause instanceof org.h2.jdbc.JdbcSQLNonTransientConnectionException h2 && h2.getErrorCode() == 90020) {
            throw new DataDirBusyException(
                "the database in " + home.dir() + " is in use by another process that does not share it", e);
          }
          cause = cause.getCause();
        }
        throw e;
      }
    }
    return context;
  }

  public <T> T bean(Class<T> type) throws DataDirException, DataDirBusyException {
    return app().getBean(type);
  }

  @Override
  public void close() {
    if (context != null) {
      context.close();
      context = null;
    }
  }
}
