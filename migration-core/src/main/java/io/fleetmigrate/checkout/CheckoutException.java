package io.fleetmigrate.checkout;

/** A repository that could not be cloned or prepared. */
public class CheckoutException extends Exception {
  private static final long serialVersionUID = 1L;

  public CheckoutException(String message, Throwable cause) {
    super(message, cause);
  }

  public CheckoutException(String message) {
    super(message);
  }
}
