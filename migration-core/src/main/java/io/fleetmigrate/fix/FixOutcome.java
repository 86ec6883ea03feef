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
 * @param signature the signature of the red build the loop started from: fix memory's key
 */
public record FixOutcome(
    Verdict verdict, String reason, List<FixAttempt> attempts, VerifyResult lastVerify, ModelChange change, DiagnosticSignature signature) {
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

  /** Attempts that asked the model (a replayed remembered fix is attempt 0 and does not count). */
  public int modelAttempts() {
    return (int) attempts.stream().filter(a -> a.number() > 0).count();
  }

  /** Model calls over all attempts (0 when a remembered fix did it). */
  public int modelCalls() {
    return attempts.stream().mapToInt(FixAttempt::turns).sum();
  }

  /** How often the model called each tool, in the order first used. */
  public java.util.Map<String, Long> toolUse() {
    return attempts.stream().flatMap(a -> a.tools().stream())
        .collect(java.util.stream.Collectors.groupingBy(t -> t, java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()));
  }

  /** Whether a remembered fix, not the model, turned the repository green. */
  public boolean fromMemory() {
    return verdict == Verdict.GREEN && attempts.get(attempts.size() - 1).result() == FixAttempt.Result.MEMORY_GREEN;
  }

  /** The edits in the checkout at the end, in the order they were applied: what fix memory keeps. */
  public List<Edit> keptEdits() {
    return attempts.stream().filter(a -> a.result().kept()).flatMap(a -> a.edits().stream()).toList();
  }
}
