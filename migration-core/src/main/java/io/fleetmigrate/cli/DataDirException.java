package io.fleetmigrate.cli;

/** The data directory cannot be created or written. */
public class DataDirException extends Exception {
  private static final long serialVersionUID = 1L;

  public DataDirException(String message, Throwable cause) {
    super(message, cause);
  }
}
