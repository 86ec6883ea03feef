package io.fleetmigrate.cli.doctor;

import java.util.concurrent.Callable;
import io.fleetmigrate.config.FleetSchema;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The store, opened as every command opens it (which migrates it): the H2 file or the shared
 * PostgreSQL reachable, and the schema at its newest version.
 */
public record DatabaseCheck(String database, Callable<ConfigurableApplicationContext> app) implements Check {
  @Override
  public String name() {
    return "database";
  }

  @Override
  public Finding run() {
    try {
      List<FleetSchema.State> modules = FleetSchema.state(app.call().getBean(DataSource.class));
      String version = "schema " + modules.stream().map(m -> m.module().name() + " " + m.current()).collect(Collectors.joining(", "));
      int pending = modules.stream().mapToInt(FleetSchema.State::pending).sum();
      if (pending > 0) {
        return Finding.missing(name(), database + ": " + version + ", " + pending + " migration(s) pending",
            "run any fleet command with a user that may change the schema; it migrates on start");
      }
      return Finding.ok(name(), database + ": " + version + ", migrations current");
    } catch (Exception e) {
      return Finding.missing(name(), database + ": " + e.getMessage(),
          "for H2 check the data directory (--data-dir); for PostgreSQL check --db-url / FLEET_DB_URL and FLEET_DB_USER,"
              + " FLEET_DB_PASSWORD");
    }
  }
}
