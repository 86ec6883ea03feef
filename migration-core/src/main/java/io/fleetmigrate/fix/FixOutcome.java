package io.fleetmigrate.fix;

import io.fleetmigrate.judge.ModelChange;
import io.fleetmigrate.verify.VerifyResult;
import java.util.List;

/**
 * How the fix loop ended for one repository.
 *
 * @param verdict green (with the model's edits in the checkout), or why not
 * @param reason one line a person can act on
 * @param attempts every attempt, in order
 * @param lastVerify the latest verify (the green one when the verdict is {@link Verdict#GREEN})
 * @param change the model's edits that stayed in the checkout
 */
public record FixOutcome(Verdict verdict, String reason, List<FixAttempt> attempts, VerifyResult lastVerify, ModelChange change) {
  public FixOutcome {
    attempts = List.copyOf(attempts);
  }

  public enum Verdict {
    GREEN,
    /** Still red: attempts, budget or patience (the same diagnostics twice) ran out. */
    NEEDS_HUMAN,
    /** The last attempt broke a guardrail. */
    GUARDRAIL_REJECTED
  }

  public long tokens() {
    return attempts.stream().mapToLong(FixAttempt::tokens).sum();
  }
}
