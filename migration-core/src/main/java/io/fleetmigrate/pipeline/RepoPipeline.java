package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.BuildResult;
import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.BuildSlots;
import io.fleetmigrate.build.ClasspathResolver;
import io.fleetmigrate.checkout.TextSearch;
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
import io.fleetmigrate.deliver.Delivery;
import io.fleetmigrate.deliver.DeliveryRequest;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.recipes.ModuleClasspath;
import io.fleetmigrate.recipes.InvalidRecipeException;
import io.fleetmigrate.recipes.RewriteResult;
import io.fleetmigrate.rewrite.RewriteStation;
import io.fleetmigrate.rollout.RiskFlag;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.OutcomeStore;
import io.fleetmigrate.store.FixMemoryStore;
import io.fleetmigrate.fix.FixAttempt;
import io.fleetmigrate.fix.FixContext;
import io.fleetmigrate.fix.FixLoop;
import io.fleetmigrate.fix.FixModel;
import io.fleetmigrate.fix.FixOutcome;
import io.fleetmigrate.fix.ModelException;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.judge.Guardrails;
import io.fleetmigrate.judge.JudgeVerdict;
import io.fleetmigrate.judge.LlmJudge;
import io.fleetmigrate.judge.ModelDiff;
import io.fleetmigrate.judge.Violation;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import io.fleetmigrate.verify.MavenDiagnostics;
import io.fleetmigrate.verify.StagedVerifier;
import io.fleetmigrate.verify.TestCounts;
import io.fleetmigrate.verify.Verifier;
import io.fleetmigrate.verify.VerifyResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-repository blueprint: checkout → baseline → rewrite → verify → commit → deliver. Every
 * path ends in exactly one {@link RepoOutcome}; nothing a repository does escapes as an exception,
 * so one broken repository never stops the fleet.
 */
public class RepoPipeline {
  private static final Logger log = LoggerFactory.getLogger(RepoPipeline.class);
  /**
   * Appended to a Maven baseline build: each module's resolved dependencies with their scopes, from
   * which the recipe engine takes the main and the test classpath.
   */
  static final String CLASSPATH_GOAL = ModuleClasspath.MAVEN_GOAL;

  static final String NOTHING_TO_CHANGE = "the recipes found nothing to change";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final PersonIdent AUTHOR = new PersonIdent("Fleet Migrate", "fleet-migrate@localhost");

  private final FleetHome home;
  private final Checkout checkout;
  private final BuildRunner builds;
  private final RewriteStation rewrite;
  private final CodeHost host;
  private final CampaignStore store;
  private final ModelProviders models;
  private final ClasspathResolver classpaths;
  private final @Nullable FixMemoryStore fixes;

  public RepoPipeline(
      FleetHome home, Checkout checkout, BuildRunner builds, RewriteStation rewrite, CodeHost host, CampaignStore store,
      ModelProviders models) {
    this(home, checkout, builds, rewrite, host, store, models, null);
  }

  /** @param fixes fix memory; {@code null}: none kept */
  public RepoPipeline(
      FleetHome home, Checkout checkout, BuildRunner builds, RewriteStation rewrite, CodeHost host, CampaignStore store,
      ModelProviders models, @Nullable FixMemoryStore fixes) {
    this.fixes = fixes;
    this.models = models;
    this.home = home;
    this.checkout = checkout;
    this.builds = builds;
    this.rewrite = rewrite;
    this.host = host;
    this.store = store;
    this.classpaths = new ClasspathResolver(builds, home.dir().resolve("cache").resolve("classpaths"));
  }

  public RepoOutcome process(RunContext run, RepoRef repo) {
    return process(run, repo, null);
  }

