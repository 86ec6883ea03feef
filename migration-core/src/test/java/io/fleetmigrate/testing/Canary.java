package io.fleetmigrate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.config.FleetHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a planted secret must never be after an end-to-end run: the commands' outputs, any file
 * under the data directory (logs, reports, workspaces), a build's environment (the verify command
 * prints it as {@code build-env: } lines into its log), and the database.
 */
public final class Canary {
  private Canary() {}

  /**
   * Asserts {@code canary} is in none of those places.
   *
   * @return the database's dump (H2 {@code SCRIPT}), for more assertions on what it does hold
   */
  public static String assertNowhere(String canary, Path dataDir, String outputs) throws Exception {
    assertThat(outputs).doesNotContain(canary);
    String buildEnv;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      buildEnv = walk.filter(f -> f.toString().endsWith(".log") && Files.isRegularFile(f)).flatMap(f -> {
        try {
          return Files.readAllLines(f).stream().filter(l -> l.startsWith("build-env: "));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).collect(Collectors.joining("\n"));
    }
    assertThat(buildEnv).contains("build-env: PATH=").doesNotContain(canary);
    try (Stream<Path> walk = Files.walk(dataDir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(canary);
      }
    }
    try (Connection db = DriverManager.getConnection(new FleetHome(dataDir).jdbcUrl(), "sa", "");
        ResultSet rs = db.createStatement().executeQuery("SCRIPT")) {
      StringBuilder dump = new StringBuilder();
      while (rs.next()) {
        dump.append(rs.getString(1)).append('\n');
      }
      assertThat(dump.toString()).doesNotContain(canary);
      return dump.toString();
    }
  }
}
