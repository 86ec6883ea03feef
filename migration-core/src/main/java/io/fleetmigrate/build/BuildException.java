package io.fleetmigrate.build;

/**
 * A build command that could not be started at all, or that could not get what it needs from
 * outside the repository ({@link TransientBuildException}): as opposed to one that ran and failed,
 * which is a verdict.
 */
public class BuildException extends Exception {
  private static final long serialVersionUID = 1L;

  public BuildException(String message, Throwable cause) {
    super(message, cause);
  }

  public BuildException(String message) {
    super(message);
  }
}
