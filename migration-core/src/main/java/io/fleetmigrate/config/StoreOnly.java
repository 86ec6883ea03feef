package io.fleetmigrate.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * The store without the application: a connection pool and the schema's migrations, for the commands
 * that only read or write rows ({@code inventory list}, {@code campaign status}, {@code prs list}).
 * Starting Spring, Spring Batch, OpenRewrite and the broker for them cost seconds of CPU per command;
 * this costs the pool and Flyway's check.
 *
 * <p>The schema is the one {@link FleetApplication} migrates, the same way: {@link FleetSchema}. When
 * its history tables say every module is current, Flyway (whose classpath scan is most of such a
 * command's start-up) is not even loaded.
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
      if (!FleetSchema.current(dataSource)) {
        FleetSchema.migrate(dataSource);
      }
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new StoreOnly(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
