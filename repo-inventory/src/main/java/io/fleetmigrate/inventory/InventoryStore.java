package io.fleetmigrate.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The inventory table. Schema: this module's migrations, {@link #MIGRATIONS}. */
public class InventoryStore {
  /** Where this module's Flyway migrations are (numbered from 1 in this module, history {@code flyway_inventory_history}). */
  public static final String MIGRATIONS = "classpath:db/inventory";

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
    // Vanished repositories too: an import that finds one again updates its row, never adds a second.
    for (RepoRef r : jdbc.sql("SELECT * FROM repository").query(InventoryStore::map).list()) {
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

  /**
   * What a code host says about a repository beyond its {@link RepoRef}.
   *
   * @param pushedAt the last push to any branch
   */
  public record Facts(
      @Nullable OffsetDateTime pushedAt, boolean archived, boolean fork, @Nullable String visibility, @Nullable String language) {}

  /** A repository with its host facts and, when it vanished from its source, since when. */
  public record Entry(RepoRef repo, @Nullable Facts facts, @Nullable OffsetDateTime vanishedAt) {}

  /**
   * Records what a source (a GitHub import) holds now: {@code imported} repositories are added or
   * updated with their facts and are no longer vanished; repositories of the same source that are
   * missing from it are marked vanished (never deleted: outcomes and pull requests refer to them).
   *
   * @return the import counts and the number newly marked vanished
   */
  public SyncResult sync(String source, Collection<RepoRef> imported, Map<String, Facts> facts) {
    ImportResult result = upsert(imported);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Set<String> present = new HashSet<>();
    for (RepoRef repo : imported) {
      present.add(repo.name());
      Facts f = facts.get(repo.name());
      jdbc.sql(
              """
              UPDATE repository SET pushed_at = :pushed, archived = :archived, fork = :fork, visibility = :visibility,
                     language = :language, vanished_at = NULL
               WHERE name = :name""")
          .param("name", repo.name())
          .param("pushed", f == null ? null : f.pushedAt())
          .param("archived", f == null ? null : f.archived())
          .param("fork", f == null ? null : f.fork())
          .param("visibility", f == null ? null : f.visibility())
          .param("language", f == null ? null : f.language())
          .update();
    }
    int vanished = 0;
    for (String name : jdbc.sql("SELECT name FROM repository WHERE source = :s AND vanished_at IS NULL")
        .param("s", source).query(String.class).list()) {
      if (!present.contains(name)) {
        vanished += jdbc.sql("UPDATE repository SET vanished_at = :now WHERE name = :name").param("now", now).param("name", name).update();
      }
    }
    return new SyncResult(result, vanished);
  }

  /** What a sync did. */
  public record SyncResult(ImportResult imported, int vanished) {}

  /** Every distinct source the inventory was filled from. */
  public List<String> sources() {
    return jdbc.sql("SELECT DISTINCT source FROM repository ORDER BY source").query(String.class).list();
  }

  /** Every repository, vanished ones included, with what its host said about it. */
  public List<Entry> entries() {
    return jdbc.sql("SELECT * FROM repository ORDER BY name")
        .query((rs, row) -> {
          Object archived = rs.getObject("archived");
          Facts facts = archived == null && rs.getObject("pushed_at") == null ? null : new Facts(
              rs.getObject("pushed_at", OffsetDateTime.class), Boolean.TRUE.equals(archived), Boolean.TRUE.equals(rs.getObject("fork")),
              rs.getString("visibility"), rs.getString("language"));
          return new Entry(map(rs, row), facts, rs.getObject("vanished_at", OffsetDateTime.class));
        })
        .list();
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

  /** The repositories of the fleet: every one except those that vanished from their source. */
  public List<RepoRef> list() {
    return jdbc.sql("SELECT * FROM repository WHERE vanished_at IS NULL ORDER BY name").query(InventoryStore::map).list();
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
