package io.fleetmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The lock a store's migration holds: per database in the JVM, and an OS file lock beside an H2 file. */
class SchemaLockTest {
  @TempDir Path tmp;

  @Test
  void anH2FileStoreIsLockedBesideItsFileAndOtherStoresHaveNoFile() {
    assertThat(SchemaLock.lockFile("jdbc:h2:file:/data/fleet;AUTO_SERVER=TRUE;WRITE_DELAY=0"))
        .isEqualTo(Path.of("/data/fleet.migrate.lock"));
    assertThat(SchemaLock.lockFile("jdbc:h2:/data/fleet")).isEqualTo(Path.of("/data/fleet.migrate.lock"));
    assertThat(SchemaLock.lockFile("jdbc:h2:~/fleet")).isEqualTo(Path.of(System.getProperty("user.home"), "fleet.migrate.lock"));
    assertThat(SchemaLock.lockFile("jdbc:h2:mem:fleet-1;DB_CLOSE_DELAY=-1")).isNull();
    assertThat(SchemaLock.lockFile("jdbc:h2:tcp://db:9092/fleet")).isNull();
    assertThat(SchemaLock.lockFile("jdbc:postgresql://db:5432/fleet")).isNull();
  }

  @Test
  void migratingAnH2FileStoreTakesTheFileLockThatAnotherProcessWouldHold() throws Exception {
    Path db = tmp.resolve("fleet");
    SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + db + ";AUTO_SERVER=TRUE", "sa", "");
    Path lockFile = tmp.resolve("fleet.migrate.lock");
    // Held here as another process would hold it (in one JVM, the OS lock cannot be taken twice).
    try (FileChannel other = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = other.lock()) {
      assertThatThrownBy(() -> FleetSchema.migrate(ds))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot take the lock " + lockFile);
    }
    FleetSchema.migrate(ds);
    assertThat(FleetSchema.current(ds)).isTrue();
    // Released: a second opener migrates (nothing to do) at once.
    FleetSchema.migrate(ds);
  }
}
