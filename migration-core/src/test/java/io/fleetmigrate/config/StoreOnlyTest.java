package io.fleetmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

class StoreOnlyTest {
  @TempDir Path dir;

  @Test
  void theSchemaVersionIsTheHighestMigrationOfEveryModule() throws Exception {
    Pattern version = Pattern.compile("V(\\d+)__[^$]*\\.(sql|class)");
    int highest = 0;
    java.util.Set<Integer> versions = new java.util.HashSet<>();
    for (String location : List.of("classpath*:db/migration/V*.sql", "classpath*:db/migration/V*.class", "classpath*:db/vendor/*/V*.sql")) {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources(location)) {
        Matcher m = version.matcher(r.getFilename());
        if (m.matches()) {
          highest = Math.max(highest, Integer.parseInt(m.group(1)));
          versions.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    assertThat(highest).as("V1 (repo-inventory) and V2.. (migration-core) are found").isGreaterThan(10);
    assertThat(FleetApplication.SCHEMA_VERSION).as("raise FleetApplication.SCHEMA_VERSION with a new migration").isEqualTo(highest);
    assertThat(FleetApplication.SCHEMA_MIGRATIONS).as("raise FleetApplication.SCHEMA_MIGRATIONS with a new migration").isEqualTo(versions.size());
  }

  @Test
  void aNewStoreIsMigratedAndAStoreAtTheSchemaVersionIsUsedWithoutFlyway() {
    SharedStore store = SharedStore.embedded(new FleetHome(dir));
    assertThat(StoreOnly.current(new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.h2.Driver(), store.url(), "sa", "")))
        .as("no schema yet").isFalse();

    try (StoreOnly fresh = StoreOnly.open(store)) {
      assertThat(StoreOnly.current(fresh.dataSource())).isTrue();
      new InventoryStore(fresh.dataSource()).upsert(List.of(new RepoRef("team/a", "/tmp/a.git", null, null, List.of(), "test")));
    }
    try (StoreOnly again = StoreOnly.open(store)) {
      assertThat(new InventoryStore(again.dataSource()).entries()).hasSize(1);
      // A history that lacks a migration below the highest (one that arrived later with a lower
      // number) is not current either: Flyway, not this shortcut, says what is wrong.
      int belowTheHighest = JdbcClient.create(again.dataSource()).sql("SELECT \"version\" FROM \"flyway_schema_history\"")
          .query(String.class).list().stream().filter(v -> v != null && v.matches("\\d+")).mapToInt(Integer::parseInt)
          .filter(v -> v < FleetApplication.SCHEMA_VERSION).max().orElseThrow();
      assertThat(JdbcClient.create(again.dataSource()).sql("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = ?")
          .param(String.valueOf(belowTheHighest)).update()).isEqualTo(1);
      assertThat(StoreOnly.current(again.dataSource())).isFalse();
      // A store one migration behind (as after an upgrade of Fleet) is not current: Flyway migrates it.
      JdbcClient.create(again.dataSource()).sql("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = ?")
          .param(String.valueOf(FleetApplication.SCHEMA_VERSION)).update();
      assertThat(StoreOnly.current(again.dataSource())).isFalse();
    }
  }
}
