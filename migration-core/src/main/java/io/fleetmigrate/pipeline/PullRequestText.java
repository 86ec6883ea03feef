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
 * Every text Fleet writes about one change, in one place: the pull request's title and body (the
 * campaign's templates with {@code {campaign}}, {@code {repository}} and {@code {repo}} filled in,
 * then an account a reviewer can trust — what the recipe changed, what the model changed and why,
 * in how many attempts, and what verify said), and the commit's message with its trailers.
 */
record PullRequestText(String title, String body) {
  /** The text for {@code repository}'s green change. */
  static PullRequestText of(
      CampaignSpec spec, String repository, RewriteResult recipe, VerifyResult verify, TestCounts baseline,
      @Nullable FixOutcome fix, @Nullable String model) {
    return new PullRequestText(
        render(spec, repository, spec.pullRequest().title()),
        render(spec, repository, body(spec, recipe, verify, baseline, fix, model)));
  }

  /** The campaign's intent in words: its description, else the pull request's title. */
  static String intent(CampaignSpec spec) {
    return spec.description().isBlank() ? spec.pullRequest().title() : spec.description();
  }

  /**
   * The commit's message: the pull request's title and the campaign's body, the recipes, what a fix
   * changed, and the trailers that let a person find every change of a campaign with {@code git log
   * --grep}. {@code Fleet-Model} appears only when a model was called and its edits are in the
   * commit (a fix replayed from memory made no model call and says so in the body instead).
   */
  static String commitMessage(CampaignSpec spec, String repository, long runId, @Nullable FixOutcome fixed, String modelName) {
    String message = render(spec, repository, spec.pullRequest().title()) + "\n\n" + render(spec, repository, spec.pullRequest().body())
        + "\n\nRecipes: " + String.join(", ", spec.recipeNames()) + "\n"
        + (fixed == null ? "" : (fixed.fromMemory() ? "Fixed from fix memory (no model call): "
            : "Fixed by a model in " + fixed.modelAttempts() + " attempt(s): ") + String.join(", ", fixed.change().paths()) + "\n");
    return message + "\n" + trailers(spec.name(), runId, fixed != null && !fixed.fromMemory() ? modelName : null);
  }

  /** Git trailers (the message's last paragraph, {@code Key: value} lines) naming the campaign, the run and the model. */
  static String trailers(String campaign, long runId, @Nullable String model) {
    return "Fleet-Campaign: " + campaign + "\nFleet-Run: " + runId + "\n" + (model == null ? "" : "Fleet-Model: " + model + "\n");
  }

  private static String render(CampaignSpec spec, String repository, String template) {
    return CampaignSpec.PullRequest.render(template, spec.name(), repository);
  }

  private static String body(
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
