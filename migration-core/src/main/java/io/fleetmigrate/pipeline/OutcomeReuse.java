package io.fleetmigrate.pipeline;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.checkout.CheckoutException;
import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.CodeHosts;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.RunStore;
import io.fleetmigrate.verify.RepositoryBuild;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A re-run with nothing to do costs one {@code ls-remote} per repository, not a clone and builds:
 * when the repository's latest outcome in this campaign came from a run with the same spec and the
 * same recipes (and the same dry-run mode), and the remote's base branch is still at the commit that
 * run started from, the outcome would be the same, so it is reused. For a pull request, the
 * campaign branch must also still be the commit we pushed and the pull request still open on the
 * host (asked each time, not taken from the store); otherwise (someone pushed, it was merged or
 * closed) the repository goes through the pipeline, whose delivery says what happened.
 *
 * <p>Only outcomes that a re-run cannot change are reused: the successes, {@code SKIPPED} and
 * {@code BASELINE_RED} (but not one for want of a JDK, which is the machine's), and {@code WAITING} while the rollout still holds the repository back. {@code NEEDS_HUMAN}, {@code ERROR} and the other failures are tried again,
 * since a retry (a model, a flaky network) may end them differently.
 */
@Component
public class OutcomeReuse {
  private static final Logger log = LoggerFactory.getLogger(OutcomeReuse.class);
  private static final Set<OutcomeStatus> REUSABLE = Set.of(
      OutcomeStatus.PR_OPENED, OutcomeStatus.PR_UPDATED, OutcomeStatus.READY, OutcomeStatus.NO_CHANGES,
      OutcomeStatus.SKIPPED, OutcomeStatus.BASELINE_RED);

  private final CampaignStore store;
  private final Checkout checkout;
  private final @Nullable CodeHosts hosts;
  private final Map<Long, Optional<RunStore.Run>> runs = new ConcurrentHashMap<>();

  /** Without a code host's credentials: only public or local remotes can be listed (tests). */
  public OutcomeReuse(CampaignStore store, Checkout checkout) {
    this(store, checkout, null);
  }

  @Autowired
  public OutcomeReuse(CampaignStore store, Checkout checkout, @Nullable CodeHosts hosts) {
    this.store = store;
    this.checkout = checkout;
    this.hosts = hosts;
  }

  /** What {@link #reusedReason} writes: the run the result came from and that run's own reason. */
  private static final Pattern REUSED = Pattern.compile("unchanged since run (\\d+) \\(base [0-9a-f]+, same spec and recipes\\): (.*)",
      Pattern.DOTALL);

  /**
   * The reason of an outcome reused from run {@code runId}: that run's reason once, with the run it
   * came from; an outcome that was itself reused names its original run, so reasons never nest
   * night after night.
   */
  static String reusedReason(long runId, String head, String earlier) {
    Matcher m = REUSED.matcher(earlier);
    String run = m.matches() ? m.group(1) : Long.toString(runId);
    String original = m.matches() ? m.group(2) : earlier;
    return "unchanged since run " + run + " (base " + head.substring(0, 7) + ", same spec and recipes): " + original;
  }

  /** A waiting repository's reason with this run's rollout reason in place of the earlier one (the wave moved on, or paused). */
  static String heldReason(String earlier, String now) {
    int cut = earlier.indexOf("; not delivered");
    return (cut < 0 ? "green" : earlier.substring(0, cut)) + now.substring(now.indexOf(';'));
  }

  /** The earlier outcome of {@code repo}, as this run's, when nothing changed since; empty otherwise. */
  public Optional<RepoOutcome> reuse(RunContext run, RepoRef repo) {
    long start = System.nanoTime();
    String campaign = run.spec().name();
    var past = store.outcomes().latestOutcomeBefore(campaign, repo.name(), run.runId()).orElse(null);
    if (past == null || past.outcome().baseCommit() == null) {
      return Optional.empty();
    }
    // Waiting for its wave is final only while the rollout still holds it back; once its wave opens
    // the pipeline delivers it.
    boolean stillHeld = past.outcome().status() == OutcomeStatus.WAITING && run.window().holds(repo.name()) != null;
    if (!REUSABLE.contains(past.outcome().status()) && !stillHeld) {
      return Optional.empty();
    }
    // A baseline red for want of a JDK is about this machine: the operator may have added one since.
    if (past.outcome().status() == OutcomeStatus.BASELINE_RED && past.outcome().reason().contains(RepositoryBuild.NO_JDK)) {
      return Optional.empty();
    }
    RunStore.Run then = runs.computeIfAbsent(past.runId(), store.runs()::run).orElse(null);
    RunStore.Run now = runs.computeIfAbsent(run.runId(), store.runs()::run).orElse(null);
    if (then == null || now == null || !then.specYaml().equals(now.specYaml())
        || !Objects.equals(then.recipeYaml(), now.recipeYaml()) || then.dryRun() != now.dryRun()) {
      return Optional.empty();
    }
    RepoOutcome before = past.outcome();
    Map<String, String> refs;
    try {
      // The same credentials the clone would get (a private GitHub repository needs them).
      CredentialsProvider credentials = hosts == null ? null : hosts.cloneCredentials(run.spec().codeHost(), repo.cloneUrl());
      refs = checkout.remoteRefs(repo, credentials);
    } catch (CheckoutException | CodeHostException e) {
      log.info("{}: {}; going through the pipeline", repo.name(), e.getMessage());
      return Optional.empty(); // the pipeline's clone reports it properly
    }
    String head = refs.get(repo.defaultBranch() != null ? "refs/heads/" + repo.defaultBranch() : "HEAD");
    if (!before.baseCommit().equals(head)) {
      return Optional.empty();
    }
    OutcomeStatus status = before.status();
    if (status == OutcomeStatus.PR_OPENED || status == OutcomeStatus.PR_UPDATED) {
      var pr = store.pullRequests().find(campaign, repo.name()).orElse(null);
      String branchHead = refs.get("refs/heads/" + run.spec().pullRequest().branch());
      if (pr == null || pr.state() != PullRequestStatus.OPEN || branchHead == null || !branchHead.equals(pr.headCommit())) {
        return Optional.empty();
      }
      // The stored OPEN is only what the host said when we last looked: a person may have closed or merged
      // it since. The host is asked (without one, in tests, the store is the host).
      if (hosts != null) {
        try {
          String onHost = hosts.openness(pr, repo, run.spec().codeHost());
          if (!"OPEN".equals(onHost)) {
            log.info("{}: pull request #{} is {} on the host; going through the pipeline", repo.name(), pr.number(), onHost);
            return Optional.empty();
          }
        } catch (CodeHostException e) {
          log.info("{}: {}; going through the pipeline", repo.name(), e.getMessage());
          return Optional.empty();
        }
      }
      status = OutcomeStatus.PR_UPDATED; // the open pull request already holds this result
    }
    String reason = stillHeld ? reusedReason(past.runId(), head, heldReason(before.reason(), run.window().holds(repo.name())))
        : reusedReason(past.runId(), head, before.reason());
    return Optional.of(new RepoOutcome(repo.name(), status, reason, before.stage(), before.filesChanged(), before.baseCommit(),
        before.headCommit(), before.prNumber(), before.diffPath(), before.logDir(), Duration.ofNanos(System.nanoTime() - start)));
  }
}
