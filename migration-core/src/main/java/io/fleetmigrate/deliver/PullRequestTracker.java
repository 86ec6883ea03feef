package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.campaign.SpecException;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStore;
import io.fleetmigrate.store.PullRequestStore.PullRequestRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Follows a campaign's pull requests after they are opened: {@code prs refresh} (state, draft,
 * review decision, checks, stored with a timestamp) and {@code campaign close} (close those whose
 * repository no longer needs the change, with a comment). One pull request's failure is reported
 * for that pull request and the others go on.
 */
@Component
public class PullRequestTracker {
  private final CampaignStore store;
  private final InventoryStore inventory;
  private final CodeHost hosts;

  /** {@code hosts}: the one that sends each pull request to the host its row names ({@link CodeHosts}). */
  public PullRequestTracker(CampaignStore store, InventoryStore inventory, CodeHost hosts) {
    this.store = store;
    this.inventory = inventory;
    this.hosts = hosts;
  }

  /**
   * One pull request after a refresh: its new snapshot, or why it could not be read.
   *
   * @param done what the campaign's review gates did to it ({@code marked ready for review}, {@code merged}), or {@code null}
   */
  public record Refreshed(
      PullRequestRecord pr, PullRequestStore.@Nullable PullRequestSnapshot snapshot, @Nullable String error, @Nullable String done) {
    public Refreshed(PullRequestRecord pr, PullRequestStore.@Nullable PullRequestSnapshot snapshot, @Nullable String error) {
      this(pr, snapshot, error, null);
    }
  }

  /**
   * Refreshes every pull request of {@code campaign}, then applies the campaign's review gates
   * ({@code rollout.draft}, {@code rollout.autoMerge}) to what the host said.
   */
  public List<Refreshed> refresh(String campaign) throws SpecException {
    CampaignSpec spec = spec(campaign);
    CampaignSpec.CodeHost settings = spec.codeHost();
    List<Refreshed> result = new ArrayList<>();
    for (PullRequestRecord pr : store.pullRequests().list(campaign)) {
      if (pr.state() == PullRequestStatus.PENDING || pr.number() <= 0) {
        continue;
      }
      PullRequestStore.PullRequestSnapshot snapshot = null;
      try {
        snapshot = refresh(pr, settings);
        result.add(gate(pr, snapshot, spec));
      } catch (CodeHostException e) {
        result.add(new Refreshed(pr, snapshot, e.getMessage()));
      }
    }
    return result;
  }

  /**
   * Marks a green draft ready, merges a green approved one or turns on the host's auto-merge for one
   * not there yet, as the spec's review gates say, or else reminds the owners of one waiting for a review ({@code rollout.nudgeAfter}); the store records the result.
   */
  private Refreshed gate(PullRequestRecord pr, PullRequestStore.PullRequestSnapshot now, CampaignSpec spec) throws CodeHostException {
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
    boolean flagged = store.pullRequests().isFlagged(pr.campaign(), pr.repository());
    switch (io.fleetmigrate.rollout.ReviewGate.next(spec.rollout(), now, flagged)) {
      case READY_FOR_REVIEW -> {
        hosts.markReady(pr, repo(pr), spec.codeHost());
        var ready = new PullRequestStore.PullRequestSnapshot(now.state(), false, now.reviewDecision(), now.checks(), at);
        store.pullRequests().saveRefresh(pr.campaign(), pr.repository(), pr.number(), ready);
        return new Refreshed(pr, ready, null, "marked ready for review (checks green)");
      }
      case MERGE -> {
        hosts.merge(pr, repo(pr), spec.codeHost(), pr.headCommit());
        var merged = new PullRequestStore.PullRequestSnapshot(PullRequestStatus.MERGED, now.draft(), now.reviewDecision(), now.checks(), at);
        store.pullRequests().saveRefresh(pr.campaign(), pr.repository(), pr.number(), merged);
        return new Refreshed(pr, merged, null, "merged (checks green, approved)");
      }
      case ENABLE_AUTO_MERGE -> {
        try {
          if (hosts.enableAutoMerge(pr, repo(pr), spec.codeHost(), pr.headCommit()) == CodeHost.AutoMerge.ENABLED_NOW) {
            return new Refreshed(pr, now, null, "auto-merge enabled (the host merges it once its checks and required reviews are in)");
          }
        } catch (CodeHostException e) {
          // GitHub refuses auto-merge for a pull request nothing holds back ("clean status", "unstable
          // status"): then it is merged through the API once approved and green, like without auto-merge.
          String message = String.valueOf(e.getMessage());
          if (!message.contains("clean status") && !message.contains("unstable status")) {
            throw e;
          }
        }
        return nudge(pr, now, spec);
      }
      default -> {
        return nudge(pr, now, spec);
      }
    }
  }

