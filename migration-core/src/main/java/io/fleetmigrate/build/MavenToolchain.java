package io.fleetmigrate.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Maven that builds the fleet's repositories: {@code $FLEET_MAVEN_HOME} when set (the {@code
 * fleet} launcher points it at the Maven its own wrapper installed), otherwise {@code mvn} on the
 * {@code PATH}. Its version matters to recipes, so it is read once.
 */
public class MavenToolchain {
  private static final Pattern VERSION = Pattern.compile("Apache Maven (\\d+\\.\\d+\\.\\d+\\S*)");

  private final @Nullable Path home;
  private volatile @Nullable String version;

  public MavenToolchain(@Nullable Path home) {
    this.home = home;
  }

  /** {@code $FLEET_MAVEN_HOME}, else the system property {@code fleet.maven.home}, else the PATH. */
  public static MavenToolchain fromEnvironment() {
    String home = System.getenv("FLEET_MAVEN_HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("fleet.maven.home");
    }
    return new MavenToolchain(home == null || home.isBlank() ? null : Path.of(home));
  }

  /** {@code PATH} for a build: ours, with this Maven's {@code bin} first. */
  public String pathFor(String path) {
    return home == null ? path : home.resolve("bin") + java.io.File.pathSeparator + path;
  }

  /** The Maven version, e.g. {@code 3.9.16}; fails when no Maven can be found. */
  public String version() throws BuildException {
    String v = version;
    if (v != null) {
      return v;
    }
    String mvn = home == null ? "mvn" : home.resolve("bin/mvn").toString();
    try {
      Path out = Files.createTempFile("fleet-mvn-version", ".txt");
      try {
        ProcessBuilder builder = new ProcessBuilder(mvn, "-v").redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("PATH", pathFor(System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new BuildException("'" + mvn + " -v' did not answer within 60s");
        }
        Matcher m = VERSION.matcher(Files.readString(out, StandardCharsets.UTF_8));
        if (p.exitValue() != 0 || !m.find()) {
          throw new BuildException("'" + mvn + " -v' failed; is Maven installed? Set FLEET_MAVEN_HOME or put mvn on the PATH");
        }
        v = m.group(1);
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new BuildException(
          "no Maven found ('" + mvn + "' cannot be started): set FLEET_MAVEN_HOME or put mvn on the PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while asking Maven for its version", e);
    }
    version = v;
    return v;
  }
}
