package io.fleetmigrate.config;

import io.fleetmigrate.inventory.InventoryStore;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The store's schema: each module's migrations in their own version range, with their own Flyway
 * history table, migrated in order (the inventory, then the core). A module numbers its migrations
 * from 1 and never collides with another's numbers.
 *
 * <p>Data directories made before this scheme (releases up to December 2026) have one history,
 * {@code flyway_schema_history}, whose versions interleave the modules (V1, V7 the inventory's; V2..V14
 * the core's). On such a store each module's history starts with a Flyway baseline at the version its
 * old migrations map to ({@link #RELEASED}), and its later migrations apply; the old table stays as the
 * record of the past and is not read again.
 */
public final class FleetSchema {
  private FleetSchema() {}

  /**
   * A module's migrations: where they are, its history table, and its highest version and how many
   * there are (so {@link StoreOnly} can tell the store is current without Flyway's classpath scan;
   * {@code StoreOnlyTest} holds both to the files). {@code {vendor}} in a location is {@code h2} or
   * {@code postgresql}.
   */
  public record Module(String name, String table, List<String> locations, int version, int migrations) {
    /** This module's Flyway on {@code dataSource}, baselined at {@code baseline} when its history is missing on a non-empty schema. */
    Flyway flyway(DataSource dataSource, String vendor, int baseline) {
      return Flyway.configure()
          .dataSource(dataSource)
          .table(table)
          .locations(locations.stream().map(l -> l.replace("{vendor}", vendor)).toArray(String[]::new))
          .baselineOnMigrate(true)
          .baselineVersion(String.valueOf(baseline))
          .baselineDescription(baseline == 0 ? "<< after the modules before it >>" : "<< " + LEGACY_TABLE + " >>")
          .load();
    }
  }

  public static final Module INVENTORY = new Module("inventory", "flyway_inventory_history", List.of(InventoryStore.MIGRATIONS), 2, 2);
  public static final Module CORE =
      new Module("core", "flyway_core_history", List.of("classpath:db/core", "classpath:db/core-vendor/{vendor}"), 13, 13);
  /** In the order they migrate: a module may refer to the tables of those before it. */
  public static final List<Module> MODULES = List.of(INVENTORY, CORE);

  /** The one history of the stores made before each module had its own. */
  static final String LEGACY_TABLE = "flyway_schema_history";

  /** A released old-scheme version: the module it belonged to and its version there now. */
  record Renumbered(Module module, int version) {}

  /**
   * Every version of the old single history that a released data directory can hold, and where it
   * went. A store whose old history reached version {@code n} holds every module at the highest version
   * mapped from {@code n} or below. Extend it only for a migration that shipped in the old scheme
   * (the last release ended at 14; V10 was never used); migrations written since are numbered in their
   * module and need no line here.
   */
  static final Map<Integer, Renumbered> RELEASED = new TreeMap<>(Map.ofEntries(
      Map.entry(1, new Renumbered(INVENTORY, 1)),
      Map.entry(2, new Renumbered(CORE, 1)),
      Map.entry(3, new Renumbered(CORE, 2)),
      Map.entry(4, new Renumbered(CORE, 3)),
      Map.entry(5, new Renumbered(CORE, 4)),
      Map.entry(6, new Renumbered(CORE, 5)),
      Map.entry(7, new Renumbered(INVENTORY, 2)),
      Map.entry(8, new Renumbered(CORE, 6)),
      Map.entry(9, new Renumbered(CORE, 7)),
      Map.entry(11, new Renumbered(CORE, 8)),
      Map.entry(12, new Renumbered(CORE, 9)),
      Map.entry(13, new Renumbered(CORE, 10)),
      Map.entry(14, new Renumbered(CORE, 11))));

  /** Brings every module of the store up to date; a store of the old scheme is baselined first. */
  public static void migrate(DataSource dataSource) {
    String url = url(dataSource);
    String vendor = vendor(url);
    try (SchemaLock lock = SchemaLock.take(url)) {
      migrateModules(dataSource, vendor);
    }
  }

  /** {@link #migrate}, holding the store's {@link SchemaLock}. */
  private static void migrateModules(DataSource dataSource, String vendor) {
    for (Module module : MODULES) {
      for (int attempt = 1; ; attempt++) {
        // Whether to baseline is decided before Flyway's lock, whose table it is: two processes that
        // open an old store at once (a manager and its workers after an upgrade) can both decide to
        // create it, and one then fails. Decided again, it finds the other's history and goes on.
        int baseline = hasTable(dataSource, module.table()) ? 0 : legacyVersion(dataSource, module);
        try {
          module.flyway(dataSource, vendor, baseline).migrate();
          break;
        } catch (org.flywaydb.core.api.FlywayException e) {
          if (attempt == 3) {
            throw e;
          }
          try {
            Thread.sleep(200L * attempt);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    }
  }

  /** Each module's applied version ({@code null} when none) and its pending migrations, as Flyway sees them. */
  public record State(Module module, String current, int pending) {}

  public static List<State> state(DataSource dataSource) {
    String vendor = vendor(dataSource);
    List<State> states = new ArrayList<>();
    for (Module module : MODULES) {
      var info = module.flyway(dataSource, vendor, 0).info();
      MigrationInfo current = info.current();
      states.add(new State(module, current == null ? "empty" : String.valueOf(current.getVersion()), info.pending().length));
    }
    return states;
  }

  /**
   * Whether every module is at its {@link Module#version} with all its migrations applied, read from
   * the history tables alone (no classpath scan). Anything else (a module behind or ahead, a failed or
   * missing migration, no schema, the old scheme) is not current: Flyway migrates it or says what is wrong.
   */
  static boolean current(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      for (Module module : MODULES) {
        Set<Integer> applied = new HashSet<>();
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT \"version\", \"success\", \"type\" FROM \"" + module.table() + "\"")) {
          while (rs.next()) {
            if (!rs.getBoolean(2)) {
              return false;
            }
            String version = rs.getString(1);
            if (version != null && version.matches("\\d+") && !"BASELINE".equals(rs.getString(3))) {
              applied.add(Integer.parseInt(version));
            } else if ("BASELINE".equals(rs.getString(3)) && version != null) {
              // A baselined module holds every version up to the baseline.
              for (int v = 1; v <= Integer.parseInt(version); v++) {
                applied.add(v);
              }
            }
          }
        }
        int highest = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (highest != module.version() || applied.size() != module.migrations()) {
          return false;
        }
      }
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * The version {@code module} had reached in a store of the old scheme, or 0 when the store has no
   * old history (a new store; Flyway then starts the module from its first migration).
   */
  static int legacyVersion(DataSource dataSource, Module module) {
    if (!hasTable(dataSource, LEGACY_TABLE)) {
      return 0;
    }
    int highest = 0;
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT \"version\", \"success\", \"type\" FROM \"" + LEGACY_TABLE + "\" WHERE \"version\" IS NOT NULL")) {
      while (rs.next()) {
        if ("SCHEMA".equals(rs.getString(3))) {
          continue; // Flyway's note that it created the schema, no migration
        }
        int version = Integer.parseInt(rs.getString(1));
        if (!rs.getBoolean(2)) {
          throw new IllegalStateException("the store's old schema history (" + LEGACY_TABLE + ") records a failed migration, V"
              + version + ": repair it with the Fleet release that made the store, then open it with this one");
        }
        if (!RELEASED.containsKey(version)) {
          throw new IllegalStateException("the store's old schema history (" + LEGACY_TABLE + ") has V" + version
              + ", which no release of Fleet had: it was made by a development build; migrate it with that build or start a new store");
        }
        highest = Math.max(highest, version);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the store's old schema history (" + LEGACY_TABLE + "): " + e.getMessage(), e);
    }
    return releasedUpTo(highest, module);
  }

  /** The version {@code module} has in a store whose old history reached {@code oldVersion}. */
  static int releasedUpTo(int oldVersion, Module module) {
    return RELEASED.entrySet().stream()
        .filter(e -> e.getKey() <= oldVersion && e.getValue().module().equals(module))
        .mapToInt(e -> e.getValue().version())
        .max()
        .orElse(0);
  }

  private static boolean hasTable(DataSource dataSource, String table) {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), table, new String[] {"TABLE"})) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the store's tables: " + e.getMessage(), e);
    }
  }

  /** The vendor folder of the database behind {@code dataSource}, as Spring Boot names it ({@code DatabaseDriver}). */
  static String vendor(DataSource dataSource) {
    return vendor(url(dataSource));
  }

  /** The JDBC URL of the database behind {@code dataSource} (opening it). */
  private static String url(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getURL();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the store: " + e.getMessage(), e);
    }
  }

  /** The vendor folder of a JDBC URL. */
  static String vendor(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return "h2";
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return "postgresql";
    }
    throw new IllegalArgumentException("unsupported database URL '" + url + "'");
  }
}
