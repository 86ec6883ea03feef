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

  public InventoryStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
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
    List<RepoRef> repos = imported.stream().map(r -> find(r.name()).map(known -> merge(known, r)).orElse(r)).toList();
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (RepoRef repo : repos) {
      Optional<RepoRef> existing = find(repo.name());
      if (existing.isEmpty()) {
        jdbc.sql(
                """
                INSERT INTO repository (name, clone_url, default_branch, owner, tags, source, imported_at)
                VALUES (:name, :url, :branch, :owner, :tags, :source, :now)""")
            .param("name", repo.name())
            .param("url", repo.cloneUrl())
            .param("branch", repo.defaultBranch())
            .param("owner", repo.owner())
            .param("tags", String.join(",", repo.tags()))
            .param("source", repo.source())
            .param("now", now)
            .update();
        added++;
      } else if (existing.get().equals(repo)) {
        unchanged++;
      } else {
        jdbc.sql(
                """
                UPDATE repository SET clone_url = :url, default_branch = :branch, owner = :owner,
                       tags = :tags, source = :source, imported_at = :now
                 WHERE name = :name""")
            .param("name", repo.name())
            .param("url", repo.cloneUrl())
            .param("branch", repo.defaultBranch())
            .param("owner", repo.owner())
            .param("tags", String.join(",", repo.tags()))
            .param("source", repo.source())
            .param("now", now)
            .update();
        updated++;
      }
    }
    return new ImportResult(added, updated, unchanged);
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
