package io.fleetmigrate.verify;

/**
 * What the Surefire/Failsafe reports say ran. {@link #executed()} is the number the guardrails
 * compare with the baseline: a "fix" that makes tests vanish must not look like a fix.
 *
 * @param tests test cases in the reports
 * @param failures failed assertions
 * @param errors tests that threw
 * @param skipped skipped or disabled tests
 */
public record TestCounts(int tests, int failures, int errors, int skipped) {
  public static final TestCounts NONE = new TestCounts(0, 0, 0, 0);

  public TestCounts {
    if (tests < 0 || failures < 0 || errors < 0 || skipped < 0) {
      throw new IllegalArgumentException("negative test count");
    }
  }

  /** Tests that really ran: all of them but the skipped ones. */
  public int executed() {
    return Math.max(0, tests - skipped);
  }

  public TestCounts plus(TestCounts other) {
    return new TestCounts(tests + other.tests, failures + other.failures, errors + other.errors, skipped + other.skipped);
  }

  @Override
  public String toString() {
    return executed() + " executed (" + tests + " tests, " + failures + " failures, " + errors + " errors, " + skipped + " skipped)";
  }
}
