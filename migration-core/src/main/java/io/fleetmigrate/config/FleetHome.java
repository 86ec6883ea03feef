package io.fleetmigrate.config;

import java.nio.file.Path;

/**
 * The data directory and the layout under it. Paths are predictable so that people and scripts
 * can find a repository's workspace, logs and diff without asking the tool:
 *
 * <pre>
 * fleet.mv.db                                   the H2 database
 * logs/fleet.log                                the application log
 * workspaces/CAMPAIGN/REPO/                      the clone of the latest run
 * runs/CAMPAIGN/RUN/REPO/{baseline,verify}.log   build output
 * runs/CAMPAIGN/RUN/REPO/change.diff             the recipe's change
 * reports/CAMPAIGN/report.{csv,html}             the latest reports
 * </pre>
 */
public record FleetHome(Path dir) {
  public static final String ENV = "FLEET_DATA_DIR";

  public FleetHome {
    dir = dir.toAbsolutePath().normalize();
  }

  /** {@code --data-dir}, else {@code $FLEET_DATA_DIR}, else {@code ~/.fleet}. */
  public static FleetHome resolve(@org.jspecify.annotations.Nullable Path option) {
    return resolve(option, System.getenv());
  }

  /**
   * {@code --data-dir}, else {@code FLEET_DATA_DIR}, else {@code .fleet} in {@code HOME}: the home
   * the shell means ({@code HOME=/tmp/h fleet demo}), which Java's {@code user.home} (the account's,
   * from the password database) ignores; {@code user.home} only when {@code HOME} is not set.
   */
  public static FleetHome resolve(@org.jspecify.annotations.Nullable Path option, java.util.Map<String, String> env) {
    if (option != null) {
      return new FleetHome(option);
    }
    String dir = env.get(ENV);
    if (dir != null && !dir.isBlank()) {
      return new FleetHome(Path.of(dir));
    }
    String home = env.get("HOME");
    return new FleetHome(Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".fleet"));
  }

  public String jdbcUrl() {
    // AUTO_SERVER lets a second process (campaign status during a run) connect to the same file.
    // AUTO_RECONNECT: when the process hosting the server exits, the others reconnect to its successor.
    // WRITE_DELAY=0: a commit reaches the file at once, not within H2's default second, so a
    // kill -9 cannot take back what was committed (a pending pull request row written before its
    // push, a repository's outcome). What the OS has not flushed can still go with a power loss.
    return "jdbc:h2:file:" + dir.resolve("fleet") + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0";
  }

  public Path workspace(String campaign, String repository) {
    return dir.resolve("workspaces").resolve(campaign).resolve(safe(repository));
  }

  public Path runDir(String campaign, long runId, String repository) {
    return dir.resolve("runs").resolve(campaign).resolve(String.valueOf(runId)).resolve(safe(repository));
  }

  public Path reports(String campaign) {
    return dir.resolve("reports").resolve(campaign);
  }

  public Path logs() {
    return dir.resolve("logs");
  }

  /** Repository names may hold '/' (owner/repo); on disk that becomes one folder level less. */
  static String safe(String repository) {
    return repository.replace('/', '_');
  }
}
