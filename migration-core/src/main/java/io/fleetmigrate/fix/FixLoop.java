package io.fleetmigrate.fix;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
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
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Apply → judge → verify, at most {@code maxAttempts} times. Runs inside the repository's own
 * processing (not as a Batch retry, which would clone and build again). Stops early when verify
 * brings back diagnostics it has seen before — the next prompt would be the same — and when a
 * token budget or the repository's time is spent. Rejected edits, unreadable answers and guardrail
 * verdicts are fed back to the next attempt.
 *
 * <p>With a model that is given tools, an attempt is a conversation of at most {@code maxTurns}
 * model calls: the model reads, lists and searches the checkout, edits, and calls verify, which
 * answers with the distilled diagnostics. The conversation is driven here, turn by turn, rather
 * than by LangChain4j's {@code AiServices}: the loop must count each turn's tokens against the
 * budgets, stop at the turn limit with its reason, run the guardrails before every verify, and end
 * the attempt the moment verify is green — each a decision of the loop, not of the model.
 *
 * <p>Before the first model call, a fix remembered for the same diagnostic signature (see {@link
 * FixMemory}) is replayed when its search texts apply: attempt 0, no model call.
 */
public final class FixLoop {
  /**
   * @param maxAttempts model attempts at most
   * @param tokensPerRepository stop calling the model once this repository has spent this many (0: no limit)
   * @param tokensPerCampaign stop once the run has spent this many (0: no limit)
   * @param campaignSpent tokens the run has spent so far, across repositories and lanes
   * @param maxTurns model calls in one tool-using attempt at most
   * @param timeout wall time of the whole loop for this repository
   */
  public record Limits(
      int maxAttempts, long tokensPerRepository, long tokensPerCampaign, LongSupplier campaignSpent, int maxTurns, Duration timeout) {
    public Limits {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      if (maxTurns < 1) {
        throw new IllegalArgumentException("maxTurns must be at least 1");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
    }

    public Limits(int maxAttempts, long tokensPerRepository, long tokensPerCampaign, LongSupplier campaignSpent) {
      this(maxAttempts, tokensPerRepository, tokensPerCampaign, campaignSpent,
          io.fleetmigrate.campaign.CampaignSpec.Fix.DEFAULT_MAX_TURNS, io.fleetmigrate.campaign.CampaignSpec.Fix.DEFAULT_TIMEOUT);
    }
  }

  private final FixModel model;
  private final Verifier verifier;
  private final Guardrails guardrails;
  private final Limits limits;
  private final @Nullable FixMemory memory;

  public FixLoop(FixModel model, Verifier verifier, Guardrails guardrails, Limits limits) {
    this(model, verifier, guardrails, limits, null);
  }

  /** @param memory the campaign's remembered fixes; {@code null}: none ({@code fix.memory: false}) */
  public FixLoop(FixModel model, Verifier verifier, Guardrails guardrails, Limits limits, @Nullable FixMemory memory) {
    this.model = model;
    this.verifier = verifier;
    this.guardrails = guardrails;
    this.limits = limits;
    this.memory = memory;
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
    return new Session(root, logDir, red, baseline, onAttempt).run(context);
  }

  /** How one attempt ended; {@code stop}: why the loop must stop now (a failed call, a spent budget). */
  private record Ended(FixAttempt attempt, @Nullable VerifyResult after, @Nullable String stop) {}

  /** The guardrails' and verify's verdict on the change so far. */
  private record Checked(List<Violation> violations, @Nullable VerifyResult after) {
    boolean green() {
      return violations.isEmpty() && after != null && after.green();
    }
  }

  /** One repository's run of the loop. */
  private final class Session {
    private final Path root;
    private final Path logDir;
    private final VerifyResult red;
    private final TestCounts baseline;
    private final Consumer<FixAttempt> onAttempt;
    private final DiagnosticSignature signature;
    private final long deadline;
    private final List<FixAttempt> attempts = new ArrayList<>();
    private final Map<String, @Nullable String> original = new LinkedHashMap<>();
    private long spent;

    Session(Path root, Path logDir, VerifyResult red, TestCounts baseline, Consumer<FixAttempt> onAttempt) {
      this.root = root;
      this.logDir = logDir;
      this.red = red;
      this.baseline = baseline;
      this.onAttempt = onAttempt;
      this.signature = DiagnosticSignature.of(red);
      this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    FixOutcome run(FixContext context) throws BuildException, IOException {
      FixContext ctx = context;
      if (memory != null) {
        Optional<FixMemory.Remembered> remembered = memory.recall(signature);
        if (remembered.isPresent()) {
          FixMemory.Remembered r = remembered.get();
          List<Edit> edits = signature.moved(r.edits(), r.files());
          Ended replayed = replay(r, edits);
          if (replayed != null && replayed.attempt().result() == FixAttempt.Result.MEMORY_GREEN) {
            return end(FixOutcome.Verdict.GREEN, "green from fix memory (fix #" + r.id() + ", learnt in " + r.repository() + "), no model call",
                replayed.after());
          }
          ctx = ctx.withExample(edits);
        }
      }
      List<String> seen = new ArrayList<>();
      seen.add(red.fingerprint());
      VerifyResult current = red;
      int modelAttempts = 0;
      for (int n = 1; n <= limits.maxAttempts(); n++) {
        String spentWhy = spentReason(0);
        if (spentWhy != null) {
          return end(FixOutcome.Verdict.NEEDS_HUMAN, spentWhy + " after " + (n - 1) + " attempt(s); still red: " + current.summary(), current);
        }
        Ended ended = model.usesTools() ? toolAttempt(n, ctx, current) : promptAttempt(n, ctx, current);
        record(ended.attempt());
        modelAttempts = n;
        VerifyResult after = ended.after();
        if (ended.stop() != null) {
          VerifyResult last = after == null ? current : after;
          return end(FixOutcome.Verdict.NEEDS_HUMAN, ended.stop() + "; still red: " + last.summary(), last);
        }
        if (ended.attempt().result() == FixAttempt.Result.GREEN) {
          return end(FixOutcome.Verdict.GREEN, "green after " + n + " model attempt(s)", after);
        }
        if (after == null || !ended.attempt().result().kept()) {
          continue;
        }
        int before = seen.indexOf(after.fingerprint());
        if (before >= 0) {
          String when = before == 0 ? "the recipe" : "attempt " + before;
          return end(FixOutcome.Verdict.NEEDS_HUMAN,
              "stopped early: attempt " + n + " brought back the same diagnostics as " + when + ": " + after.summary(), after);
        }
        seen.add(after.fingerprint());
        current = after;
      }
      FixAttempt last = attempts.get(attempts.size() - 1);
      if (last.result() == FixAttempt.Result.GUARDRAIL_REJECTED) {
        return end(FixOutcome.Verdict.GUARDRAIL_REJECTED,
            "attempt " + last.number() + " rejected by guardrail " + last.violations().get(0) + "; still red: " + current.summary(), current);
      }
      String how = last.result().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + (last.result() == FixAttempt.Result.TURN_LIMIT ? " of " + limits.maxTurns() + " (fix.maxTurns) without a green verify" : "");
      return end(FixOutcome.Verdict.NEEDS_HUMAN,
          "still red after " + modelAttempts + " model attempt(s) (last: " + how + "): " + current.summary(), current);
    }

    /** Replays a remembered fix: attempt 0, no model call. {@code null} when its edits do not apply here. */
    private @Nullable Ended replay(FixMemory.Remembered r, List<Edit> edits) throws BuildException, IOException {
      long start = System.nanoTime();
      EditApplier.Applied applied = EditApplier.apply(root, edits);
      if (!applied.rejected().isEmpty() || applied.applied().isEmpty()) {
        EditApplier.restore(root, applied.before());
        return null;
      }
      applied.before().forEach(original::putIfAbsent);
      Checked checked = check("memory", applied.before());
      if (checked.violations().isEmpty() && !checked.green()) {
        EditApplier.restore(root, applied.before());
      }
      FixAttempt.Result result = checked.green() ? FixAttempt.Result.MEMORY_GREEN : FixAttempt.Result.MEMORY_RED;
      memory.reused(r.id(), checked.green());
      FixAttempt a = attempt(0, result, red.diagnosticsText(), "", applied.applied(), List.of(), checked.violations(),
          "fix #" + r.id() + " from fix memory, learnt in " + r.repository() + (checked.green() ? "" : "; undone"), checked.after(),
          0, 0, start, 0, List.of());
      record(a);
      return new Ended(a, checked.after(), null);
    }

    /** One prompt, one answer with edits: for models and endpoints without tools ({@code fix.tools: false}). */
    private Ended promptAttempt(int n, FixContext context, VerifyResult current) throws BuildException, IOException {
      long start = System.nanoTime();
      Prompt prompt = FixPrompt.build(root, context, current, attempts);
      String shown = current.diagnosticsText();
      ModelReply reply;
      try {
        reply = model.ask(prompt);
      } catch (ModelException.CallFailed e) {
        return new Ended(attempt(n, FixAttempt.Result.CALL_FAILED, shown, "", List.of(), List.of(), List.of(), e.getMessage(), null, 0, 0, start, 1,
            List.of()), null, e.getMessage());
      }
      spent += reply.tokens();
      FixProposal proposal;
      try {
        proposal = EditFormat.parse(reply.text());
      } catch (ModelException.MalformedAnswer e) {
        return new Ended(attempt(n, FixAttempt.Result.MALFORMED, shown, "", List.of(), List.of(), List.of(), e.getMessage(), null,
            reply.inputTokens(), reply.outputTokens(), start, 1, List.of()), null, null);
      }
      if (proposal.edits().isEmpty()) {
        return new Ended(attempt(n, FixAttempt.Result.MALFORMED, shown, proposal.explanation(), List.of(), List.of(), List.of(),
            "the answer held no edits; the build is still red", null, reply.inputTokens(), reply.outputTokens(), start, 1, List.of()), null, null);
      }
      EditApplier.Applied applied = EditApplier.apply(root, proposal.edits());
      applied.before().forEach(original::putIfAbsent);
      if (applied.applied().isEmpty()) {
        return new Ended(attempt(n, FixAttempt.Result.EDITS_REJECTED, shown, proposal.explanation(), List.of(), applied.rejected(), List.of(), "",
            null, reply.inputTokens(), reply.outputTokens(), start, 1, List.of()), null, null);
      }
      Checked checked = check("fix-" + n, applied.before());
      FixAttempt.Result result = !checked.violations().isEmpty() ? FixAttempt.Result.GUARDRAIL_REJECTED
          : checked.green() ? FixAttempt.Result.GREEN : FixAttempt.Result.RED;
      return new Ended(attempt(n, result, shown, proposal.explanation(), applied.applied(), applied.rejected(), checked.violations(), "",
          checked.after(), reply.inputTokens(), reply.outputTokens(), start, 1, List.of()), checked.after(), null);
    }

    /** A conversation with tools, of at most {@code maxTurns} model calls. */
    private Ended toolAttempt(int n, FixContext context, VerifyResult current) throws BuildException, IOException {
      long start = System.nanoTime();
      String shown = current.diagnosticsText();
      Prompt prompt = FixPrompt.build(root, context, current, attempts, true);
      List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())));
      ToolState state = new ToolState(n);
      FixTools tools = new FixTools(root, state);
      List<ToolSpecification> specifications = FixTools.specifications();
      int turns = 0;
      long in = 0;
      long out = 0;
      String explanation = "";
      String stop = null;
      String unreadable = null;
      boolean callFailed = false;
      boolean turnLimit = false;
      while (!state.decided()) {
        if (turns >= limits.maxTurns()) {
          turnLimit = true;
          break;
        }
        stop = spentReason(in + out);
        if (stop != null) {
          break;
        }
        ModelTurn turn;
        try {
          turn = model.converse(messages, specifications);
        } catch (ModelException.CallFailed e) {
          stop = e.getMessage();
          callFailed = true;
          break;
        }
        turns++;
        in += turn.inputTokens();
        out += turn.outputTokens();
        spent += turn.tokens();
        AiMessage message = turn.message();
        messages.add(message);
        if (message.text() != null && !message.text().isBlank()) {
          explanation = message.text().strip();
        }
        if (!message.hasToolExecutionRequests()) {
          // The model stopped calling tools. A model or server that ignores tools answers in the
          // one-prompt format: its edits count, under the same rules.
          try {
            FixProposal proposal = EditFormat.parse(message.text() == null ? "" : message.text());
            explanation = proposal.explanation();
            for (Edit e : proposal.edits()) {
              state.edit(e);
            }
          } catch (ModelException.MalformedAnswer e) {
            unreadable = e.getMessage(); // closing words without edits: fed back if nothing was edited
          }
          break;
        }
        for (ToolExecutionRequest request : message.toolExecutionRequests()) {
          String answer = state.decided() ? "not run: the attempt has ended" : tools.execute(request);
          messages.add(ToolExecutionResultMessage.from(request, answer));
        }
      }
      if (state.unverified && stop == null) {
        state.verify(); // the model's last edits are judged and verified like any others
      }
      Checked checked = state.checked;
      FixAttempt.Result result;
      String note = "";
      if (callFailed) {
        result = FixAttempt.Result.CALL_FAILED;
        note = stop;
      } else if (stop != null) {
        result = FixAttempt.Result.BUDGET_SPENT;
        note = stop;
      } else if (checked != null && !checked.violations().isEmpty()) {
        result = FixAttempt.Result.GUARDRAIL_REJECTED;
      } else if (checked != null && checked.green()) {
        result = FixAttempt.Result.GREEN;
      } else if (turnLimit) {
        result = FixAttempt.Result.TURN_LIMIT;
        note = "stopped after " + limits.maxTurns() + " model turns (fix.maxTurns) without a green verify";
      } else if (state.applied.isEmpty()) {
        result = state.rejected.isEmpty() ? FixAttempt.Result.MALFORMED : FixAttempt.Result.EDITS_REJECTED;
        note = !state.rejected.isEmpty() ? "" : unreadable != null ? unreadable : "the model ended without an edit; the build is still red";
      } else {
        result = FixAttempt.Result.RED;
      }
      VerifyResult after = checked == null ? null : checked.after();
      FixAttempt a = attempt(n, result, shown, explanation, state.applied, state.rejected, checked == null ? List.of() : checked.violations(), note, after, in, out, start, turns, tools.calls());
      return new Ended(a, after, stop);
    }

