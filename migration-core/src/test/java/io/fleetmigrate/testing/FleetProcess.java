package io.fleetmigrate.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the CLI in a separate JVM (the real entry point, its own environment), as an operator would. */
public final class FleetProcess {
  private FleetProcess() {}

  public static Process start(Path data, Path log, Map<String, String> env, List<String> args) throws Exception {
    return start(data, log, env, List.of(), args);
  }

  /** As {@link #start(Path, Path, Map, List)}, with {@code jvmOptions} (system properties) for the CLI's JVM. */
  public static Process start(Path data, Path log, Map<String, String> env, List<String> jvmOptions, List<String> args)
      throws Exception {
    return builder(data, env, jvmOptions, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** The CLI's JVM on the test classpath, not started, its output not redirected yet. */
  public static ProcessBuilder builder(Path data, Map<String, String> env, List<String> args) {
    return builder(data, env, List.of(), args);
  }

  private static ProcessBuilder builder(Path data, Map<String, String> env, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(jvmOptions);
    command.addAll(List.of(
        "-cp", System.getProperty("java.class.path"),
        "io.fleetmigrate.cli.FleetMain", "--data-dir", data.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    String maven = System.getProperty("fleet.maven.home");
    if (maven != null) {
      builder.environment().put("FLEET_MAVEN_HOME", maven);
    }
    builder.environment().putAll(env);
    return builder;
  }

  /**
   * Runs the executable jar the build made ({@code target/fleet.jar}, repackaged by Spring Boot
   * before the integration tests run) as {@code java -jar} would, to its end; output and error
   * merged. The jar's class loader differs from the tests' classpath, so what depends on it (the
   * recipe catalog) is tested here.
   */
  public static Jar runJar(Path data, Map<String, String> env, String... args) throws Exception {
    Process process = jar(data, env, args).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return new Jar(process.waitFor(), output);
  }

  /** Starts the executable jar (see {@link #runJar}) with output and error going to {@code log}. */
  public static Process startJar(Path data, Path log, Map<String, String> env, String... args) throws Exception {
    return jar(data, env, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static ProcessBuilder jar(Path data, Map<String, String> env, String... args) {
    Path jar = Path.of("target", "fleet.jar").toAbsolutePath();
    if (!java.nio.file.Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the integration tests with 'verify', after 'package'");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:TieredStopAtLevel=1",
        "-jar", jar.toString(), "--data-dir", data.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    String maven = System.getProperty("fleet.maven.home");
    if (maven != null) {
      builder.environment().put("FLEET_MAVEN_HOME", maven);
    }
    builder.environment().putAll(env);
    return builder;
  }

  /** What a run of the jar printed, and its exit code. */
  public record Jar(int exit, String output) {}

  /** The environment that points the CLI at {@code pg}: the URL may be an argument, the credentials never are. */
  public static Map<String, String> postgres(PostgresServer pg) {
    return Map.of("FLEET_DB_USER", PostgresServer.USER, "FLEET_DB_PASSWORD", PostgresServer.PASSWORD);
  }
}