  /** Reminds the owners of a pull request waiting for a review, when {@code rollout.nudgeAfter} says one is due. */
  private Refreshed nudge(PullRequestRecord pr, PullRequestStore.PullRequestSnapshot now, CampaignSpec spec) throws CodeHostException {
    RepoRef repo = repo(pr);
    String mention = io.fleetmigrate.rollout.Nudge.mention(repo, store.pullRequests().owners(pr.campaign(), pr.repository()));
    if (mention != null && io.fleetmigrate.rollout.Nudge.due(spec.rollout().nudgeAfter(), now, pr.createdAt(),
        store.pullRequests().nudgedAt(pr.campaign(), pr.repository()).orElse(null))) {
      hosts.comment(pr, repo, spec.codeHost(), io.fleetmigrate.rollout.Nudge.text(mention, pr.campaign(),
          java.time.Duration.between(pr.createdAt(), now.at()), now.checks()));
      store.pullRequests().nudged(pr.campaign(), pr.repository(), now.at());
      return new Refreshed(pr, now, null, "nudged " + mention + " to review");
    }
    return new Refreshed(pr, now, null);
  }

  /**
   * Asks the host about one pull request and stores the answer with its time (the row's state and
   * an event for the time series).
   */
  public PullRequestStore.PullRequestSnapshot refresh(PullRequestRecord pr, CampaignSpec.CodeHost settings) throws CodeHostException {
    PullRequestState s = hosts.state(pr, repo(pr), settings);
    var snapshot = new PullRequestStore.PullRequestSnapshot(PullRequestStatus.of(s.state()), s.draft(), s.reviewDecision(), s.checks(),
        OffsetDateTime.now(ZoneOffset.UTC));
    store.pullRequests().saveRefresh(pr.campaign(), pr.repository(), pr.number(), snapshot);
    return snapshot;
  }

  /**
   * One open pull request considered by {@code campaign close}.
   *
   * @param closed whether this command closed it
   * @param foundState when the host already had it merged or closed (nothing was done): that state
   */
  public record Closing(PullRequestRecord pr, String reason, boolean closed, @Nullable String foundState, @Nullable String error) {}

  /**
   * Closes the campaign's open pull requests whose repository no longer needs the change: it left
   * the inventory (vanished or removed), the spec no longer selects it, or its latest run found
   * nothing to change ({@code NO_CHANGES}); with {@code all}, every open one.
   */
  public List<Closing> close(String campaign, boolean all, boolean dryRun) throws SpecException {
    CampaignSpec spec = spec(campaign);
    Map<String, RepoOutcome> latest = store.outcomes().latestOutcomes(campaign);
    Set<String> selected = Set.copyOf(spec.repositories().apply(inventory.list()).stream().map(RepoRef::name).toList());
    List<Closing> result = new ArrayList<>();
    for (PullRequestRecord pr : store.pullRequests().list(campaign)) {
      if (pr.state() != PullRequestStatus.OPEN) {
        continue;
      }
      String reason = all ? "the campaign is being closed" : reasonToClose(pr.repository(), selected, latest.get(pr.repository()));
      if (reason == null) {
        continue;
      }
      if (dryRun) {
        result.add(new Closing(pr, reason, false, null, null));
        continue;
      }
      String comment = "Closed by Fleet Migrate (campaign `" + campaign + "`): " + reason + ". The branch `" + pr.branch()
          + "` is left in place.";
      try {
        // The host says whether there is anything to close; the row records what it says, never a close that did not happen.
        CodeHost.Closed closed = hosts.close(pr, repo(pr), spec.codeHost(), comment);
        store.pullRequests().save(new PullRequestRecord(pr.campaign(), pr.repository(), pr.host(), pr.number(), pr.url(), pr.branch(),
            pr.baseBranch(), pr.title(), pr.body(), PullRequestStatus.of(closed.state()), pr.headCommit(), null, pr.createdAt(),
            OffsetDateTime.now(ZoneOffset.UTC)));
        result.add(new Closing(pr, reason, closed.closedNow(), closed.closedNow() ? null : closed.state(), null));
      } catch (CodeHostException e) {
        result.add(new Closing(pr, reason, false, null, e.getMessage()));
      }
    }
    return result;
  }

  private static @Nullable String reasonToClose(String repository, Set<String> selected, @Nullable RepoOutcome latest) {
    if (!selected.contains(repository)) {
      return "the repository is no longer in the campaign's selection (or left the inventory)";
    }
    if (latest != null && latest.status() == OutcomeStatus.NO_CHANGES) {
      return "the latest run found nothing left to change in this repository";
    }
    return null;
  }

  private RepoRef repo(PullRequestRecord pr) {
    Optional<RepoRef> known = inventory.find(pr.repository());
    return known.orElseGet(() -> new RepoRef(pr.repository(), pr.repository(), null, null, List.of(), "pull-request"));
  }

  private CampaignSpec spec(String campaign) throws SpecException {
    String yaml = store.runs().specYaml(campaign).orElseThrow(() -> new SpecException("no campaign named '" + campaign + "'"));
    return CampaignSpecReader.parse(yaml, "the spec campaign " + campaign + " last ran with");
  }

}
