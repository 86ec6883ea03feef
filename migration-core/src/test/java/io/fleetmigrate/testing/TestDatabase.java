package io.fleetmigrate.testing;

import javax.sql.DataSource;
import io.fleetmigrate.config.FleetSchema;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh in-memory H2 database with the real schema, migrated as the application does ({@link
 * FleetSchema}): once per JVM, into a template, of which each call gets a copy made with H2's own
 * backup script (tables, constraints, indexes, identity positions and the Flyway histories, so
 * Flyway and {@code StoreOnly} find it current). Flyway's start-up per database cost about 0.1 s
 * warm and far more under load, in the {@code @BeforeEach} of some 140 tests; {@code
 * TestDatabaseTest} holds a copy to the template. Tests of the migration itself call {@link
 * FleetSchema#migrate} on a database of their own. Should the template's migration fail, the first
 * test to ask shows Flyway's error and the later ones a {@code NoClassDefFoundError} of {@code
 * TestDatabase$Template}: look for the first.
 */
public final class TestDatabase {
  private TestDatabase() {}

  public static DataSource migrated() {
    JdbcDataSource ds = empty();
    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
      for (String statement : Template.SCRIPT) {
        st.execute(statement);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot copy the migrated template database: " + e.getMessage(), e);
    }
    return ds;
  }

  /** An empty in-memory database of its own. */
  private static JdbcDataSource empty() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:fleet-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  /** H2's script of {@code ds} (its {@code SCRIPT} command): what it takes to make the same database again. */
  static java.util.List<String> script(DataSource ds) {
    java.util.List<String> statements = new java.util.ArrayList<>();
    try (java.sql.Connection c = ds.getConnection();
        java.sql.ResultSet rs = c.createStatement().executeQuery("SCRIPT")) {
      while (rs.next()) {
        String statement = rs.getString(1);
        // Left out: row counts (comments) and the user, whom each database has already (with its own salt).
        if (!statement.startsWith("--") && !statement.startsWith("CREATE USER ")) {
          statements.add(statement);
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot script the migrated template database: " + e.getMessage(), e);
    }
    return java.util.List.copyOf(statements);
  }

  /** Migrated on first use, once per JVM. */
  static final class Template {
    static final DataSource DATABASE = migratedByFlyway();
    static final java.util.List<String> SCRIPT = script(DATABASE);

    private static DataSource migratedByFlyway() {
      JdbcDataSource ds = empty();
      FleetSchema.migrate(ds);
      return ds;
    }
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
