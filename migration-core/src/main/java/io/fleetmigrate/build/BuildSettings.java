package io.fleetmigrate.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How builds run on this machine, bound once when a command starts and validated here, so that a
 * typo is a usage error before anything starts, not a job that fails with the reason in its log.
 * Each setting comes from its environment variable, else the system property beside it, else its
 * default; nothing else reads these variables.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>variable (property)</th><th>values</th></tr>
 *   <tr><td>{@link #network}</td><td>{@code FLEET_BUILD_NETWORK} ({@code fleet.build.network})</td><td>auto (default), none, allowed</td></tr>
 *   <tr><td>{@link #sandbox}</td><td>{@code FLEET_SANDBOX} ({@code fleet.sandbox})</td><td>auto (default), bwrap, unshare, off</td></tr>
 *   <tr><td>{@link #sharedWarm}</td><td>{@code FLEET_MAVEN_WARM} ({@code fleet.maven.warm})</td><td>own (default), shared</td></tr>
 *   <tr><td>{@link #mavenHome}</td><td>{@code FLEET_MAVEN_HOME} ({@code fleet.maven.home})</td><td>a Maven installation; default: {@code mvn} on the PATH</td></tr>
 *   <tr><td>{@link #mavenRepo}</td><td>{@code FLEET_MAVEN_REPO} ({@code fleet.maven.repo})</td><td>default {@code ~/.m2/repository}</td></tr>
 *   <tr><td>{@link #mavenSettings}</td><td>{@code FLEET_MAVEN_SETTINGS} ({@code fleet.maven.settings})</td><td>a settings.xml builds get</td></tr>
 *   <tr><td>{@link #prefetch}</td><td>{@code FLEET_PREFETCH} ({@code fleet.prefetch})</td><td>0 to 8 (default {@value BuildSlots#DEFAULT_PREFETCH})</td></tr>
 *   <tr><td>{@link #jdks}</td><td>{@code FLEET_JDKS} ({@code fleet.jdks})</td><td>JDK homes beside those found on the machine, separated by the path separator (see {@code build/jdk/KnownJdks})</td></tr>
 *   <tr><td>{@link #outputCap}</td><td>{@code FLEET_BUILD_OUTPUT_CAP} ({@code fleet.build.output.cap})</td><td>bytes of a build's output kept in its log, e.g. {@code 16m} (default), {@code 512k}; at least 64k</td></tr>
 * </table>
 */
public record BuildSettings(
    String network, String sandbox, boolean sharedWarm, @Nullable Path mavenHome, @Nullable Path mavenRepo,
    @Nullable Path mavenSettings, int prefetch, @Nullable String jdks, long outputCap) {
  static final List<String> NETWORK = List.of("auto", "none", "allowed");
  static final List<String> SANDBOX = List.of("auto", "bwrap", "unshare", "off");
  static final List<String> WARM = List.of("own", "shared");
  static final long MIN_OUTPUT_CAP = 64 * 1024;

  /** The settings without an output cap of their own: the default cap. */
  public BuildSettings(
      String network, String sandbox, boolean sharedWarm, @Nullable Path mavenHome, @Nullable Path mavenRepo,
      @Nullable Path mavenSettings, int prefetch, @Nullable String jdks) {
    this(network, sandbox, sharedWarm, mavenHome, mavenRepo, mavenSettings, prefetch, jdks, BuildRunner.DEFAULT_OUTPUT_CAP);
  }

  public BuildSettings {
    network = network(network);
    sandbox = oneOf("FLEET_SANDBOX", sandbox, SANDBOX);
    BuildSlots.inFlight(1, prefetch);
    if (outputCap < MIN_OUTPUT_CAP) {
      throw new IllegalArgumentException("FLEET_BUILD_OUTPUT_CAP must be at least 64k, not " + outputCap + " bytes");
    }
  }

  /** This process's settings: its environment, else its system properties. */
  public static BuildSettings fromEnvironment() {
    return bind(System::getenv, System::getProperty);
  }

  /**
   * The settings {@code env} (variables by name) and {@code properties} (system properties by
   * name) give.
   *
   * @throws IllegalArgumentException naming the variable and the values it takes
   */
  public static BuildSettings bind(Function<String, @Nullable String> env, Function<String, @Nullable String> properties) {
    Function<String, @Nullable String> read = variable -> {
      String value = env.apply(variable);
      if (value == null || value.isBlank()) {
        value = properties.apply(variable.toLowerCase(Locale.ROOT).replace("fleet_", "fleet.").replace('_', '.'));
      }
      return value == null || value.isBlank() ? null : value.strip();
    };
    String warm = read.apply("FLEET_MAVEN_WARM");
    String home = read.apply("FLEET_MAVEN_HOME");
    String repo = read.apply("FLEET_MAVEN_REPO");
    String settings = read.apply("FLEET_MAVEN_SETTINGS");
    return new BuildSettings(
        orDefault(read.apply("FLEET_BUILD_NETWORK"), "auto"),
        orDefault(read.apply("FLEET_SANDBOX"), "auto"),
        oneOf("FLEET_MAVEN_WARM", orDefault(warm, "own"), WARM).equals("shared"),
        home == null ? null : Path.of(home),
        repo == null ? null : Path.of(repo),
        settings == null ? null : Path.of(settings),
        BuildSlots.prefetch(read.apply("FLEET_PREFETCH")),
        read.apply("FLEET_JDKS"),
        bytes("FLEET_BUILD_OUTPUT_CAP", read.apply("FLEET_BUILD_OUTPUT_CAP"), BuildRunner.DEFAULT_OUTPUT_CAP));
  }

  /** {@code value} in bytes: a number with an optional {@code k}, {@code m} or {@code g}; {@code null}: {@code fallback}. */
  static long bytes(String variable, @Nullable String value, long fallback) {
    if (value == null) {
      return fallback;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,12})\\s*([kmg]?)b?").matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(variable + " must be a size in bytes such as 16m or 512k, not '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "k" -> n * 1024;
      case "m" -> n * 1024 * 1024;
      case "g" -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }

  /** {@code value} as a {@link #network} setting, or an exception naming the values it takes. */
  static String network(String value) {
    return value.isBlank() ? "auto" : oneOf("FLEET_BUILD_NETWORK", value, NETWORK);
  }

  /**
   * Whether an offline build that lacks an artifact may run again with the network: yes for {@code
   * auto} (a verdict is what the build gives with the network on) and {@code allowed}, no for {@code none}.
   */
  public boolean resolveOnMiss() {
    return resolveOnMiss(network);
  }

  static boolean resolveOnMiss(String network) {
    return !network(network).equals("none");
  }

  private static String orDefault(@Nullable String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static String oneOf(String variable, String value, List<String> allowed) {
    String normal = value.strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(normal)) {
      throw new IllegalArgumentException(variable + " must be " + String.join(", ", allowed) + ", not '" + value + "'");
    }
    return normal;
  }
}
