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
 *
 * <p>Builds use one local repository, {@code $FLEET_MAVEN_REPO} (default {@code
 * ~/.m2/repository}), and a settings file only when {@code $FLEET_MAVEN_SETTINGS} names one: in
 * the sandbox our home directory — and with it {@code ~/.m2/settings.xml} and its credentials —
 * is out of a build's sight.
 */
public class MavenToolchain {
  // Not \S*: Maven colours its banner, and the reset code (ESC[m) must not end up in the version.
  private static final Pattern VERSION = Pattern.compile("Apache Maven (\\d+\\.\\d+\\.\\d+[\\w.+-]*)");

  private final @Nullable Path home;
  private final Path localRepository;
  private final @Nullable Path settings;
  private final boolean sharedWarm;
  private volatile @Nullable String version;

  public MavenToolchain(@Nullable Path home) {
    this(home, defaultLocalRepository(), null);
  }

  /**
   * @param localRepository the local Maven repository builds read (and the warm step fills)
   * @param settings a settings file given to every build and warm step ({@code -s}), or {@code null}
   */
  public MavenToolchain(@Nullable Path home, Path localRepository, @Nullable Path settings) {
    this(home, localRepository, settings, false);
  }

  /**
   * @param sharedWarm whether warm steps write into the shared local repository (fleets whose POMs
   *     are trusted: fetched once for all) instead of each repository's own head
   */
  public MavenToolchain(@Nullable Path home, Path localRepository, @Nullable Path settings, boolean sharedWarm) {
    this.sharedWarm = sharedWarm;
    this.home = home;
    this.localRepository = localRepository.toAbsolutePath().normalize();
    this.settings = settings == null ? null : settings.toAbsolutePath().normalize();
  }

  /** The toolchain this process's {@link BuildSettings} name. */
  public static MavenToolchain fromEnvironment() {
    return of(BuildSettings.fromEnvironment());
  }

  /**
   * Maven from {@code settings.mavenHome()} (else the PATH), the local repository {@code
   * settings.mavenRepo()} (else {@code ~/.m2/repository}), its settings file and warm policy.
   */
  public static MavenToolchain of(BuildSettings settings) {
    return new MavenToolchain(settings.mavenHome(), settings.mavenRepo() == null ? defaultLocalRepository() : settings.mavenRepo(),
        settings.mavenSettings(), settings.sharedWarm());
  }

  static Path defaultLocalRepository() {
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** Maven's own installation, when known (else {@code mvn} on the PATH). */
  public @Nullable Path home() {
    return home;
  }

  /** The local repository builds use. */
  public Path localRepository() {
    return localRepository;
  }

  /** Whether warm steps fill the shared local repository rather than each repository's own head. */
  public boolean sharedWarm() {
    return sharedWarm;
  }

  /** The settings file builds get, if any. */
  public @Nullable Path settings() {
    return settings;
  }

  /** Arguments every Maven run of a build gets: the local repository, and the settings file if any. */
  public String arguments() {
    return arguments(null);
  }

  /**
   * Arguments every Maven run of a build gets. With a {@code head}, the shared local repository is
   * only a read-only tail (Maven 3.9's {@code maven.repo.local.tail}) and what a repository's warm
   * step fetches goes into its own head: one repository's POM (a {@code <repository>} of its
   * choosing) cannot put artifacts into the repository every other build trusts.
   */
  public String arguments(@Nullable Path head) {
    String args = head == null
        ? "-Dmaven.repo.local=" + localRepository
        : "-Dmaven.repo.local=" + head.toAbsolutePath().normalize() + " -Dmaven.repo.local.tail=" + localRepository;
    args += " " + RERUN_FAILING_TESTS;
    return settings == null ? args : args + " -s " + settings;
  }

  /**
   * A test that fails and passes when Surefire (or Failsafe) runs it again at once is flaky, not
   * red: it is reported as a flake ({@code <flakyFailure>} in the XML report, "Flakes: 1" in the
   * log) and does not fail the build. Without this, one timing-sensitive test decides a verdict by
   * chance (slf4j's multithreaded initialisation test, seen on the dev fleet). A POM that sets the
   * parameter itself keeps its own value.
   */
  static final String RERUN_FAILING_TESTS = "-Dsurefire.rerunFailingTestsCount=1 -Dfailsafe.rerunFailingTestsCount=1";

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
