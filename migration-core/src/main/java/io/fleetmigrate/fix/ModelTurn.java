package io.fleetmigrate.fix;

import dev.langchain4j.data.message.AiMessage;

/** The model's message in one turn of a tool-using attempt, and what the turn cost. */
public record ModelTurn(AiMessage message, long inputTokens, long outputTokens) {
  public long tokens() {
    return inputTokens + outputTokens;
  }
}
