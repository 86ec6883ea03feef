package io.fleetmigrate.fix;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.judge.Guardrails;
import io.fleetmigrate.judge.ModelChange;
import io.fleetmigrate.judge.Violation;
import io.fleetmigrate.verify.TestCounts;
import io.fleetmigrate.verify.Verifier;
import io.fleetmigrate.verify.VerifyResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Apply → judge → verify, at most {@code maxAttempts} times. Runs inside the repository's own
 * processing (not as a Batch retry, which would clone and build again). Stops early when verify
 * brings back diagnostics it has seen before — the next prompt would be the same — and when a
 * token budget is spent. Rejected edits, unreadable answers and guardrail verdicts are fed back to
 * the next attempt.
 */
public final class FixLoop {
  /**
   * @param maxAttempts model attempts at most
   * @param tokensPerRepository stop calling the model once this repository has spent this many (0: no limit)
   * @param tokensPerCampaign stop once the run has spent this many (0: no limit)
   * @param campaignSpent tokens the run has spent so far, across repositories and lanes
   */
  public record Limits(int maxAttempts, long tokensPerRepository, long tokensPerCampaign, LongSupplier campaignSpent) {
    public Limits {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
    }
  }

  private final FixModel model;
  private final Verifier verifier;
  private final Guardrails guardrails;
  private final Limits limits;

  public FixLoop(FixModel model, Verifier verifier, Guardrails guardrails, Limits limits) {
    this.model = model;
    this.verifier = verifier;
    this.guardrails = guardrails;
    this.limits = limits;
  }

  /**
   * Tries to turn {@code red} green in {@code root}.
   *
   * @param baseline what the tests executed before the recipe: the floor for every attempt
   * @param onAttempt called after each attempt, so it is recorded even if a later one crashes
   * @throws BuildException when a verify build cannot be started at all
   * @throws IOException when the checkout cannot be read or written
   */
  public FixOutcome run(
      Path root, Path logDir, FixContext context, VerifyResult red, TestCounts baseline, Consumer<FixAttempt> onAttempt)
      throws BuildException, IOException {
    List<FixAttempt> attempts = new ArrayList<>();
    Map<String, @Nullable String> original = new LinkedHashMap<>();
    List<String> seen = new ArrayList<>();
    seen.add(red.fingerprint());
    VerifyResult current = red;
    long spent = 0;
    for (int n = 1; n <= limits.maxAttempts(); n++) {
      String budget = budgetSpent(spent);
      if (budget != null) {
        return end(FixOutcome.Verdict.NEEDS_HUMAN, budget + " after " + (n - 1) + " attempt(s); still red: " + current.summary(),
            attempts, current, root, original);
      }
      long start = System.nanoTime();
      Prompt prompt = FixPrompt.build(root, context, current, attempts);
      String shown = current.diagnosticsText();
      ModelReply reply;
      try {
        reply = model.ask(prompt);
      } catch (ModelException.CallFailed e) {
        FixAttempt a = attempt(n, FixAttempt.Result.CALL_FAILED, shown, null, null, List.of(), e.getMessage(), null, new ModelReply("", 0, 0), start);
        record(attempts, a, onAttempt);
        return end(FixOutcome.Verdict.NEEDS_HUMAN, e.getMessage() + "; still red: " + current.summary(), attempts, current, root, original);
      }
      spent += reply.tokens();
      FixProposal proposal;
      try {
        proposal = EditFormat.parse(reply.text());
      } catch (ModelException.MalformedAnswer e) {
        record(attempts, attempt(n, FixAttempt.Result.MALFORMED, shown, null, null, List.of(), e.getMessage(), null, reply, start), onAttempt);
        continue;
      }
      if (proposal.edits().isEmpty()) {
        record(attempts, attempt(n, FixAttempt.Result.MALFORMED, shown, proposal, null, List.of(),
            "the answer held no edits; the build is still red", null, reply, start), onAttempt);
        continue;
      }
      EditApplier.Applied applied = EditApplier.apply(root, proposal.edits());
      applied.before().forEach(original::putIfAbsent);
      if (applied.applied().isEmpty()) {
        record(attempts, attempt(n, FixAttempt.Result.EDITS_REJECTED, shown, proposal, applied, List.of(), "", null, reply, start), onAttempt);
        continue;
      }
      List<Violation> violations = guardrails.check(change(root, original));
      if (!violations.isEmpty()) {
        EditApplier.restore(root, applied.before());
        record(attempts, attempt(n, FixAttempt.Result.GUARDRAIL_REJECTED, shown, proposal, applied, violations, "", null, reply, start), onAttempt);
        continue;
      }
      VerifyResult after = verifier.verify(root, logDir, "fix-" + n);
      if (after.green()) {
        var fewer = guardrails.floor(baseline, after.tests());
        if (fewer.isPresent()) {
          EditApplier.restore(root, applied.before());
          record(attempts, attempt(n, FixAttempt.Result.GUARDRAIL_REJECTED, shown, proposal, applied, List.of(fewer.get()), "", after, reply, start), onAttempt);
          continue;
        }
        record(attempts, attempt(n, FixAttempt.Result.GREEN, shown, proposal, applied, List.of(), "", after, reply, start), onAttempt);
        return end(FixOutcome.Verdict.GREEN, "green after " + n + " model attempt(s)", attempts, after, root, original);
      }
      record(attempts, attempt(n, FixAttempt.Result.RED, shown, proposal, applied, List.of(), "", after, reply, start), onAttempt);
      int before = seen.indexOf(after.fingerprint());
      if (before >= 0) {
        String when = before == 0 ? "the recipe" : "attempt " + before;
        return end(FixOutcome.Verdict.NEEDS_HUMAN,
            "stopped early: attempt " + n + " brought back the same diagnostics as " + when + ": " + after.summary(),
            attempts, after, root, original);
      }
      seen.add(after.fingerprint());
      current = after;
    }
    FixAttempt last = attempts.get(attempts.size() - 1);
    if (last.result() == FixAttempt.Result.GUARDRAIL_REJECTED) {
      return end(FixOutcome.Verdict.GUARDRAIL_REJECTED,
          "attempt " + last.number() + " rejected by guardrail " + last.violations().get(0) + "; still red: " + current.summary(),
          attempts, current, root, original);
    }
    return end(FixOutcome.Verdict.NEEDS_HUMAN,
        "still red after " + attempts.size() + " model attempt(s) (last: " + last.result().name().toLowerCase().replace('_', ' ')
            + "): " + current.summary(),
        attempts, current, root, original);
  }

