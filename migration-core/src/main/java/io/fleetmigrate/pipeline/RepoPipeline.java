package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.BuildSlots;
import io.fleetmigrate.build.BuildTools;
import io.fleetmigrate.build.TransientBuildException;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.campaign.RepoOutcome.Stage;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.checkout.CheckoutException;
import io.fleetmigrate.checkout.Workspace;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.deliver.CodeHost;
import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.fix.FixOutcome;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.recipes.InvalidRecipeException;
import io.fleetmigrate.rewrite.RewriteStation;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.FixMemoryStore;
import io.fleetmigrate.verify.RepositoryBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-repository blueprint, as a sequence of stations: checkout → nothing to do? → baseline →
 * recipe → verify → fix (the one agentic station) → judge → commit → deliver. Each station is a
 * class that returns a record; a {@link Stop} in it ends the repository with that status. Every
 * path ends in exactly one {@link RepoOutcome}; nothing a repository does escapes as an exception,
 * so one broken repository never stops the fleet. Every row the stations write goes through
 * {@link RecordStation}.
 */
public class RepoPipeline {
  private static final Logger log = LoggerFactory.getLogger(RepoPipeline.class);

  private final FleetHome home;
  private final BuildRunner builds;
  private final Checkout checkout;
  private final CodeHost host;
  private final RecordStation record;
  private final NothingToDoStation nothingToDo;
  private final BaselineStation baseline;
  private final RecipeStation recipe;
  private final VerifyStation verify;
  private final FixStation fix;
  private final JudgeStation judge = new JudgeStation();
  private final DeliverStation deliver;

  public RepoPipeline(
      FleetHome home, Checkout checkout, BuildRunner builds, RewriteStation rewrite, CodeHost host, CampaignStore store,
      ModelProviders models) {
    this(home, checkout, builds, rewrite, host, store, models, null);
  }

  /** @param fixes fix memory; {@code null}: none kept */
  public RepoPipeline(
      FleetHome home, Checkout checkout, BuildRunner builds, RewriteStation rewrite, CodeHost host, CampaignStore store,
      ModelProviders models, @Nullable FixMemoryStore fixes) {
    this.home = home;
    this.builds = builds;
    this.checkout = checkout;
    this.host = host;
    this.record = new RecordStation(store);
    this.nothingToDo = new NothingToDoStation(home.dir().resolve("cache").resolve("classpaths"), rewrite);
    this.baseline = new BaselineStation();
    this.recipe = new RecipeStation(rewrite);
    this.verify = new VerifyStation();
    this.fix = new FixStation(models, fixes);
    this.deliver = new DeliverStation(host);
  }

  public RepoOutcome process(RunContext run, RepoRef repo) {
    return process(run, repo, null);
  }

