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
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
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
}
