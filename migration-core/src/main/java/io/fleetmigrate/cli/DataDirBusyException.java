package io.fleetmigrate.cli;

/** The data directory's database is held by another process. */
public class DataDirBusyException extends Exception {
  private static final long serialVersionUID = 1L;

  public DataDirBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
