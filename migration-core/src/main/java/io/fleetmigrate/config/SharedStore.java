package io.fleetmigrate.config;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the store lives: the embedded H2 file in the data directory (the default, one machine), or
 * a database server shared by a manager and its workers (PostgreSQL). The same Flyway schema runs
 * on both. The user and password of a shared server come from the environment only, never from
 * the command line, so they show in neither {@code ps} nor shell history.
 */
public record SharedStore(String url, String user, String password, boolean shared) {
  public static final String URL_ENV = "FLEET_DB_URL";
  public static final String USER_ENV = "FLEET_DB_USER";
  public static final String PASSWORD_ENV = "FLEET_DB_PASSWORD";

  public static SharedStore embedded(FleetHome home) {
    return new SharedStore(home.jdbcUrl(), "sa", "", false);
  }

  /** {@code --db-url}, else {@code $FLEET_DB_URL}, else the embedded H2 file of {@code home}. */
  public static SharedStore resolve(@Nullable String option, FleetHome home, Map<String, String> env) {
    String url = option != null && !option.isBlank() ? option : env.get(URL_ENV);
    if (url == null || url.isBlank()) {
      return embedded(home);
    }
    if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException(
          "unsupported database URL '" + url + "': use jdbc:postgresql://HOST:PORT/DATABASE (or jdbc:h2:...)");
    }
    return new SharedStore(url, env.getOrDefault(USER_ENV, ""), env.getOrDefault(PASSWORD_ENV, ""), true);
  }

  /** The URL without credentials someone may have put in it, for messages. */
  public String describe() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Override
  public String toString() {
    return "SharedStore[" + describe() + "]";
  }
}
