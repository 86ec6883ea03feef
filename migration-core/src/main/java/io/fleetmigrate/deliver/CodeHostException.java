package io.fleetmigrate.deliver;

/** The code host refused or failed a push or a pull request call. */
public class CodeHostException extends Exception {
  private static final long serialVersionUID = 1L;

  public CodeHostException(String message, Throwable cause) {
    super(message, cause);
  }

  public CodeHostException(String message) {
    super(message);
  }
}
