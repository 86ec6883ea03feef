package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.fix.FixContext;
import io.fleetmigrate.fix.FixLoop;
import io.fleetmigrate.fix.FixModel;
import io.fleetmigrate.fix.FixOutcome;
import io.fleetmigrate.fix.ModelException;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.judge.Guardrails;
import io.fleetmigrate.judge.ModelDiff;
import io.fleetmigrate.recipes.RewriteResult;
import io.fleetmigrate.store.FixMemoryStore;
import io.fleetmigrate.verify.TestCounts;
import io.fleetmigrate.verify.VerifyResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one agentic station: what is still red after the recipe goes to the model, for at most the
 * spec's attempts and tokens, every attempt verified by the repository's own build (never by the
 * model) and recorded as it ends. A fix that passes everything after it (guardrails, judge) is
 * remembered for the next repository with the same failure.
 */
final class FixStation {
  private final ModelProviders models;
  private final @Nullable FixMemoryStore memory;

  /** @param memory fix memory; {@code null}: none kept */
  FixStation(ModelProviders models, @Nullable FixMemoryStore memory) {
    this.models = models;
    this.memory = memory;
  }

  /**
   * The run's model settings (frozen with the run) and, when needed, the model itself.
   *
   * @param stop {@code ERROR} when a model is needed and not usable
   * @param model empty when none is needed or none is configured
   * @param name {@code provider/model}, as the pull request and the trailers name it
   */
  record Model(@Nullable Stop stop, CampaignSpec.Fix settings, Optional<FixModel> model, String name) {
    /** Whether the LLM judge reviews the final change. */
    boolean judges() {
      return settings.judge() && model.isPresent();
    }
  }

  /** The model, created only when the change is red (to fix) or the campaign asks the judge. */
  Model model(RepoJob job, VerifyResult verify) {
    CampaignSpec.Fix settings = models.settings(job.spec().fix(), job.run().model());
    String name = settings.provider() + "/" + settings.model();
    if (verify.green() && !settings.judge()) {
      return new Model(null, settings, Optional.empty(), name);
    }
    try {
      return new Model(null, settings, models.create(settings), name);
    } catch (ModelException e) {
      return new Model(new Stop(OutcomeStatus.ERROR, (verify.green() ? "green after the recipe" : "red after the recipe")
          + ", and the model is not usable: " + e.getMessage()), settings, Optional.empty(), name);
    }
  }

  /**
   * @param stop {@code NEEDS_HUMAN} or {@code GUARDRAIL_REJECTED} when the fixer did not end green
   * @param fixed what the fixer did ({@code null} when it could not run)
   * @param verify the last verify, green when {@code stop} is {@code null}
   */
  record Result(@Nullable Stop stop, @Nullable FixOutcome fixed, VerifyResult verify) {}

  Result run(RepoJob job, Model model, RewriteResult recipe, VerifyStation.Result red, TestCounts baselineTests)
      throws BuildException, IOException {
    if (model.model().isEmpty()) {
      return new Result(new Stop(OutcomeStatus.NEEDS_HUMAN, "red after the recipe: " + red.verify().summary()), null, red.verify());
    }
    CampaignSpec spec = job.spec();
    CampaignSpec.Fix settings = model.settings();
    FixLoop loop = new FixLoop(model.model().get(), red.verifier(), Guardrails.of(spec.guardrails(), job.build().verify().commands()),
        new FixLoop.Limits(settings.maxAttempts(), settings.tokensPerRepository(), settings.tokensPerCampaign(),
            job.rows()::tokensSpentByRun, settings.maxTurns(), settings.timeout()),
        memory != null && settings.memory() ? memory.forCampaign(spec.name()) : null);
    FixContext context = new FixContext(PullRequestText.intent(spec), spec.recipeNames(), recipe.diff());
    FixOutcome fixed = loop.run(job.dir(), job.logDir(), context, red.verify(), baselineTests, job.rows()::fixAttempt);
    if (fixed.verdict() != FixOutcome.Verdict.GREEN) {
      OutcomeStatus status =
          fixed.verdict() == FixOutcome.Verdict.GUARDRAIL_REJECTED ? OutcomeStatus.GUARDRAIL_REJECTED : OutcomeStatus.NEEDS_HUMAN;
      return new Result(new Stop(status, "red after the recipe; " + fixed.reason()), fixed, red.verify());
    }
    Files.writeString(job.logDir().resolve("fix.diff"), ModelDiff.unified(fixed.change()), StandardCharsets.UTF_8);
    return new Result(null, fixed, fixed.lastVerify());
  }

  /** Accepted (green, past the guardrails and the judge): the next repository with this failure gets it first. */
  void remember(RepoJob job, Model model, @Nullable FixOutcome fixed) {
    if (fixed != null && !fixed.fromMemory() && memory != null && model.settings().memory()) {
      memory.forCampaign(job.spec().name()).remember(fixed.signature(), job.repo().name(), fixed.keptEdits());
    }
  }
}
