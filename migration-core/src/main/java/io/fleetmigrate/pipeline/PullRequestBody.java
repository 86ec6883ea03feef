package io.fleetmigrate.pipeline;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.fix.FixAttempt;
import io.fleetmigrate.fix.FixOutcome;
import io.fleetmigrate.judge.Guardrails;
import io.fleetmigrate.judge.ModelDiff;
import io.fleetmigrate.recipes.RewriteResult;
import io.fleetmigrate.verify.TestCounts;
import io.fleetmigrate.verify.VerifyResult;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The pull request's text: the campaign's own body, then an account a reviewer can trust — what
 * the recipe changed, what the model changed and why, in how many attempts, and what verify said.
 */
final class PullRequestBody {
  private PullRequestBody() {}

  static String render(
      CampaignSpec spec, RewriteResult recipe, VerifyResult verify, TestCounts baseline, @Nullable FixOutcome fix, @Nullable String model) {
    StringBuilder body = new StringBuilder();
    if (!spec.pullRequest().body().isBlank()) {
      body.append(spec.pullRequest().body().strip()).append("\n\n");
    }
    body.append("---\n\n");
    body.append("**What the recipe changed** (").append(String.join(", ", spec.recipeNames())).append("): ")
        .append(recipe.changedFiles().size()).append(" file(s)\n");
    recipe.changedFiles().forEach(f -> body.append("- ").append(f.path()).append('\n'));
    body.append('\n');
    if (fix != null && !fix.change().paths().isEmpty()) {
      long tokens = fix.tokens();
      if (fix.fromMemory()) {
        FixAttempt replayed = fix.attempts().get(fix.attempts().size() - 1);
        body.append("**What fix memory changed** (memory: ").append(replayed.note()).append("; no model call, 0 tokens): ")
            .append(fix.change().paths().size()).append(" file(s)\n");
      } else {
        body.append("**What the model changed** (").append(model).append(", ").append(fix.modelAttempts())
            .append(" attempt(s), ").append(tokens).append(" tokens): ").append(fix.change().paths().size()).append(" file(s)\n");
      }
      fix.change().paths().stream().sorted().forEach(p -> body.append("- ").append(p).append(" (").append(ModelDiff.stat(fix.change(), p)).append(")\n"));
      String why = fix.attempts().stream()
          .filter(a -> a.result().kept())
          .filter(a -> !a.explanation().isBlank())
          .map(a -> "> Attempt " + a.number() + ": " + a.explanation().strip().replaceAll("\\s+", " "))
          .collect(Collectors.joining("\n"));
      if (!why.isEmpty()) {
        body.append("\nWhy, in the model's words:\n").append(why).append('\n');
      }
      if (!fix.toolUse().isEmpty()) {
        body.append("\nTools the model used: ")
            .append(fix.toolUse().entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", ")))
            .append("; ").append(fix.modelCalls()).append(" model turn(s), ").append(tokens).append(" tokens.\n");
      }
      Guardrails rules = Guardrails.of(spec.guardrails(), spec.verify().commands());
      body.append(fix.fromMemory() ? "\nEvery remembered edit passed the guardrails: " : "\nEvery model edit passed the guardrails: ").append(String.join(", ", rules.active())).append(".\n");
      if (!rules.off().isEmpty()) {
        body.append("Turned off by the campaign: ").append(String.join(", ", rules.off())).append(".\n");
      }
      body.append('\n');
    } else {
      body.append("**What the model changed**: nothing; the recipe alone is green.\n\n");
    }
    String stages = verify.stages().stream().map(s -> s.stage().name()).collect(Collectors.joining(" → "));
    TestCounts tests = verify.tests();
    // The counts come from the Surefire and Failsafe reports, not from the build's log or exit code.
    body.append("**Verify**: green (").append(stages).append("), ").append(tests.executed())
        .append(" tests executed; ").append(baseline.executed()).append(" before the change. The test reports show ")
        .append(tests.tests()).append(" tests, ").append(tests.failures()).append(" failures, ").append(tests.errors())
        .append(" errors, ").append(tests.skipped()).append(" skipped.\n");
    return body.toString();
  }
}
