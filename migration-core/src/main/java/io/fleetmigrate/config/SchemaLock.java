package io.fleetmigrate.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One schema migration at a time per store ({@link FleetSchema#migrate}).
 *
 * <p>H2 commits a {@code CREATE TABLE} at once, before the rows Flyway then writes into it, and
 * Flyway's lock on H2 ({@code SELECT ... FOR UPDATE} on the history) locks nothing while the history
 * is empty: a second opener of the same store can find a module's history table new and empty, run
 * the module's first migration again, fail on its first table and leave a failed row that stops every
 * later start ({@code ConcurrentUpgradeTest}: 9 of 200 rounds). So openers in one JVM take a lock per
 * database, and openers of an H2 file in other processes (a run, {@code campaign status} beside it,
 * workers sharing the data directory through H2's AUTO_SERVER) also take the operating system's lock
 * on a file beside the database, {@code NAME.migrate.lock}. PostgreSQL needs neither: its DDL is
 * transactional and Flyway holds an advisory lock there.
 */
final class SchemaLock implements AutoCloseable {
  private static final Map<String, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock jvmLock;
  private final @Nullable FileChannel channel;
  private final @Nullable FileLock fileLock;

  private SchemaLock(ReentrantLock jvmLock, @Nullable FileChannel channel, @Nullable FileLock fileLock) {
    this.jvmLock = jvmLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Waits for and takes the lock of the store at {@code url}. */
  static SchemaLock take(String url) {
    String database = url.split(";", 2)[0];
    ReentrantLock jvmLock = IN_THIS_JVM.computeIfAbsent(database, d -> new ReentrantLock());
    jvmLock.lock();
    Path file = lockFile(url);
    if (file == null || jvmLock.getHoldCount() > 1) {
      return new SchemaLock(jvmLock, null, null);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new SchemaLock(jvmLock, channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      jvmLock.unlock();
      throw new IllegalStateException("cannot take the lock " + file + " before migrating the store: " + e.getMessage(), e);
    }
  }

  /**
   * The lock file of an H2 database in a file ({@code jdbc:h2:file:PATH;...} or {@code
   * jdbc:h2:PATH}, {@code ~} being the home folder, as H2 reads it): {@code PATH.migrate.lock};
   * {@code null} for any other database (in memory, over TCP, PostgreSQL).
   */
  static @Nullable Path lockFile(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return null;
    }
    String path = url.substring("jdbc:h2:".length()).split(";", 2)[0];
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
    } else if (path.matches("^[a-z]{2,}:.*")) {
      return null; // mem:, tcp:, ssl:, zip:, nio...: not a plain file of this machine's
    }
    if (path.startsWith("~")) {
      path = System.getProperty("user.home") + path.substring(1);
    }
    return Path.of(path + ".migrate.lock").toAbsolutePath();
  }

  @Override
  public void close() {
    try {
      if (fileLock != null) {
        fileLock.release();
      }
    } catch (IOException e) {
      // closing the channel below releases it too
    } finally {
      closeQuietly(channel);
      jvmLock.unlock();
    }
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing held is left: the lock goes with the channel
      }
    }
  }
}