  private @Nullable String budgetSpent(long spentHere) {
    if (limits.tokensPerRepository() > 0 && spentHere >= limits.tokensPerRepository()) {
      return "token budget of the repository spent (" + spentHere + " of " + limits.tokensPerRepository() + ")";
    }
    long campaign = limits.campaignSpent().getAsLong();
    if (limits.tokensPerCampaign() > 0 && campaign >= limits.tokensPerCampaign()) {
      return "token budget of the campaign run spent (" + campaign + " of " + limits.tokensPerCampaign() + ")";
    }
    return null;
  }

  private static void record(List<FixAttempt> attempts, FixAttempt a, Consumer<FixAttempt> onAttempt) {
    attempts.add(a);
    onAttempt.accept(a);
  }

  private static FixAttempt attempt(
      int n, FixAttempt.Result result, String shown, @Nullable FixProposal proposal, EditApplier.@Nullable Applied applied,
      List<Violation> violations, String note, @Nullable VerifyResult after, ModelReply reply, long start) {
    return new FixAttempt(
        n, result, shown, proposal == null ? "" : proposal.explanation(),
        applied == null ? List.of() : applied.applied(),
        applied == null ? List.of() : applied.rejected(),
        violations, note == null ? "" : note,
        after == null ? null : after.summary(),
        after == null ? null : after.tests().executed(),
        reply.inputTokens(), reply.outputTokens(), Duration.ofNanos(System.nanoTime() - start));
  }

  private static FixOutcome end(
      FixOutcome.Verdict verdict, String reason, List<FixAttempt> attempts, VerifyResult last, Path root,
      Map<String, @Nullable String> original) throws IOException {
    return new FixOutcome(verdict, reason, attempts, last, change(root, original));
  }

  /** The model's change so far: files it touched, before its first edit and now; unchanged files left out. */
  static ModelChange change(Path root, Map<String, @Nullable String> original) throws IOException {
    Map<String, @Nullable String> before = new LinkedHashMap<>();
    Map<String, @Nullable String> after = new HashMap<>();
    for (Map.Entry<String, @Nullable String> e : original.entrySet()) {
      Path file = root.resolve(e.getKey());
      String now = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
      if (!java.util.Objects.equals(now, e.getValue())) {
        before.put(e.getKey(), e.getValue());
        after.put(e.getKey(), now);
      }
    }
    return new ModelChange(before, after);
  }
}
