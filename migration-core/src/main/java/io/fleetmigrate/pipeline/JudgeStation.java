package io.fleetmigrate.pipeline;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.fix.FixOutcome;
import io.fleetmigrate.judge.JudgeVerdict;
import io.fleetmigrate.judge.LlmJudge;
import io.fleetmigrate.judge.ModelDiff;
import io.fleetmigrate.recipes.RewriteResult;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The LLM judge, when the campaign asks for it: separate from the fixer, it sees the campaign's
 * intent and the final diff (the recipe's and the fixer's), not the fixer's reasoning. A veto, or a
 * campaign token budget spent before it could look, ends the repository {@code NEEDS_HUMAN}: green
 * is not enough when the campaign wanted a second opinion.
 */
final class JudgeStation {
  /** @param stop {@code NEEDS_HUMAN} on a veto or a spent budget, else {@code null} */
  record Result(@Nullable Stop stop) {}

  Result review(RepoJob job, FixStation.Model model, RewriteResult recipe, @Nullable FixOutcome fixed) {
    long budget = model.settings().tokensPerCampaign();
    long spent = job.rows().tokensSpentByRun();
    if (budget > 0 && spent >= budget) {
      return new Result(new Stop(OutcomeStatus.NEEDS_HUMAN,
          "green, but the campaign's token budget is spent (" + spent + "), so the LLM judge could not review the change"));
    }
    long start = System.nanoTime();
    JudgeVerdict verdict = new LlmJudge(model.model().orElseThrow())
        .judge(PullRequestText.intent(job.spec()), recipe.diff(), fixed == null ? "" : ModelDiff.unified(fixed.change()));
    job.rows().judge(fixed == null ? 1 : fixed.attempts().size() + 1, verdict, Duration.ofNanos(System.nanoTime() - start));
    if (!verdict.approved()) {
      return new Result(new Stop(OutcomeStatus.NEEDS_HUMAN, "green, but the LLM judge vetoed the change: " + verdict.reason()));
    }
    return new Result(null);
  }
}
