package io.fleetmigrate.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The store without the application: a connection pool and the schema's migrations, for the commands
 * that only read or write rows ({@code inventory list}, {@code campaign status}, {@code prs list}).
 * Starting Spring, Spring Batch, OpenRewrite and the broker for them cost seconds of CPU per command;
 * this costs the pool and Flyway's check.
 *
 * <p>The schema is the one {@link FleetApplication} migrates, with the same locations: Flyway's
 * {@code db/migration} of every module, and {@code db/vendor/<vendor>} for what differs per database.
 */
public final class StoreOnly implements AutoCloseable {
  private final HikariDataSource dataSource;

  private StoreOnly(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Opens {@code store} and brings its schema up to date (a no-op when it is). */
  public static StoreOnly open(SharedStore store) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(store.url());
    config.setUsername(store.user());
    config.setPassword(store.password());
    config.setPoolName("fleet-store");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      if (current(dataSource)) {
        return new StoreOnly(dataSource);
      }
      Flyway.configure()
          .dataSource(dataSource)
          .locations(FleetApplication.MIGRATIONS, FleetApplication.VENDOR_MIGRATIONS.replace("{vendor}", vendor(store.url())))
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new StoreOnly(dataSource);
  }

  /**
   * Whether the schema is already at {@link FleetApplication#SCHEMA_VERSION} with every migration
   * applied: then Flyway, whose classpath scan is most of such a command's start-up, is not needed.
   * Anything else (an older or a newer schema, a failed migration, no schema yet) goes through
   * Flyway, which migrates or says what is wrong exactly as the application would.
   */
  static boolean current(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\"")) {
      int highest = -1;
      java.util.Set<Integer> applied = new java.util.HashSet<>();
      while (rs.next()) {
        if (!rs.getBoolean(2)) {
          return false;
        }
        String version = rs.getString(1);
        if (version != null && version.matches("\\d+")) {
          highest = Math.max(highest, Integer.parseInt(version));
          applied.add(Integer.parseInt(version));
        }
      }
      // Every migration, not only the highest: a store whose history skipped one (a migration that
      // arrived with a lower number later) goes through Flyway, which says what is wrong.
      return highest == FleetApplication.SCHEMA_VERSION && applied.size() == FleetApplication.SCHEMA_MIGRATIONS;
    } catch (SQLException e) {
      return false;
    }
  }

  /** The vendor folder of a JDBC URL, as Spring Boot names it ({@code DatabaseDriver}). */
  static String vendor(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return "h2";
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return "postgresql";
    }
    throw new IllegalArgumentException("unsupported database URL '" + url + "'");
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
