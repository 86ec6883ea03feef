package io.fleetmigrate.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the CLI in a separate JVM (the real entry point, its own environment), as an operator would. */
public final class FleetProcess {
  private FleetProcess() {}

  public static Process start(Path data, Path log, Map<String, String> env, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        "io.fleetmigrate.cli.FleetMain", "--data-dir", data.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    String maven = System.getProperty("fleet.maven.home");
    if (maven != null) {
      builder.environment().put("FLEET_MAVEN_HOME", maven);
    }
    builder.environment().putAll(env);
    return builder.start();
  }

  /** The environment that points the CLI at {@code pg}: the URL may be an argument, the credentials never are. */
  public static Map<String, String> postgres(PostgresServer pg) {
    return Map.of("FLEET_DB_USER", PostgresServer.USER, "FLEET_DB_PASSWORD", PostgresServer.PASSWORD);
  }
}