  /**
   * @param slots the build slots that each of this repository's build processes holds while it runs
   *     ({@code null}: no limit beyond the caller's lanes)
   */
  public RepoOutcome process(RunContext run, RepoRef repo, BuildSlots.@Nullable Gate slots) {
    long start = System.nanoTime();
    CampaignSpec spec = run.spec();
    Path logDir = home.runDir(spec.name(), run.runId(), repo.name());
    Progress p = new Progress(repo.name(), logDir, start);
    p.slots = slots;
    try {
      Checkout.deleteRecursively(logDir); // a repository redone after a crash starts from a clean slate
      Files.createDirectories(logDir);
      return stations(run, repo, p);
    } catch (CheckoutException e) {
      return p.outcome(OutcomeStatus.ERROR, "clone failed: " + e.getMessage());
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

  private RepoOutcome stations(RunContext run, RepoRef repo, Progress p)
      throws CheckoutException, BuildException, CodeHostException, InvalidRecipeException, IOException,
          GitAPIException {
    CampaignSpec spec = run.spec();
    p.stage = Stage.CHECKOUT;
    try (Workspace ws = checkout.prepare(
        repo, home.workspace(spec.name(), repo.name()), spec.pullRequest().branch(), host.cloneCredentials(spec.codeHost(), repo.cloneUrl()))) {
      p.baseCommit = ws.baseCommit();
      if (!Files.isRegularFile(ws.dir().resolve("pom.xml"))) {
        return p.outcome(OutcomeStatus.SKIPPED, notMaven(ws.dir()));
      }

      RepoOutcome nothingToDo = nothingToDo(run, repo, ws.dir(), p);
      if (nothingToDo != null) {
        return nothingToDo;
      }

      p.stage = Stage.BASELINE;
      StagedVerifier.deleteBuildOutput(ws.dir());
      BuildResult baseline = p.slots == null
          ? build(run, repo, ws.dir(), "baseline", baselineCommand(spec.verify().command()), p)
          : p.slots.run(() -> build(run, repo, ws.dir(), "baseline", baselineCommand(spec.verify().command()), p));
      if (baseline.timedOut()) {
        return p.outcome(
            OutcomeStatus.BASELINE_RED, "baseline build " + baseline.summary() + " before any change; raise verify.timeout if it is slow, not stuck");
      }
      if (!baseline.green()) {
        return p.outcome(OutcomeStatus.BASELINE_RED, "red before any change: " + baseline.summary());
      }
      // What ran before we touched anything: the guardrails' floor for the executed test count.
      p.baselineTests = MavenDiagnostics.testReports(ws.dir()).counts();
      // Green is what the reports say, not the exit code: a build that ignores failing tests exits 0.
      String reportsRed = StagedVerifier.reportsRed(baseline, p.baselineTests, ws.dir());
      if (reportsRed != null) {
        return p.outcome(OutcomeStatus.BASELINE_RED, "red before any change: " + reportsRed);
      }

      p.stage = Stage.REWRITE;
      RewriteResult result = rewrite.run(ws.dir(), spec.recipes(), run.recipeYaml());
      p.filesChanged = result.changedFiles().size();
      if (!result.diff().isEmpty()) {
        Path diff = p.logDir.resolve("change.diff");
        Files.writeString(diff, result.diff(), StandardCharsets.UTF_8);
        p.diffPath = diff.toString();
      }
      Files.writeString(p.logDir.resolve("recipe.txt"), describe(result), StandardCharsets.UTF_8);
      if (result.refused()) {
        RewriteResult.FileError first = result.errors().get(0);
        return p.outcome(
            OutcomeStatus.RECIPE_REFUSED,
            result.errors().size() + " file(s) not trusted, nothing written; first: "
                + (first.path().isEmpty() ? "" : first.path() + ": ") + first.message());
      }
      if (!result.hasChanges()) {
        return p.outcome(OutcomeStatus.NO_CHANGES, NOTHING_TO_CHANGE);
      }

      p.stage = Stage.VERIFY;
      p.guardrailsOff = spec.guardrails().off();
      StagedVerifier verifier = new StagedVerifier(builds, spec.verify(), p.slots);
      VerifyResult verify = verify(run, repo, ws.dir(), verifier, "verify", p);
      FixOutcome fixed = null;
      CampaignSpec.Fix settings = models.settings(spec.fix(), run.model());
      String modelName = settings.provider() + "/" + settings.model();
      Optional<FixModel> model = Optional.empty();
      var fewerTests = verify.green()
          ? Guardrails.of(spec.guardrails(), spec.verify().commands()).floor(p.baselineTests, verify.tests())
          : Optional.<Violation>empty();
      if (fewerTests.isPresent()) {
        // Green by its reports, but tests vanished: the recipe's change is not shown to be safe.
        return p.outcome(OutcomeStatus.NEEDS_HUMAN, "red after the recipe: " + fewerTests.get());
      }
      if (!verify.green() || settings.judge()) {
        try {
          model = models.create(settings);
        } catch (ModelException e) {
          return p.outcome(OutcomeStatus.ERROR, (verify.green() ? "green after the recipe" : "red after the recipe")
              + ", and the model is not usable: " + e.getMessage());
        }
      }
      if (!verify.green()) {
        if (model.isEmpty()) {
          return p.outcome(OutcomeStatus.NEEDS_HUMAN, "red after the recipe: " + verify.summary());
        }
        p.stage = Stage.FIX;
        fixed = fix(run, repo, ws.dir(), verifier, model.get(), result, verify, p);
        if (fixed.verdict() != FixOutcome.Verdict.GREEN) {
          OutcomeStatus status =
              fixed.verdict() == FixOutcome.Verdict.GUARDRAIL_REJECTED ? OutcomeStatus.GUARDRAIL_REJECTED : OutcomeStatus.NEEDS_HUMAN;
          return p.outcome(status, "red after the recipe; " + fixed.reason());
        }
        verify = fixed.lastVerify();
        Files.writeString(p.logDir.resolve("fix.diff"), ModelDiff.unified(fixed.change()), StandardCharsets.UTF_8);
      }
      if (settings.judge() && model.isPresent()) {
        // The judge is separate from the fixer: it sees the final diff, not the fixer's reasoning.
        p.stage = Stage.FIX;
        long spent = store.outcomes().tokensSpent(run.runId());
        if (settings.tokensPerCampaign() > 0 && spent >= settings.tokensPerCampaign()) {
          return p.outcome(OutcomeStatus.NEEDS_HUMAN,
              "green, but the campaign's token budget is spent (" + spent + "), so the LLM judge could not review the change");
        }
        long start = System.nanoTime();
        JudgeVerdict verdict = new LlmJudge(model.get())
            .judge(intent(spec), result.diff(), fixed == null ? "" : ModelDiff.unified(fixed.change()));
        int number = fixed == null ? 1 : fixed.attempts().size() + 1;
        store.outcomes().saveFixAttempt(run.runId(), new OutcomeStore.FixAttemptRecord(
            repo.name(), number, verdict.approved() ? "JUDGE_APPROVED" : "JUDGE_VETOED", "", verdict.reason(), "[]", "",
            verdict.approved() ? "" : "llm-judge: " + verdict.reason(), null, null, verdict.inputTokens(), verdict.outputTokens(),
            Duration.ofNanos(System.nanoTime() - start)));
        if (!verdict.approved()) {
          return p.outcome(OutcomeStatus.NEEDS_HUMAN, "green, but the LLM judge vetoed the change: " + verdict.reason());
        }
      }
      if (fixed != null && !fixed.fromMemory() && fixes != null && settings.memory()) {
        // Accepted: green, past the guardrails and the judge. The next repository with this failure gets it first.
        fixes.forCampaign(spec.name()).remember(fixed.signature(), repo.name(), fixed.keptEdits());
      }
      String body = CampaignSpec.PullRequest.render(
          PullRequestBody.render(spec, result, verify, p.baselineTests, fixed, modelName), spec.name(), repo.name());
      Files.writeString(p.logDir.resolve("pull-request.md"), body, StandardCharsets.UTF_8);
      RevCommit commit = commit(ws, result, fixed, commitMessage(spec, run.runId(), fixed, modelName));
      p.headCommit = commit.name();
      String green = fixed == null ? "green after the recipe"
          : fixed.fromMemory() ? "green after the recipe and a remembered fix (no model call)"
          : "green after the recipe and " + fixed.modelAttempts() + " model attempt(s)";
      if (run.dryRun()) {
        return p.outcome(OutcomeStatus.READY, green + "; dry run: diff saved, nothing delivered");
      }
      String held = run.window().holds(repo.name());
      if (held != null) {
        return p.outcome(OutcomeStatus.WAITING, held.startsWith("green") ? green + held.substring("green".length()) : held);
      }

      p.stage = Stage.DELIVER;
      String lowTests = RiskFlag.reason(spec.rollout(), p.baselineTests.executed());
      Delivery delivery =
          host.deliver(new DeliveryRequest(spec.name(), repo, ws, commit.name(),
              CampaignSpec.PullRequest.render(spec.pullRequest().title(), spec.name(), repo.name()), body,
              lowTests == null ? spec.pullRequest() : RiskFlag.flagged(spec.pullRequest(), repo), spec.codeHost()));
      p.prNumber = delivery.prNumber();
      p.headCommit = delivery.headCommit();
      p.stage = Stage.DONE;
      return p.outcome(delivery.status(), delivery.reason() + (lowTests == null ? "" : "; " + lowTests));
    }
  }

  /**
   * {@code NO_CHANGES} decided before any verify build, or {@code null} to go on to the baseline.
   * First the spec's text precondition ({@code repositories.containing}); then the recipes in memory,
   * parsed with the classpaths of a resolution-only Maven call (cached by the POMs). Only a run that
   * resolved every module, trusted every file and changed nothing ends the repository here; anything
   * else (a reactor that needs its own jars, a refused file, a change) goes on as before, to the
   * baseline build and the recipes with the baseline's classpaths.
   */
  private @Nullable RepoOutcome nothingToDo(RunContext run, RepoRef repo, Path dir, Progress p)
      throws BuildException, InvalidRecipeException, IOException {
    CampaignSpec spec = run.spec();
    p.stage = Stage.REWRITE;
    java.util.List<String> containing = spec.repositories().containing();
    if (!containing.isEmpty() && TextSearch.firstFileContaining(dir, containing).isEmpty()) {
      return p.outcome(OutcomeStatus.NO_CHANGES,
          "no file contains " + (containing.size() == 1 ? "'" + containing.get(0) + "'" : "any of " + containing)
              + " (the spec's repositories.containing); nothing was parsed or built");
    }
    ClasspathResolver.Result classpath = p.slots == null
        ? resolveClasspath(run, repo, dir, p)
        : p.slots.run(() -> resolveClasspath(run, repo, dir, p));
    if (!classpath.resolved()) {
      log.info("{}: classpaths not resolved without a build ({}); the baseline build decides", repo.name(), classpath.reason());
      return null;
    }
    RewriteResult dry = rewrite.dryRun(dir, spec.recipes(), run.recipeYaml());
    if (dry.refused() || dry.hasChanges()) {
      return null;
    }
    Files.writeString(p.logDir.resolve("recipe.txt"), "decided before any build (classpaths: "
        + (classpath.cached() ? "cached" : "resolved") + ")\n" + describe(dry), StandardCharsets.UTF_8);
    return p.outcome(OutcomeStatus.NO_CHANGES, NOTHING_TO_CHANGE);
  }

  private ClasspathResolver.Result resolveClasspath(RunContext run, RepoRef repo, Path dir, Progress p) throws BuildException {
    ClasspathResolver.Result result =
        classpaths.resolve(dir, run.spec().verify().command(), run.spec().verify().timeout(), p.logDir.resolve("classpath.log"));
    BuildResult b = result.build();
    if (b != null) {
      store.outcomes().saveAttempt(run.runId(), new OutcomeStore.Attempt(
          repo.name(), "classpath", b.command(), b.timedOut() ? null : b.exitCode(), b.timedOut(),
          b.green() ? "green" : b.summary(), b.log().toString(), b.duration(), null, "", b.isolation()));
    }
    return result;
  }

  private BuildResult build(RunContext run, RepoRef repo, Path dir, String stage, String command, Progress p)
      throws BuildException {
    // Like every build, the baseline runs under the sandbox's network policy; offline, a miss in
    // the local Maven repository warms it (see BuildRunner).
    BuildResult result = builds.run(dir, command, run.spec().verify().timeout(), p.logDir.resolve(stage + ".log"));
    Integer tests = result.green() ? MavenDiagnostics.testReports(dir).counts().executed() : null;
    store.outcomes().saveAttempt(
        run.runId(),
        new OutcomeStore.Attempt(
            repo.name(), stage, command, result.timedOut() ? null : result.exitCode(), result.timedOut(),
            result.green() ? "green" : result.summary(), result.log().toString(), result.duration(), tests, "", result.isolation()));
    return result;
  }

  /** The fix loop, each attempt stored as it ends (a crash later still leaves the record). */
  private FixOutcome fix(
      RunContext run, RepoRef repo, Path dir, StagedVerifier verifier, FixModel model, RewriteResult recipe, VerifyResult red, Progress p)
      throws BuildException, IOException {
    CampaignSpec spec = run.spec();
    CampaignSpec.Fix settings = models.settings(spec.fix(), run.model());
    // Each attempt's builds are recorded like the first verify's (fix-N-compile, fix-N-test rows).
    Verifier recorded = (workdir, logDir, label) -> verify(run, repo, workdir, verifier, label, p);
    FixLoop loop = new FixLoop(model, recorded, Guardrails.of(spec.guardrails(), spec.verify().commands()),
        new FixLoop.Limits(settings.maxAttempts(), settings.tokensPerRepository(), settings.tokensPerCampaign(),
            () -> store.outcomes().tokensSpent(run.runId()), settings.maxTurns(), settings.timeout()),
        fixes != null && settings.memory() ? fixes.forCampaign(spec.name()) : null);
    FixContext context = new FixContext(intent(spec), spec.recipeNames(), recipe.diff());
    return loop.run(dir, p.logDir, context, red, p.baselineTests, a -> store.outcomes().saveFixAttempt(run.runId(), record(repo, a)));
  }

  /** The campaign's intent in words: its description, else the pull request's title. */
  private static String intent(CampaignSpec spec) {
    return spec.description().isBlank() ? spec.pullRequest().title() : spec.description();
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

  /** Verifies and records one attempt row per stage that ran (label-stage, e.g. verify-compile). */
  private VerifyResult verify(RunContext run, RepoRef repo, Path dir, StagedVerifier verifier, String label, Progress p)
      throws BuildException {
    VerifyResult result = verifier.verify(dir, p.logDir, label);
    for (VerifyResult.StageRun stage : result.stages()) {
      BuildResult b = stage.build();
      boolean test = stage.stage().name().equals("test");
      store.outcomes().saveAttempt(
          run.runId(),
          new OutcomeStore.Attempt(
              repo.name(), label + "-" + stage.stage().name(), b.command(), b.timedOut() ? null : b.exitCode(), b.timedOut(),
              stage.green() ? "green" : result.summary(), b.log().toString(), b.duration(),
              test ? result.tests().executed() : null,
              stage.green() ? "" : result.diagnosticsText(), b.isolation()));
    }
    return result;
  }

  /** Why a checkout without a root {@code pom.xml} is skipped: a Gradle build says so by name. */
  static String notMaven(Path dir) {
    for (String file : java.util.List.of("build.gradle.kts", "build.gradle", "settings.gradle.kts", "settings.gradle", "gradlew")) {
      if (Files.exists(dir.resolve(file))) {
        return "a Gradle build (" + file + "), and Fleet builds Maven projects only: no pom.xml at the repository root";
      }
    }
    return "no pom.xml at the repository root: not a Maven build";
  }

  /** The verify command, plus the classpath the recipe engine needs when it is a Maven build. */
  static String baselineCommand(String verifyCommand) {
    String c = verifyCommand.strip();
    boolean maven = c.equals("mvn") || c.startsWith("mvn ") || c.startsWith("./mvnw ") || c.equals("./mvnw");
    return maven ? c + " " + CLASSPATH_GOAL : c + " && mvn -B -q " + CLASSPATH_GOAL;
  }

  /** Stages exactly the files the recipes and the model changed: whatever else the build touched stays out. */
  private static RevCommit commit(Workspace ws, RewriteResult result, @Nullable FixOutcome fixed, String message)
      throws GitAPIException {
    Git git = ws.git();
    if (fixed != null) {
      for (String path : fixed.change().paths()) {
        if (fixed.change().after().get(path) == null) {
          git.rm().addFilepattern(path).call();
        } else {
          git.add().addFilepattern(path).call();
        }
      }
    }
    for (RewriteResult.ChangedFile file : result.changedFiles()) {
      switch (file.kind()) {
        case DELETED -> git.rm().addFilepattern(file.path()).call();
        case MOVED -> {
          git.rm().addFilepattern(java.util.Objects.requireNonNull(file.previousPath())).call();
          git.add().addFilepattern(file.path()).call();
        }
        default -> git.add().addFilepattern(file.path()).call();
      }
    }
    return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
  }

  /**
   * The commit's message: the pull request's title and body, the recipes, what a fix changed, and
   * the trailers that let a person find every change of a campaign with {@code git log --grep}.
   * {@code Fleet-Model} appears only when a model was called and its edits are in the commit (a fix
   * replayed from memory made no model call and says so in the body instead).
   */
  static String commitMessage(CampaignSpec spec, long runId, @Nullable FixOutcome fixed, String modelName) {
    String message =
        spec.pullRequest().title() + "\n\n" + spec.pullRequest().body() + "\n\nRecipes: " + String.join(", ", spec.recipeNames()) + "\n"
            + (fixed == null ? "" : (fixed.fromMemory() ? "Fixed from fix memory (no model call): "
                : "Fixed by a model in " + fixed.modelAttempts() + " attempt(s): ") + String.join(", ", fixed.change().paths()) + "\n");
    return message + "\n" + trailers(spec.name(), runId, fixed != null && !fixed.fromMemory() ? modelName : null);
  }

  /** Git trailers (the message's last paragraph, {@code Key: value} lines) naming the campaign, the run and the model. */
  static String trailers(String campaign, long runId, @Nullable String model) {
    return "Fleet-Campaign: " + campaign + "\nFleet-Run: " + runId + "\n" + (model == null ? "" : "Fleet-Model: " + model + "\n");
  }

  private static String describe(RewriteResult result) {
    StringBuilder text = new StringBuilder();
    text.append("parse: ").append(result.parseTime().toMillis()).append(" ms, recipes: ").append(result.recipeTime().toMillis()).append(" ms\n");
    text.append("written: ").append(result.written()).append('\n');
    text.append("changed files:\n");
    result.changedFiles().forEach(f -> text.append("  ").append(f.kind()).append(' ').append(f.path()).append('\n'));
    text.append("changes by recipe:\n");
    result.changesByRecipe().forEach((r, n) -> text.append("  ").append(r).append(": ").append(n).append('\n'));
    if (!result.searchResults().isEmpty()) {
      text.append("search results (marked, not changed):\n");
      result.searchResults().forEach(f -> text.append("  ").append(f).append('\n'));
    }
    if (!result.errors().isEmpty()) {
      text.append("errors:\n");
      result.errors().forEach(e -> text.append("  ").append(e.path()).append(": ").append(e.message()).append('\n'));
    }
    return text.toString();
  }

  /** What is known so far about one repository, so any exit can build its outcome. */
  private static final class Progress {
    final String repository;
    final Path logDir;
    final long start;
    Stage stage = Stage.CHECKOUT;
    int filesChanged;
    @Nullable String baseCommit;
    @Nullable String headCommit;
    @Nullable Integer prNumber;
    @Nullable String diffPath;
    TestCounts baselineTests = TestCounts.NONE;
    BuildSlots.@Nullable Gate slots;
    /** Rules the spec turned off; every outcome from verify on says so, so no report hides it. */
    java.util.List<String> guardrailsOff = java.util.List.of();

    Progress(String repository, Path logDir, long start) {
      this.repository = repository;
      this.logDir = logDir;
      this.start = start;
    }

    RepoOutcome outcome(OutcomeStatus status, String reason) {
      String off = guardrailsOff.isEmpty() ? "" : " (guardrails off by the spec: " + String.join(", ", guardrailsOff) + ")";
      return new RepoOutcome(
          repository, status, reason + off, stage, filesChanged, baseCommit, headCommit, prNumber, diffPath,
          logDir.toString(), Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
