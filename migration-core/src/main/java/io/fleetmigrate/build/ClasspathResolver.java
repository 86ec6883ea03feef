package io.fleetmigrate.build;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The recipe engine's classpaths without a build, for the nothing-to-do check: what a {@link
 * BuildTool} resolves by itself ({@link BuildTool#classpaths}), under the same sandbox and network
 * policy as every build, each module's list written where {@code ModuleClasspath} reads it.
 */
public interface ClasspathResolver {
  /**
   * What the resolution gave.
   *
   * @param resolved every module's dependency list is in place
   * @param cached it came from the cache (no build tool call)
   * @param build the build tool's call, when one ran
   * @param reason why it is not resolved (empty when it is)
   */
  record Result(boolean resolved, boolean cached, @Nullable BuildResult build, String reason) {}

  /**
   * Writes each module's classpaths into {@code checkout}, from a cache or from a call of the build
   * tool whose output goes to {@code log}.
   *
   * @param verifyCommand the repository's verify command (its options decide what is resolved)
   */
  Result resolve(Path checkout, String verifyCommand, Duration timeout, Path log) throws BuildException;
}