    /** What the model's {@code edit} and {@code verify} do within one attempt. */
    private final class ToolState implements FixTools.Actions {
      private final int attempt;
      final List<Edit> applied = new ArrayList<>();
      final List<EditApplier.Rejection> rejected = new ArrayList<>();
      final Map<String, @Nullable String> before = new LinkedHashMap<>();
      boolean unverified;
      int verifies;
      @Nullable Checked checked;

      ToolState(int attempt) {
        this.attempt = attempt;
      }

      /** Green, or rejected by a guardrail: the attempt is over. */
      boolean decided() {
        return checked != null && (checked.green() || !checked.violations().isEmpty());
      }

      @Override
      public String edit(Edit edit) throws IOException {
        EditApplier.Applied a = EditApplier.apply(root, List.of(edit));
        a.before().forEach(original::putIfAbsent);
        a.before().forEach(before::putIfAbsent);
        if (a.applied().isEmpty()) {
          rejected.addAll(a.rejected());
          return "refused: " + a.rejected().get(0).reason();
        }
        applied.addAll(a.applied());
        unverified = true;
        return "applied to " + edit.path();
      }

      @Override
      public String verify() throws BuildException, IOException {
        verifies++;
        unverified = false;
        checked = check(verifies == 1 ? "fix-" + attempt : "fix-" + attempt + "." + verifies, before);
        if (!checked.violations().isEmpty()) {
          return "rejected by guardrail " + checked.violations().stream().map(Violation::toString).collect(Collectors.joining("; "))
              + ". All your edits of this attempt were undone.";
        }
        if (checked.green()) {
          return "green: " + checked.after().summary();
        }
        return "red: " + checked.after().summary() + "\n" + checked.after().diagnosticsText();
      }
    }

