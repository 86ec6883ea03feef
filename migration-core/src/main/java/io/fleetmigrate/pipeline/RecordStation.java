package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildResult;
import io.fleetmigrate.fix.FixAttempt;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.judge.JudgeVerdict;
import io.fleetmigrate.judge.Violation;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.OutcomeStore;
import io.fleetmigrate.verify.VerifyResult;
import java.time.Duration;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one station that writes the pipeline's rows: every build it ran (baseline, classpath, each
 * verify stage, each fix attempt's), every fix attempt and the judge's verdict, each stored as it
 * ends so a crash later still leaves the record. The other stations call {@link Rows} and never
 * touch the store.
 */
final class RecordStation {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CampaignStore store;

  RecordStation(CampaignStore store) {
    this.store = store;
  }

  Rows rows(long runId, RepoRef repo) {
    return new Rows(store, runId, repo);
  }

  /** The rows of one repository in one run. */
  static final class Rows {
    private final CampaignStore store;
    private final long runId;
    private final RepoRef repo;

    private Rows(CampaignStore store, long runId, RepoRef repo) {
      this.store = store;
      this.runId = runId;
      this.repo = repo;
    }

    /** What the rollout decided about the delivered pull request (its flag, its CODEOWNERS owners), kept with it. */
    void risk(String campaign, io.fleetmigrate.rollout.RiskFlag.Assessment risk) {
      store.pullRequests().saveRisk(campaign, repo.name(), risk.reason(), risk.owners());
    }

    /** One build (baseline, classpath): {@code tests} executed when it was green and ran tests. */
    void build(String stage, BuildResult b, @Nullable Integer tests) {
      store.outcomes().saveAttempt(runId, new OutcomeStore.Attempt(
          repo.name(), stage, b.command(), b.timedOut() ? null : b.exitCode(), b.timedOut(),
          b.green() ? "green" : b.summary(), b.log().toString(), b.duration(), tests, "", b.isolation()));
    }

    /** One row per verify stage that ran ({@code label-stage}, e.g. {@code verify-compile}, {@code fix-2-test}). */
    void verify(String label, VerifyResult result) {
      for (VerifyResult.StageRun stage : result.stages()) {
        BuildResult b = stage.build();
        boolean test = stage.stage().name().equals("test");
        store.outcomes().saveAttempt(runId, new OutcomeStore.Attempt(
            repo.name(), label + "-" + stage.stage().name(), b.command(), b.timedOut() ? null : b.exitCode(), b.timedOut(),
            stage.green() ? "green" : result.summary(), b.log().toString(), b.duration(),
            test ? result.tests().executed() : null,
            stage.green() ? "" : result.diagnosticsText(), b.isolation()));
      }
    }

    void fixAttempt(FixAttempt a) {
      store.outcomes().saveFixAttempt(runId, record(repo, a));
    }

    /** The LLM judge's verdict, as the attempt after the fixer's last ({@code number}). */
    void judge(int number, JudgeVerdict verdict, Duration took) {
      store.outcomes().saveFixAttempt(runId, new OutcomeStore.FixAttemptRecord(
          repo.name(), number, verdict.approved() ? "JUDGE_APPROVED" : "JUDGE_VETOED", "", verdict.reason(), "[]", "",
          verdict.approved() ? "" : "llm-judge: " + verdict.reason(), null, null, verdict.inputTokens(), verdict.outputTokens(), took));
    }

    /** The model tokens the whole run has spent so far (every repository's), for the campaign budget. */
    long tokensSpentByRun() {
      return store.outcomes().tokensSpent(runId);
    }
  }

  static OutcomeStore.FixAttemptRecord record(RepoRef repo, FixAttempt a) {
    String edits;
    try {
      edits = JSON.writeValueAsString(a.edits());
    } catch (RuntimeException e) {
      edits = a.edits().toString();
    }
    String rejected = a.rejected().stream().map(r -> r.edit().path() + ": " + r.reason()).collect(Collectors.joining("\n"));
    // Verify runs only after the guardrails passed.
    String guardrails = a.violations().isEmpty()
        ? (a.verifySummary() != null ? "passed" : "")
        : a.violations().stream().map(Violation::toString).collect(Collectors.joining("\n"));
    String note = a.note() + (a.tools().isEmpty() ? "" : (a.note().isBlank() ? "" : "\n") + "tools (" + a.turns() + " turns): " + String.join(", ", a.tools()));
    if (!note.isBlank()) {
      rejected = rejected.isEmpty() ? note : rejected + "\n" + note;
    }
    return new OutcomeStore.FixAttemptRecord(
        repo.name(), a.number(), a.result().name(), a.diagnostics(), a.explanation(), edits, rejected, guardrails,
        a.verifySummary(), a.testsExecuted(), a.inputTokens(), a.outputTokens(), a.duration());
  }
}
