package io.fleetmigrate.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryStoreTest {
  private InventoryStore store;

  @BeforeEach
  void migrate() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:inventory-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).locations(InventoryStore.MIGRATIONS).table("flyway_inventory_history").load().migrate();
    store = new InventoryStore(ds);
  }

  private static RepoRef repo(String name, String owner) {
    return new RepoRef(name, "/srv/" + name + ".git", "main", owner, List.of("java", "backend"), "fleet.csv");
  }

  @Test
  void importAddsThenUpdatesAndKeepsOthers() {
    assertThat(store.upsert(List.of(repo("a", "team-1"), repo("b", "team-1"))))
        .isEqualTo(new InventoryStore.ImportResult(2, 0, 0));

    InventoryStore.ImportResult second = store.upsert(List.of(repo("a", "team-1"), repo("b", "team-2")));

    assertThat(second).isEqualTo(new InventoryStore.ImportResult(0, 1, 1));
    assertThat(store.list()).containsExactly(repo("a", "team-1"), repo("b", "team-2"));
    assertThat(store.find("b")).contains(repo("b", "team-2"));
  }

  @Test
  void aFolderScanKeepsWhatAnEarlierFileImportKnew() {
    store.upsert(List.of(repo("a", "team-1")));

    InventoryStore.ImportResult rescan = store.upsert(List.of(new RepoRef("a", "/srv/a.git", null, null, List.of(), "/srv")));

    assertThat(rescan.unchanged() + rescan.updated()).isEqualTo(1);
    RepoRef a = store.find("a").orElseThrow();
    assertThat(a.owner()).isEqualTo("team-1");
    assertThat(a.defaultBranch()).isEqualTo("main");
    assertThat(a.tags()).containsExactly("java", "backend");
  }

  @Test
  void deleteRemovesOnlyTheNamed() {
    store.upsert(List.of(repo("a", "t"), repo("b", "t")));

    assertThat(store.delete(List.of("a", "missing"))).isEqualTo(1);
    assertThat(store.list()).extracting(RepoRef::name).containsExactly("b");
  }

  @Test
  void aSyncMarksRepositoriesGoneFromTheirSourceAsVanishedAndBringsThemBackWhenTheyReturn() {
    String source = "github:org/acme?api=https%3A%2F%2Fapi.github.com";
    RepoRef a = new RepoRef("acme/a", "https://github.com/acme/a.git", "main", null, List.of(), source);
    RepoRef b = new RepoRef("acme/b", "https://github.com/acme/b.git", "main", null, List.of(), source);
    RepoRef other = repo("c", "team-1");
    store.upsert(List.of(other));
    InventoryStore.Facts facts = new InventoryStore.Facts(
        java.time.OffsetDateTime.parse("2026-10-01T12:00:00Z"), false, false, "private", "Java");

    store.sync(source, List.of(a, b), java.util.Map.of("acme/a", facts, "acme/b", facts));
    InventoryStore.SyncResult second = store.sync(source, List.of(a), java.util.Map.of("acme/a", facts));

    assertThat(second.vanished()).isEqualTo(1);
    assertThat(store.list()).extracting(RepoRef::name).containsExactly("acme/a", "c");
    assertThat(store.entries()).filteredOn(e -> e.repo().name().equals("acme/b")).singleElement()
        .satisfies(e -> assertThat(e.vanishedAt()).isNotNull());
    assertThat(store.entries()).filteredOn(e -> e.repo().name().equals("acme/a")).singleElement()
        .satisfies(e -> assertThat(e.facts()).isEqualTo(facts));

    assertThat(store.sync(source, List.of(a, b), java.util.Map.of()).vanished()).isZero();
    assertThat(store.list()).extracting(RepoRef::name).containsExactly("acme/a", "acme/b", "c");
  }

  @Test
  void aGitHubSourceRoundTripsThroughItsSourceStringAndFilters() {
    GitHubSource s = new GitHubSource("acme", false, "https://ghe.example.com/api/v3", List.of("backend", "java"), "Java", "svc-*",
        false, false, "private", true);

    assertThat(GitHubSource.parse(s.source())).isEqualTo(s);
    assertThat(GitHubSource.parse("fleet.csv")).isNull();
    assertThat(s.accepts("svc-billing", "java", false, false, "private")).isTrue();
    assertThat(s.accepts("svc-billing", "Kotlin", false, false, "private")).isFalse();
    assertThat(s.accepts("web-billing", "Java", false, false, "private")).isFalse();
    assertThat(s.accepts("svc-billing", "Java", true, false, "private")).isFalse();
    assertThat(s.accepts("svc-billing", "Java", false, true, "private")).isFalse();
    assertThat(s.accepts("svc-billing", "Java", false, false, "public")).isFalse();
  }
}
