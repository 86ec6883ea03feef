package io.fleetmigrate.fix;

/** A model that answers a prompt: the fixer's and the judge's only view of an LLM. */
public interface FixModel {
  /**
   * Asks once. Transient failures (429, 5xx) are retried below this call and never count as an
   * attempt; what still fails is a {@link ModelException.CallFailed}.
   */
  ModelReply ask(Prompt prompt) throws ModelException.CallFailed;
}
