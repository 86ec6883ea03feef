package io.fleetmigrate.cli;

/** A place a command was told to write (a report folder, a new spec) cannot be written: exit 4. */
public class UnwritableException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnwritableException(String message, Throwable cause) {
    super(message, cause);
  }
}
