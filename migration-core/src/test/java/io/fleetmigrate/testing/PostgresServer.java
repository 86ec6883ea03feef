package io.fleetmigrate.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server on loopback, for the tests of the shared store: a fresh
 * cluster (initdb) in a temporary directory on a free port, started with pg_ctl and removed
 * afterwards. It uses Debian's {@code postgresql} package (scripts/test installs it when missing);
 * as root, the server runs as the {@code postgres} user, since PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "fleet";
  public static final String PASSWORD = "fleet-test-password";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgres;

  private PostgresServer(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** Starts a server with an empty database {@code fleet} owned by {@link #USER}. */
  public static PostgresServer start() throws Exception {
    Path bin = findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "fleet-pg-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin, dir, port, root);
    if (root) {
      server.exec(List.of("chown", "postgres:postgres", dir.toString()), false);
    }
    Path password = dir.resolve("pw");
    server.exec(List.of("sh", "-c", "echo '" + PASSWORD + "' > " + password), true);
    server.exec(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
        "--auth=scram-sha-256", "--pwfile=" + password, "-E", "UTF8", "--locale=C"), true);
    server.exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
        "-l", dir.resolve("server.log").toString(),
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off",
        "start"), true);
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE fleet");
    }
    return server;
  }

  private static Path findBin() throws IOException {
    Path lib = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> versions = Files.list(lib)) {
        var found = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw new IllegalStateException(
        "no PostgreSQL server binaries under /usr/lib/postgresql: install Debian's postgresql package (scripts/test does)");
  }

  private void exec(List<String> command, boolean asServerUser) throws Exception {
    List<String> full = new ArrayList<>();
    if (asServerUser && asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("failed: " + String.join(" ", full) + "\n" + out);
    }
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/fleet";
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    try {
      exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"),
          true);
    } finally {
      new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
    }
  }
}
