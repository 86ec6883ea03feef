package io.fleetmigrate.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The inventory table. Schema: {@code db/migration/V1__inventory.sql} in this module. */
public class InventoryStore {
  private final JdbcClient jdbc;
  private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batch;
  private final org.springframework.transaction.support.TransactionTemplate transactions;

  public InventoryStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.batch = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(dataSource);
    this.transactions = new org.springframework.transaction.support.TransactionTemplate(
        new org.springframework.jdbc.support.JdbcTransactionManager(dataSource));
  }

  /** What an import did. */
  public record ImportResult(int added, int updated, int unchanged) {
    public int total() {
      return added + updated + unchanged;
    }
  }

  /**
   * Adds new repositories and updates known ones; repositories not in {@code repos} are kept. A
   * field the import leaves empty (a folder scan knows no owner) keeps what the inventory knew.
   */
  public ImportResult upsert(Collection<RepoRef> imported) {
    // One read of what is known and two batched statements in one transaction: a 10,000-repository
    // inventory imports in a second or two, on a shared server too (one round trip per repository
    // and statement, in autocommit, took minutes).
    java.util.Map<String, RepoRef> known = new java.util.HashMap<>();
    for (RepoRef r : list()) {
      known.put(r.name(), r);
    }
    java.util.Map<String, RepoRef> latest = new java.util.LinkedHashMap<>();
    for (RepoRef r : imported) {
      RepoRef before = latest.containsKey(r.name()) ? latest.get(r.name()) : known.get(r.name());
      latest.put(r.name(), before == null ? r : merge(before, r));
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<org.springframework.jdbc.core.namedparam.SqlParameterSource> inserts = new java.util.ArrayList<>();
    List<org.springframework.jdbc.core.namedparam.SqlParameterSource> updates = new java.util.ArrayList<>();
    int unchanged = 0;
    for (RepoRef repo : latest.values()) {
      RepoRef existing = known.get(repo.name());
      if (existing != null && existing.equals(repo)) {
        unchanged++;
        continue;
      }
      var params = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
          .addValue("name", repo.name())
          .addValue("url", repo.cloneUrl())
          .addValue("branch", repo.defaultBranch())
          .addValue("owner", repo.owner())
          .addValue("tags", String.join(",", repo.tags()))
          .addValue("source", repo.source())
          .addValue("now", now);
      (existing == null ? inserts : updates).add(params);
    }
    transactions.executeWithoutResult(status -> {
      if (!inserts.isEmpty()) {
        batch.batchUpdate(
            """
            INSERT INTO repository (name, clone_url, default_branch, owner, tags, source, imported_at)
            VALUES (:name, :url, :branch, :owner, :tags, :source, :now)""",
            inserts.toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new));
      }
      if (!updates.isEmpty()) {
        batch.batchUpdate(
            """
            UPDATE repository SET clone_url = :url, default_branch = :branch, owner = :owner,
                   tags = :tags, source = :source, imported_at = :now
             WHERE name = :name""",
            updates.toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new));
      }
    });
    return new ImportResult(inserts.size(), updates.size(), unchanged);
  }

  private static RepoRef merge(RepoRef known, RepoRef imported) {
    return new RepoRef(
        imported.name(),
        imported.cloneUrl(),
        imported.defaultBranch() != null ? imported.defaultBranch() : known.defaultBranch(),
        imported.owner() != null ? imported.owner() : known.owner(),
        imported.tags().isEmpty() ? known.tags() : imported.tags(),
        imported.source());
  }

  public List<RepoRef> list() {
    return jdbc.sql("SELECT * FROM repository ORDER BY name").query(InventoryStore::map).list();
  }

  public Optional<RepoRef> find(String name) {
    return jdbc.sql("SELECT * FROM repository WHERE name = :name")
        .param("name", name)
        .query(InventoryStore::map)
        .optional();
  }

  /** Removes the named repositories (used by the demo to rebuild its sample fleet). */
  public int delete(Collection<String> names) {
    int removed = 0;
    for (String name : names) {
      removed += jdbc.sql("DELETE FROM repository WHERE name = :name").param("name", name).update();
    }
    return removed;
  }

  private static RepoRef map(ResultSet rs, int row) throws SQLException {
    String tags = rs.getString("tags");
    return new RepoRef(
        rs.getString("name"),
        rs.getString("clone_url"),
        rs.getString("default_branch"),
        rs.getString("owner"),
        tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")),
        rs.getString("source"));
  }
}
