package io.fleetmigrate.build;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one build command did.
 *
 * @param command the command line, as run by {@code sh -c}
 * @param exitCode the process's exit code; -1 when it was killed for running too long
 * @param timedOut whether the time limit killed it
 * @param duration wall time
 * @param log the full output
 * @param summary the first lines of the output that say why it failed (empty when green)
 * @param isolation the sandbox it ran in, in words ({@link Sandbox.Isolation#description()})
 */
public record BuildResult(String command, int exitCode, boolean timedOut, Duration duration, Path log, String summary, String isolation) {
  public BuildResult(String command, int exitCode, boolean timedOut, Duration duration, Path log, String summary) {
    this(command, exitCode, timedOut, duration, log, summary, "");
  }

  public boolean green() {
    return exitCode == 0 && !timedOut;
  }
}
