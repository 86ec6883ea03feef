package io.fleetmigrate.cli;

import io.fleetmigrate.config.FleetApplication;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.config.SharedStore;
import io.fleetmigrate.config.StoreOnly;
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
      "  4  environment: no Maven found, data directory not writable, database or code host unreachable, token missing or refused",
      "  5  busy: the campaign is already running, or the database is held",
      " 70  internal error (see DATA_DIR/logs/fleet.log)",
      "",
      "Start with: fleet demo"
    },
    subcommands = {
      DemoCommand.class,
      InitCommand.class,
      DoctorCommand.class,
      JdksCommand.class,
      InventoryCommand.class,
      CampaignCommand.class,
      ReportCommand.class,
      PrsCommand.class,
      FixesCommand.class,
      ScheduleCommand.class,
      RecipesCommand.class,
      WorkerCommand.class,
      BrokerCommand.class,
      picocli.AutoComplete.GenerateCompletion.class,
      picocli.CommandLine.HelpCommand.class
    })
public class FleetCommand implements Runnable, AutoCloseable {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Where Fleet keeps its database, workspaces, logs and reports (default: $FLEET_DATA_DIR, else ~/.fleet).")
  @Nullable Path dataDir;

  @Option(
      names = "--db-url",
      paramLabel = "JDBC_URL",
      scope = ScopeType.INHERIT,
      description = {
        "A shared database instead of the embedded H2 file, e.g. jdbc:postgresql://db:5432/fleet (default: $FLEET_DB_URL)."
            + " User and password come from $FLEET_DB_USER and $FLEET_DB_PASSWORD, never from arguments."
      })
  @Nullable String dbUrl;

