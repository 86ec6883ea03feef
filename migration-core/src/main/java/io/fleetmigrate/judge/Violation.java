package io.fleetmigrate.judge;

/**
 * A guardrail that said no.
 *
 * @param rule the rule's name, stable for reports ({@code no-deleted-tests}, ...)
 * @param detail what exactly broke it, e.g. the file and the method
 */
public record Violation(String rule, String detail) {
  @Override
  public String toString() {
    return rule + ": " + detail;
  }
}
