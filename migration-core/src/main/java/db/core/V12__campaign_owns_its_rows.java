package db.core;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A campaign owns its rows: deleting its {@code campaign} row deletes its runs and everything they
 * recorded ({@code ON DELETE CASCADE}), so no code lists the tables by hand (the list had already
 * missed {@code fix_memory} and {@code worker_shard}). In the old single history it would have been V17.
 *
 * <p>A Java migration, not SQL: the foreign keys of V2..V13 were declared inline, so their names are
 * the database's own ({@code CONSTRAINT_8A} on H2, {@code repo_outcome_run_id_fkey} on PostgreSQL)
 * and are read from the JDBC metadata before they are replaced by named ones. Rows that already lost
 * their campaign or run (left behind by the old deletion) are removed first, else the new keys
 * could not be added.
 *
 * <p>Not owned, so no key: {@code campaign_lock} (taken under the lock's name before the campaign
 * row exists), {@code code_host_call} and {@code fleet_worker} (a host's and a process's, not a
 * campaign's).
 */
public class V12__campaign_owns_its_rows extends BaseJavaMigration {
  /** A child table's column that names its owner's row. */
  record Owned(String table, String column, String owner, String ownerColumn) {}

  /** Parents before children: a run's rows go with the run, the run with the campaign. */
  static final List<Owned> OWNED = List.of(
      new Owned("campaign_run", "campaign", "campaign", "name"),
      new Owned("run_repository", "run_id", "campaign_run", "id"),
      new Owned("repo_outcome", "run_id", "campaign_run", "id"),
      new Owned("repo_attempt", "run_id", "campaign_run", "id"),
      new Owned("fix_attempt", "run_id", "campaign_run", "id"),
      new Owned("rollout_held", "run_id", "campaign_run", "id"),
      new Owned("worker_shard", "run_id", "campaign_run", "id"),
      new Owned("pull_request", "campaign", "campaign", "name"),
      new Owned("pull_request_event", "campaign", "campaign", "name"),
      new Owned("rollout", "campaign", "campaign", "name"),
      new Owned("fix_memory", "campaign", "campaign", "name"));

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    try (Statement st = c.createStatement()) {
      for (Owned o : OWNED) {
        st.executeUpdate("DELETE FROM " + o.table() + " WHERE " + o.column() + " NOT IN (SELECT " + o.ownerColumn() + " FROM " + o.owner() + ")");
        for (String key : foreignKeys(c, o)) {
          st.executeUpdate("ALTER TABLE " + o.table() + " DROP CONSTRAINT \"" + key + "\"");
        }
        st.executeUpdate("ALTER TABLE " + o.table() + " ADD CONSTRAINT " + o.table() + "_owner FOREIGN KEY (" + o.column()
            + ") REFERENCES " + o.owner() + " (" + o.ownerColumn() + ") ON DELETE CASCADE");
      }
    }
  }

  /** The names of {@code o.table}'s foreign keys on {@code o.column}, as the database stores them. */
  private static List<String> foreignKeys(Connection c, Owned o) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String table = meta.storesUpperCaseIdentifiers() ? o.table().toUpperCase(Locale.ROOT) : o.table();
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
      while (rs.next()) {
        if (rs.getString("FKCOLUMN_NAME").equalsIgnoreCase(o.column()) && !keys.contains(rs.getString("FK_NAME"))) {
          keys.add(rs.getString("FK_NAME"));
        }
      }
    }
    return keys;
  }
}