    /** The guardrails on the whole change so far, then verify; a rejected attempt's edits are undone. */
    private Checked check(String label, Map<String, @Nullable String> attemptBefore) throws BuildException, IOException {
      List<Violation> violations = guardrails.check(change(root, original));
      if (!violations.isEmpty()) {
        EditApplier.restore(root, attemptBefore);
        return new Checked(violations, null);
      }
      VerifyResult after = verifier.verify(root, logDir, label);
      if (after.green()) {
        var fewer = guardrails.floor(baseline, after.tests());
        if (fewer.isPresent()) {
          EditApplier.restore(root, attemptBefore);
          return new Checked(List.of(fewer.get()), after);
        }
      }
      return new Checked(List.of(), after);
    }

    /** Why the model may not be called again, or {@code null}. */
    private @Nullable String spentReason(long spentInAttempt) {
      if (System.nanoTime() - deadline >= 0) {
        return "fix.timeout of " + limits.timeout().toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " spent"; // PT30M: 30m
      }
      if (limits.tokensPerRepository() > 0 && spent >= limits.tokensPerRepository()) {
        return "token budget of the repository spent (" + spent + " of " + limits.tokensPerRepository() + ")";
      }
      long campaign = limits.campaignSpent().getAsLong() + (spentInAttempt);
      if (limits.tokensPerCampaign() > 0 && campaign >= limits.tokensPerCampaign()) {
        return "token budget of the campaign run spent (" + campaign + " of " + limits.tokensPerCampaign() + ")";
      }
      return null;
    }

    private void record(FixAttempt a) {
      attempts.add(a);
      onAttempt.accept(a);
    }

    private FixOutcome end(FixOutcome.Verdict verdict, String reason, @Nullable VerifyResult last) throws IOException {
      return new FixOutcome(verdict, reason, attempts, last == null ? red : last, change(root, original), signature);
    }
  }

  private static FixAttempt attempt(
      int n, FixAttempt.Result result, String shown, String explanation, List<Edit> edits, List<EditApplier.Rejection> rejected,
      List<Violation> violations, @Nullable String note, @Nullable VerifyResult after, long inputTokens, long outputTokens, long start,
      int turns, List<String> tools) {
    return new FixAttempt(
        n, result, shown, explanation, edits, rejected, violations, note == null ? "" : note,
        after == null ? null : after.summary(),
        after == null ? null : after.tests().executed(),
        inputTokens, outputTokens, Duration.ofNanos(System.nanoTime() - start), turns, tools);
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
