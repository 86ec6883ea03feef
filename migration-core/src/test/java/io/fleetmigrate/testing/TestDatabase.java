package io.fleetmigrate.testing;

import javax.sql.DataSource;
import io.fleetmigrate.config.FleetSchema;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database with the real schema, migrated as the application does ({@link FleetSchema}). */
public final class TestDatabase {
  private TestDatabase() {}

  public static DataSource migrated() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:fleet-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    FleetSchema.migrate(ds);
    return ds;
  }

  /** A migrated database with the campaign {@code name} saved: its rows (fix memory, runs) need it. */
  public static DataSource withCampaign(String name) {
    DataSource ds = migrated();
    new io.fleetmigrate.store.RunStore(ds).saveCampaign(name, "", null, "name: " + name + "\n");
    return ds;
  }

  /**
   * The first column of {@code sql}'s rows, read from the H2 file database of the data directory
   * {@code data} in auto-server mode, which admits this JVM next to a running CLI. {@code IFEXISTS}:
   * a read must never create the database itself (a CLI opening the file at that moment would fail
   * with H2's "already in use").
   */
  public static java.util.List<String> query(java.nio.file.Path data, String sql) throws java.sql.SQLException {
    String url = "jdbc:h2:file:" + data.resolve("fleet") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
    java.util.List<String> rows = new java.util.ArrayList<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
