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
  void eachModulesVersionIsItsHighestMigrationAndItsMigrationsAreNumberedFromOneWithoutAGap() throws Exception {
    Pattern version = Pattern.compile("V(\\d+)__[^$]*\\.(sql|class)");
    for (FleetSchema.Module module : FleetSchema.MODULES) {
      java.util.Set<Integer> versions = new java.util.TreeSet<>();
      for (String location : module.locations()) {
        for (String vendor : List.of("h2", "postgresql")) {
          String folder = location.replace("{vendor}", vendor).replace("classpath:", "classpath*:");
          for (Resource r : new PathMatchingResourcePatternResolver().getResources(folder + "/V*")) {
            Matcher m = version.matcher(r.getFilename());
            if (m.matches()) {
              versions.add(Integer.parseInt(m.group(1)));
            }
          }
        }
      }
      assertThat(versions).as(module.name() + "'s migrations are found").isNotEmpty();
      assertThat(versions).as(module.name() + ": numbered 1, 2, 3 ... in the module, no gap (StoreOnly counts them)")
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, versions.size()).boxed().toList());
      assertThat(module.version()).as("raise FleetSchema." + module.name().toUpperCase() + "'s version with a new migration")
          .isEqualTo(versions.size());
      assertThat(module.migrations()).as("raise FleetSchema." + module.name().toUpperCase() + "'s migrations with a new migration")
          .isEqualTo(versions.size());
    }
  }

  @Test
  void aNewStoreIsMigratedAndAStoreAtTheSchemaVersionIsUsedWithoutFlyway() {
    SharedStore store = SharedStore.embedded(new FleetHome(dir));
    assertThat(FleetSchema.current(new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.h2.Driver(), store.url(), "sa", "")))
        .as("no schema yet").isFalse();

    try (StoreOnly fresh = StoreOnly.open(store)) {
      assertThat(FleetSchema.current(fresh.dataSource())).isTrue();
      new InventoryStore(fresh.dataSource()).upsert(List.of(new RepoRef("team/a", "/tmp/a.git", null, null, List.of(), "test")));
    }
    try (StoreOnly again = StoreOnly.open(store)) {
      assertThat(new InventoryStore(again.dataSource()).entries()).hasSize(1);
      // A history that lacks a migration below the highest (one that arrived later with a lower
      // number) is not current either: Flyway, not this shortcut, says what is wrong.
      String core = "\"" + FleetSchema.CORE.table() + "\"";
      assertThat(JdbcClient.create(again.dataSource()).sql("DELETE FROM " + core + " WHERE \"version\" = ?")
          .param(String.valueOf(FleetSchema.CORE.version() - 1)).update()).isEqualTo(1);
      assertThat(FleetSchema.current(again.dataSource())).isFalse();
      // A store one migration behind (as after an upgrade of Fleet) is not current: Flyway migrates it.
      JdbcClient.create(again.dataSource()).sql("DELETE FROM " + core + " WHERE \"version\" = ?")
          .param(String.valueOf(FleetSchema.CORE.version())).update();
      assertThat(FleetSchema.current(again.dataSource())).isFalse();
    }
  }
}
