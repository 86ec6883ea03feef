package io.fleetmigrate.fix;

import io.fleetmigrate.judge.Violation;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One model attempt, as recorded and as fed back to the next one.
 *
 * @param number 1-based
 * @param result how it ended
 * @param diagnostics the diagnostics the model was shown
 * @param explanation the model's own account of its edits
 * @param edits the edits applied (and kept, unless a guardrail rejected the attempt)
 * @param rejected edits refused by the applier, with reasons
 * @param violations the guardrails it broke
 * @param note what else the next attempt should know (an unreadable answer, a failed call)
 * @param verifySummary verify's one line after the edits, when verify ran
 * @param testsExecuted tests executed by that verify
 * @param turns model calls in this attempt (1 without tools; 0 for a fix replayed from memory)
 * @param tools the tools the model called, by name, in order
 */
public record FixAttempt(
    int number,
    Result result,
    String diagnostics,
    String explanation,
    List<Edit> edits,
    List<EditApplier.Rejection> rejected,
    List<Violation> violations,
    String note,
    @Nullable String verifySummary,
    @Nullable Integer testsExecuted,
    long inputTokens,
    long outputTokens,
    Duration duration,
    int turns,
    List<String> tools) {

  public FixAttempt {
    tools = List.copyOf(tools);
    edits = List.copyOf(edits);
    rejected = List.copyOf(rejected);
    violations = List.copyOf(violations);
  }

  public enum Result {
    /** Verify is green after the edits and every guardrail passed. */
    GREEN,
    /** The edits applied; verify is still red. */
    RED,
    /** The answer held no readable edits. */
    MALFORMED,
    /** Every edit was refused (outside the workspace, search text not found once, ...). */
    EDITS_REJECTED,
    /** A guardrail rejected the edits; they were undone. */
    GUARDRAIL_REJECTED,
    /** The model call failed after our retries. */
    CALL_FAILED,
    /** The model used {@code fix.maxTurns} turns without a green verify; its edits stay, like {@link #RED}'s. */
    TURN_LIMIT,
    /** A token budget or {@code fix.timeout} ran out in the middle of a tool-using attempt. */
    BUDGET_SPENT,
    /** A remembered fix, replayed without a model call, turned the build green. */
    MEMORY_GREEN,
    /** A remembered fix applied but left the build red (or broke a guardrail); it was undone. */
    MEMORY_RED;

    /** Whether the attempt's edits stayed in the checkout and passed the guardrails. */
    public boolean kept() {
      return this == GREEN || this == RED || this == TURN_LIMIT || this == MEMORY_GREEN;
    }
  }

  public long tokens() {
    return inputTokens + outputTokens;
  }
}