  /**
   * @param slots the build slots that each of this repository's build processes holds while it runs
   *     ({@code null}: no limit beyond the caller's lanes)
   */
  public RepoOutcome process(RunContext run, RepoRef repo, BuildSlots.@Nullable Gate slots) {
    Path logDir = home.runDir(run.spec().name(), run.runId(), repo.name());
    Progress p = new Progress(repo.name(), logDir, System.nanoTime());
    try {
      Checkout.deleteRecursively(logDir); // a repository redone after a crash starts from a clean slate
      Files.createDirectories(logDir);
      return stations(run, repo, slots, p);
    } catch (CheckoutException e) {
      return p.outcome(OutcomeStatus.ERROR, "clone failed: " + e.getMessage());
    } catch (TransientBuildException e) {
      // Not the repository's fault nor the change's: no BASELINE_RED, no NEEDS_HUMAN, nothing for the fixer.
      return p.outcome(OutcomeStatus.ERROR, "infrastructure, not a verdict: " + e.getMessage());
    } catch (BuildException e) {
      return p.outcome(OutcomeStatus.ERROR, "build could not run: " + e.getMessage());
    } catch (CodeHostException e) {
      return p.outcome(OutcomeStatus.ERROR, "delivery failed: " + e.getMessage());
    } catch (InvalidRecipeException e) {
      return p.outcome(OutcomeStatus.ERROR, e.getMessage());
    } catch (IOException | GitAPIException e) {
      log.warn("{}: {} failed", repo.name(), p.stage, e);
      return p.outcome(OutcomeStatus.ERROR, p.stage.name().toLowerCase() + " failed: " + e.getMessage());
    } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
      // A recipe or parser bug (a StackOverflowError on a deep tree, a class missing from a recipe
      // module) ends this repository, not its shard or the run. OutOfMemoryError is left to kill the
      // JVM: nothing after it can be trusted.
      log.error("{}: internal error during {}", repo.name(), p.stage, e);
      return p.outcome(OutcomeStatus.ERROR, "internal error during " + p.stage.name().toLowerCase() + ": " + e);
    }
  }

  private RepoOutcome stations(RunContext run, RepoRef repo, BuildSlots.@Nullable Gate slots, Progress p)
      throws CheckoutException, BuildException, CodeHostException, InvalidRecipeException, IOException, GitAPIException {
    CampaignSpec spec = run.spec();
    try (Workspace ws = checkout.prepare(repo, home.workspace(spec.name(), repo.name()), spec.pullRequest().branch(),
        host.cloneCredentials(spec.codeHost(), repo.cloneUrl()))) {
      p.baseCommit = ws.baseCommit();
      BuildTools.Detected tool = BuildTools.detect(ws.dir());
      if (tool.tool() == null) {
        return p.outcome(OutcomeStatus.SKIPPED, tool.reason());
      }
      RepositoryBuild build = RepositoryBuild.of(spec, repo, ws.dir(), builds, tool.tool()); // its JDKs, its builds rule
      if (build.error() != null) {
        return p.outcome(OutcomeStatus.ERROR, build.error());
      }
      RepoJob job = new RepoJob(run, repo, ws.dir(), p.logDir, slots, record.rows(run.runId(), repo), build);

      p.stage = Stage.REWRITE;
      NothingToDoStation.Result nothing = nothingToDo.check(job);
      if (nothing.stop() != null) {
        return p.end(nothing.stop());
      }

      p.stage = Stage.BASELINE;
      BaselineStation.Result before = baseline.run(job);
      if (before.stop() != null) {
        return p.end(before.stop());
      }

      p.stage = Stage.REWRITE;
      RecipeStation.Result change = recipe.run(job);
      p.filesChanged = change.change().changedFiles().size();
      p.diffPath = change.diffPath();
      if (change.stop() != null) {
        return p.end(change.stop());
      }

      p.stage = Stage.VERIFY;
      p.guardrailsOff = spec.guardrails().off();
      VerifyStation.Result verified = verify.run(job, before.tests());
      if (verified.stop() != null) {
        return p.end(verified.stop());
      }
      FixStation.Model model = fix.model(job, verified.verify());
      if (model.stop() != null) {
        return p.end(model.stop());
      }
      FixStation.Result fixed = new FixStation.Result(null, null, verified.verify());
      if (!verified.verify().green()) {
        if (model.model().isPresent()) {
          p.stage = Stage.FIX; // without a model, red after verify ends in verify
        }
        fixed = fix.run(job, model, change.change(), verified, before.tests());
        if (fixed.stop() != null) {
          return p.end(fixed.stop());
        }
      }
      if (model.judges()) {
        p.stage = Stage.FIX;
        JudgeStation.Result judged = judge.review(job, model, change.change(), fixed.fixed());
        if (judged.stop() != null) {
          return p.end(judged.stop());
        }
      }
      fix.remember(job, model, fixed.fixed());

      PullRequestText text = PullRequestText.of(spec, repo.name(), change.change(), fixed.verify(), before.tests(), fixed.fixed(), model.name());
      Files.writeString(p.logDir.resolve("pull-request.md"), text.body(), StandardCharsets.UTF_8);
      RevCommit commit = CommitStep.commit(ws, change.change(), fixed.fixed(),
          PullRequestText.commitMessage(spec, repo.name(), run.runId(), fixed.fixed(), model.name()));
      p.headCommit = commit.name();
      Stop held = deliver.holds(job, green(fixed.fixed()));
      if (held != null) {
        return p.end(held);
      }

      p.stage = Stage.DELIVER;
      DeliverStation.Result delivered = deliver.deliver(job, ws, commit.name(), text, before.tests(), before.coverage());
      p.prNumber = delivered.prNumber();
      p.headCommit = delivered.headCommit();
      p.stage = Stage.DONE;
      return p.outcome(delivered.status(), delivered.reason());
    }
  }

  /** How the change became green, in the outcome's words. */
  private static String green(@Nullable FixOutcome fixed) {
    return fixed == null ? "green after the recipe"
        : fixed.fromMemory() ? "green after the recipe and a remembered fix (no model call)"
        : "green after the recipe and " + fixed.modelAttempts() + " model attempt(s)";
  }

  /** Why a checkout without a root {@code pom.xml} is skipped: a Gradle build says so by name. */
  static String notMaven(Path dir) {
    return BuildTools.detect(dir).reason();
  }
}