  @Option(
      names = "--broker-url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = {
        "The ActiveMQ Artemis broker that carries partition requests between a manager (campaign run --remote) and"
            + " workers, e.g. tcp://broker:61616 (default: $FLEET_BROKER_URL). User and password: $FLEET_BROKER_USER,"
            + " $FLEET_BROKER_PASSWORD."
      })
  @Nullable String brokerUrl;

  private java.util.Map<String, Object> roleProperties = java.util.Map.of();

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

  /** The database this command line uses. */
  public SharedStore store() {
    try {
      return SharedStore.resolve(dbUrl, home(), System.getenv());
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The broker URL of this command line, if any. */
  public java.util.Optional<String> brokerUrl() {
    String url = brokerUrl != null && !brokerUrl.isBlank() ? brokerUrl : System.getenv("FLEET_BROKER_URL");
    return url == null || url.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(url);
  }

  /**
   * Sets the role of this process (manager or worker of a remote run) before the application
   * starts; the role decides which beans exist (the broker's channels, the listener).
   */
  public void role(java.util.Map<String, Object> properties) {
    if (context != null) {
      throw new IllegalStateException("the application is already started");
    }
    roleProperties = java.util.Map.copyOf(properties);
  }

  /**
   * The properties of a process that scales out over the broker ({@code role}: manager or worker).
   * Both need a shared database, since workers and manager meet in the job repository.
   */
  java.util.Map<String, Object> remoteRole(String role, String what) {
    if (!store().shared()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          what + " needs a database shared with the other processes: --db-url jdbc:postgresql://HOST:PORT/DB (or FLEET_DB_URL)");
    }
    String url = brokerUrl().orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
        what + " needs a broker: --broker-url tcp://HOST:61616 (or FLEET_BROKER_URL); 'fleet broker' starts one"));
    java.util.Map<String, Object> props = new java.util.LinkedHashMap<>();
    props.put("fleet.broker.url", url);
    String user = System.getenv("FLEET_BROKER_USER");
    if (user != null && !user.isBlank()) {
      props.put("fleet.broker.user", user);
      props.put("fleet.broker.password", java.util.Objects.requireNonNullElse(System.getenv("FLEET_BROKER_PASSWORD"), ""));
    }
    props.put("worker".equals(role) ? "fleet.role" : "fleet.partitioning", "worker".equals(role) ? "worker" : "remote");
    return props;
  }

  /** {@code 90s}, {@code 30m}, {@code 2h}, or ISO-8601 ({@code PT1H30M}). */
  static java.time.Duration duration(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        return java.time.Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> java.time.Duration.ofSeconds(n);
        case 'm' -> java.time.Duration.ofMinutes(n);
        case 'h' -> java.time.Duration.ofHours(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: use 90s, 30m, 2h or PT1H30M");
    }
  }

  /**
   * Opens the store (the application, or the store alone), trying again for a while when the H2 file is in a moment of hand-over:
   * two commands started together (a run and a status, a list and a status) race to open the file,
   * and the loser sees "Lock file recently modified" or "Database may be already in use" (90020)
   * until the winner's auto-server is up, or loses its connection ("session closed", 90067) when
   * the winner exits while it was still migrating through it. Only when the file stays held (a
   * process that opened it without the auto-server) does the caller report it busy.
   */
  private static <T> T retryingH2Race(SharedStore store, java.util.function.Supplier<T> open) {
    for (int attempt = 1; ; attempt++) {
      try {
        return open.get();
      } catch (RuntimeException e) {
        if (!store.url().startsWith("jdbc:h2:") || !h2HandOver(e) || attempt >= H2_ATTEMPTS) {
          throw e;
        }
        org.slf4j.LoggerFactory.getLogger(FleetCommand.class).info(
            "the H2 file is being opened or closed by another process (attempt {}): {}", attempt, rootMessage(e));
        try {
          // Jitter: two processes backing off in step would meet again at every attempt.
          Thread.sleep(Math.min(2000L, 250L * attempt) + java.util.concurrent.ThreadLocalRandom.current().nextLong(250));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * How often a command tries to open the H2 file while another process opens or closes it:
   * counted in attempts, not seconds, since on a loaded machine one start alone can take longer
   * than any fixed time; the pauses between them add up to about ten seconds.
   */
  static final int H2_ATTEMPTS = 7;

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  static boolean h2HandOver(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.sql.SQLException sql && (sql.getErrorCode() == 90020 || sql.getErrorCode() == 90067
          || sql.getErrorCode() == 90098 || sql.getErrorCode() == 90121)) {
        return true;
      }
      String message = c.getMessage();
      if (message != null && (message.contains("Lock file recently modified") || message.contains("session closed"))) {
        return true;
      }
    }
    return false;
  }

  private io.fleetmigrate.build.@Nullable BuildSettings buildSettings;

  /**
   * How builds run ({@code FLEET_BUILD_NETWORK}, {@code FLEET_SANDBOX}, {@code FLEET_MAVEN_*},
   * {@code FLEET_PREFETCH}), bound once for this command line and handed to the application.
   *
   * @throws picocli.CommandLine.ParameterException when a setting is mistyped (a usage error)
   */
  public io.fleetmigrate.build.BuildSettings buildSettings() {
    if (buildSettings == null) {
      try {
        buildSettings = io.fleetmigrate.build.BuildSettings.fromEnvironment();
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    return buildSettings;
  }

  /** The application, started on first use. */
  public ConfigurableApplicationContext app() throws DataDirException, DataDirBusyException {
    if (context == null) {
      FleetHome home = home();
      SharedStore store = store();
      io.fleetmigrate.build.BuildSettings builds = buildSettings();
      context = opening(home, store, () -> FleetApplication.start(home, store, builds, roleProperties));
    }
    return context;
  }

  /**
   * The store's data source, for the commands that only read or write rows: the application's when
   * it runs, else the store alone ({@link StoreOnly}: no Spring, Batch, OpenRewrite or broker
   * started, which cost seconds of CPU per command).
   */
  public javax.sql.DataSource dataSource() throws DataDirException, DataDirBusyException {
    if (context != null) {
      return context.getBean(javax.sql.DataSource.class);
    }
    if (storeOnly == null) {
      FleetHome home = home();
      SharedStore store = store();
      storeOnly = opening(home, store, () -> {
        io.fleetmigrate.config.FileLogging.to(home.logs().resolve("fleet.log"));
        return StoreOnly.open(store);
      });
    }
    return storeOnly.dataSource();
  }

  private @Nullable StoreOnly storeOnly;

  /** Opens the store (alone or in the application), with the data directory's and the database's errors in words. */
  private <T> T opening(FleetHome home, SharedStore store, java.util.function.Supplier<T> open)
      throws DataDirException, DataDirBusyException {
    {
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
        return retryingH2Race(store, open);
      } catch (RuntimeException e) {
        Throwable cause = e;
        while (cause != null) {
          if (cause instanceof org.h2.jdbc.JdbcSQLNonTransientConnectionException h2 && h2.getErrorCode() == 90020) {
            throw new DataDirBusyException(
                "the database in " + home.dir() + " is in use by another process that does not share it", e);
          }
          if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
              && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
            throw new DataDirException("cannot use the database " + store.describe() + ": " + sql.getMessage()
                + " (user and password come from FLEET_DB_USER and FLEET_DB_PASSWORD)", e);
          }
          cause = cause.getCause();
        }
        throw e;
      }
    }
  }

  public <T> T bean(Class<T> type) throws DataDirException, DataDirBusyException {
    return app().getBean(type);
  }

  @Override
  public synchronized void close() {
    if (storeOnly != null) {
      storeOnly.close();
      storeOnly = null;
    }
    if (context != null) {
      context.close();
      context = null;
    }
  }
}
