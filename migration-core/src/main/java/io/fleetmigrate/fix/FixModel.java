package io.fleetmigrate.fix;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import java.util.List;

/** A model that answers a prompt: the fixer's and the judge's only view of an LLM. */
public interface FixModel {
  /**
   * Asks once. Transient failures (429, 5xx) are retried below this call and never count as an
   * attempt; what still fails is a {@link ModelException.CallFailed}.
   */
  ModelReply ask(Prompt prompt) throws ModelException.CallFailed;

  /** Whether {@link #converse} is available: the model can be given tools. */
  default boolean usesTools() {
    return false;
  }

  /**
   * One turn of a tool-using conversation: the model sees {@code messages} and may answer with
   * calls of {@code tools}. Failures as for {@link #ask}.
   */
  default ModelTurn converse(List<ChatMessage> messages, List<ToolSpecification> tools) throws ModelException.CallFailed {
    throw new UnsupportedOperationException("this model is not given tools");
  }
}
