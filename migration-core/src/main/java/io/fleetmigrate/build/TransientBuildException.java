package io.fleetmigrate.build;

/**
 * A build that failed only because Maven could not download what it needed, for a reason that goes
 * away when it runs again (a network error, a 5xx from the repository, two Maven processes racing
 * over one local repository: {@link BuildLog#transientFailure}), and that failed so each time it was
 * run again. No verdict on the repository or on the change: the pipeline ends it {@code ERROR}, an
 * infrastructure fault, never {@code BASELINE_RED}, never {@code NEEDS_HUMAN}, never given to the
 * fixer.
 */
public class TransientBuildException extends BuildException {
  private static final long serialVersionUID = 1L;

  public TransientBuildException(String message) {
    super(message);
  }
}
