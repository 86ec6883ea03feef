package io.fleetmigrate.fix;

/**
 * A model's answer and what it cost, as the provider reported it (0 when it reported nothing).
 */
public record ModelReply(String text, long inputTokens, long outputTokens) {
  public long tokens() {
    return inputTokens + outputTokens;
  }
}
