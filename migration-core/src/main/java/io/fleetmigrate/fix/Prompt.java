package io.fleetmigrate.fix;

/** The two messages of one model call. */
public record Prompt(String system, String user) {
  /** A rough size: about four characters a token for code and English. */
  public int approximateTokens() {
    return (system.length() + user.length()) / 4;
  }
}
