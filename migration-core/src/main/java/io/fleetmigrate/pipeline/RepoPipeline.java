package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.BuildResult;
import io.fleetmigrate.build.BuildRunner;
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
import io.fleetmigrate.store.CampaignStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
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

  private static final PersonIdent AUTHOR = new PersonIdent("Fleet Migrate", "fleet-migrate@localhost");

  private final FleetHome home;
  private final Checkout checkout;
  private final BuildRunner builds;
  private final RewriteStation rewrite;
  private final CodeHost host;
  private final CampaignStore store;

  public RepoPipeline(
      FleetHome home, Checkout checkout, BuildRunner builds, RewriteStation rewrite, CodeHost host, CampaignStore store) {
    this.home = home;
    this.checkout = checkout;
    this.builds = builds;
    this.rewrite = rewrite;
    this.host = host;
    this.store = store;
  }

  public RepoOutcome process(RunContext run, RepoRef repo) {
    long start = System.nanoTime();
    CampaignSpec spec = run.spec();
    Path logDir = home.runDir(spec.name(), run.runId(), repo.name());
    Progress p = new Progress(repo.name(), logDir, start);
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
    } catch (RuntimeException e) {
      log.error("{}: internal error during {}", repo.name(), p.stage, e);
      return p.outcome(OutcomeStatus.ERROR, "internal error during " + p.stage.name().toLowerCase() + ": " + e);
    }
  }

  private RepoOutcome stations(RunContext run, RepoRef repo, Progress p)
      throws CheckoutException, BuildException, CodeHostException, InvalidRecipeException, IOException,
          GitAPIException {
    CampaignSpec spec = run.spec();
    p.stage = Stage.CHECKOUT;
    try (Workspace ws = checkout.prepare(repo, home.workspace(spec.name(), repo.name()), spec.pullRequest().branch())) {
      p.baseCommit = ws.baseCommit();
      if (!Files.isRegularFile(ws.dir().resolve("pom.xml"))) {
        return p.outcome(OutcomeStatus.SKIPPED, "no pom.xml at the repository root: not a Maven build");
      }

      p.stage = Stage.BASELINE;
      BuildResult baseline = build(run, repo, ws.dir(), "baseline", baselineCommand(spec.verify().command()), p);
      if (!baseline.green()) {
        return p.outcome(OutcomeStatus.BASELINE_RED, "red before any change: " + baseline.summary());
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
        return p.outcome(OutcomeStatus.NO_CHANGES, "the recipes found nothing to change");
      }

      p.stage = Stage.VERIFY;
      deleteBuildOutput(ws.dir());
      BuildResult verify = build(run, repo, ws.dir(), "verify", spec.verify().command(), p);
      if (!verify.green()) {
        return p.outcome(OutcomeStatus.NEEDS_HUMAN, "red after the recipe: " + verify.summary());
      }
      RevCommit commit = commit(ws, result, spec);
      p.headCommit = commit.name();
      if (run.dryRun()) {
        return p.outcome(OutcomeStatus.READY, "green after the recipe; dry run: diff saved, nothing delivered");
      }

      p.stage = Stage.DELIVER;
      Delivery delivery =
          host.deliver(new DeliveryRequest(spec.name(), repo, ws, commit.name(), spec.pullRequest().title(), spec.pullRequest().body()));
      p.prNumber = delivery.prNumber();
      p.headCommit = delivery.headCommit();
      p.stage = Stage.DONE;
      return p.outcome(delivery.status(), delivery.reason());
    }
  }

  private BuildResult build(RunContext run, RepoRef repo, Path dir, String stage, String command, Progress p)
      throws BuildException {
    BuildResult result = builds.run(dir, command, run.spec().verify().timeout(), p.logDir.resolve(stage + ".log"));
    store.saveAttempt(
        run.runId(),
        new CampaignStore.Attempt(
            repo.name(), stage, command, result.timedOut() ? null : result.exitCode(), result.timedOut(),
            result.green() ? "green" : result.summary(), result.log().toString(), result.duration()));
    return result;
  }

  /** The verify command, plus the classpath the recipe engine needs when it is a Maven build. */
  static String baselineCommand(String verifyCommand) {
    String c = verifyCommand.strip();
    boolean maven = c.equals("mvn") || c.startsWith("mvn ") || c.startsWith("./mvnw ") || c.equals("./mvnw");
    return maven ? c + " " + CLASSPATH_GOAL : c + " && mvn -B -q " + CLASSPATH_GOAL;
  }

  /** Stages exactly the files the recipes changed: whatever else the build touched stays out. */
  private static RevCommit commit(Workspace ws, RewriteResult result, CampaignSpec spec) throws GitAPIException {
    Git git = ws.git();
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
    String message =
        spec.pullRequest().title() + "\n\n" + spec.pullRequest().body() + "\n\nRecipes: " + String.join(", ", spec.recipeNames()) + "\n";
    return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
  }

  /** Verify starts from clean build output: stale classes of a deleted test must not pass for it. */
  private static void deleteBuildOutput(Path root) throws IOException {
    List<Path> targets;
    try (Stream<Path> walk = Files.walk(root, 6)) {
      targets =
          walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("target"))
              .filter(Files::isDirectory)
              .filter(p -> Files.isRegularFile(p.resolveSibling("pom.xml")))
              .filter(p -> !p.toString().contains("/.git/"))
              .toList();
    }
    for (Path target : targets) {
      Checkout.deleteRecursively(target);
    }
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

    Progress(String repository, Path logDir, long start) {
      this.repository = repository;
      this.logDir = logDir;
      this.start = start;
    }

    RepoOutcome outcome(OutcomeStatus status, String reason) {
      return new RepoOutcome(
          repository, status, reason, stage, filesChanged, baseCommit, headCommit, prNumber, diffPath,
          logDir.toString(), Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
