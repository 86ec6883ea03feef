package io.fleetmigrate.fix;

/**
 * The model boundary's checked root: the call failed (after our own retries), or its answer was
 * not usable. Either way the attempt fails and the loop decides what comes next.
 */
public class ModelException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }

  public ModelException(String message) {
    super(message);
  }

  /** The call itself failed: network, authentication, 4xx, or 429/5xx after our retries. */
  public static class CallFailed extends ModelException {
    private static final long serialVersionUID = 1L;

    public CallFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The model answered, but not with edits we can read. The tokens were still spent. */
  public static class MalformedAnswer extends ModelException {
    private static final long serialVersionUID = 1L;

    public MalformedAnswer(String message) {
      super(message);
    }
  }
}
