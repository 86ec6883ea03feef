package io.fleetmigrate.cli;

/**
 * Every exit code of {@code fleet}, in one place (docs/operations.md, "Exit codes"). Only {@link FleetMain}
 * exits.
 */
public enum ExitCode {
  /** Done; every repository ended well (or the command had nothing to judge). */
  OK(0),
  /** The run finished, and at least one repository ended ERROR, NEEDS_HUMAN, BASELINE_RED, RECIPE_REFUSED or GUARDRAIL_REJECTED. */
  REPOSITORIES_FAILED(1),
  /** The command line is wrong: unknown option, missing argument. */
  USAGE(2),
  /** An input is wrong: a spec or inventory file that does not validate, an unknown recipe, campaign or repository, an empty selection. */
  INVALID_INPUT(3),
  /** The environment is missing something: no Maven, a data directory that cannot be written, no GitHub token or one GitHub refuses. */
  ENVIRONMENT(4),
  /** Busy: another run of the same campaign is in progress, or the database is held by a process that does not share it. */
  BUSY(5),
  /** A bug: an unexpected internal error (details in DATA_DIR/logs/fleet.log). */
  INTERNAL(70);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
