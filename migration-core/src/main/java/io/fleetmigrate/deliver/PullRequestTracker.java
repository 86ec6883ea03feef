package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.campaign.SpecException;
import io.fleetmigrate.deliver.github.GitHubCodeHost;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.CampaignStore.PullRequestRecord;
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
  private final GitHubCodeHost github;

  public PullRequestTracker(CampaignStore store, InventoryStore inventory, GitHubCodeHost github) {
    this.store = store;
    this.inventory = inventory;
    this.github = github;
  }

  /** One pull request after a refresh: its new snapshot, or why it could not be read. */
  public record Refreshed(PullRequestRecord pr, CampaignStore.@Nullable PullRequestSnapshot snapshot, @Nullable String error) {}

  public List<Refreshed> refresh(String campaign) throws SpecException {
    CampaignSpec.CodeHost settings = settings(campaign);
    List<Refreshed> result = new ArrayList<>();
    for (PullRequestRecord pr : store.pullRequests(campaign)) {
      if ("PENDING".equals(pr.state()) || pr.number() <= 0) {
        continue;
      }
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      CampaignStore.PullRequestSnapshot snapshot;
      if (pr.host().equals(GitHubCodeHost.ID)) {
        try {
          GitHubCodeHost.PullRequestState s = github.state(pr, repo(pr), settings);
          snapshot = new CampaignStore.PullRequestSnapshot(s.state(), s.draft(), s.reviewDecision(), s.checks(), now);
        } catch (CodeHostException e) {
          result.add(new Refreshed(pr, null, e.getMessage()));
          continue;
        }
      } else {
        // The local host's store is the host: its state is already the truth; record it for the time series.
        snapshot = new CampaignStore.PullRequestSnapshot(pr.state(), false, "NONE", "none", now);
      }
      store.saveRefresh(campaign, pr.repository(), pr.number(), snapshot);
      result.add(new Refreshed(pr, snapshot, null));
    }
    return result;
  }

  /** One open pull request considered by {@code campaign close}. */
  public record Closing(PullRequestRecord pr, String reason, boolean closed, @Nullable String error) {}

  /**
   * Closes the campaign's open pull requests whose repository no longer needs the change: it left
   * the inventory (vanished or removed), the spec no longer selects it, or its latest run found
   * nothing to change ({@code NO_CHANGES}); with {@code all}, every open one.
   */
  public List<Closing> close(String campaign, boolean all, boolean dryRun) throws SpecException {
    CampaignSpec spec = spec(campaign);
    Map<String, RepoOutcome> latest = store.latestOutcomes(campaign);
    Set<String> selected = Set.copyOf(spec.repositories().apply(inventory.list()).stream().map(RepoRef::name).toList());
    List<Closing> result = new ArrayList<>();
    for (PullRequestRecord pr : store.pullRequests(campaign)) {
      if (!"OPEN".equals(pr.state())) {
        continue;
      }
      String reason = all ? "the campaign is being closed" : reasonToClose(pr.repository(), selected, latest.get(pr.repository()));
      if (reason == null) {
        continue;
      }
      if (dryRun) {
        result.add(new Closing(pr, reason, false, null));
        continue;
      }
      String comment = "Closed by Fleet Migrate (campaign `" + campaign + "`): " + reason + ". The branch `" + pr.branch()
          + "` is left in place.";
      try {
        if (pr.host().equals(GitHubCodeHost.ID)) {
          github.close(pr, repo(pr), spec.codeHost(), comment);
        }
        store.savePullRequest(new PullRequestRecord(pr.campaign(), pr.repository(), pr.host(), pr.number(), pr.url(), pr.branch(),
            pr.baseBranch(), pr.title(), pr.body(), "CLOSED", pr.headCommit(), null, pr.createdAt(), OffsetDateTime.now(ZoneOffset.UTC)));
        result.add(new Closing(pr, reason, true, null));
      } catch (CodeHostException e) {
        result.add(new Closing(pr, reason, false, e.getMessage()));
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
    String yaml = store.specYaml(campaign).orElseThrow(() -> new SpecException("no campaign named '" + campaign + "'"));
    return CampaignSpecReader.parse(yaml, "the spec campaign " + campaign + " last ran with");
  }

  private CampaignSpec.CodeHost settings(String campaign) throws SpecException {
    return spec(campaign).codeHost();
  }
}
