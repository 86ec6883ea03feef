package io.fleetmigrate.campaign;

/** A campaign spec that cannot be used; the message names the file, line and column. */
public class SpecException extends Exception {
  private static final long serialVersionUID = 1L;

  public SpecException(String message) {
    super(message);
  }

  public SpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
