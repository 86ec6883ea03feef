package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStore.PullRequestRecord;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The embedded code host: the origin is a git repository on disk; the campaign branch is pushed
 * there with JGit and the pull request is a row in the store (number, title, body, branch, state).
 *
 * <p>Never overwrites a person's commits: pushes carry a lease on the branch tip we last pushed, and
 * a branch whose tip is not ours is reported {@code HUMAN_EDITED} and left alone. The pull request
 * row is written in its own transaction before the push (with the commit being pushed) and after
 * it, so a crash in between cannot make our own push look like a person's.
 */
@Component
public class LocalCodeHost implements CodeHost {
  public static final String ID = "local";
  private final CampaignStore store;
  /** The workspace's own remote: the repository on disk it was cloned from. */
  private static final BranchDelivery.Remote ORIGIN = new BranchDelivery.Remote("origin", null, 0, "origin", "origin");
  private final BranchDelivery delivery;

  public LocalCodeHost(CampaignStore store, PlatformTransactionManager transactions) {
    this.store = store;
    this.delivery = new BranchDelivery(store, transactions);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Delivery deliver(DeliveryRequest request) throws CodeHostException {
    String branch = request.workspace().branch();
    try {
      return delivery.deliver(request, ID, ORIGIN, new BranchDelivery.Proposal() {
        @Override
        public Optional<Delivery> decline(Optional<PullRequestRecord> existing, @Nullable ObjectId remoteTip) {
          // The row is the pull request: closed there means a person closed it, as on GitHub.
          if (remoteTip != null && existing.isPresent() && existing.get().state() == PullRequestStatus.CLOSED) {
            return Optional.of(BranchDelivery.closedWithoutMerging(existing.get().number(), remoteTip.name(), branch));
          }
          return Optional.empty();
        }

        @Override
        public int firstNumber() {
          return store.pullRequests().nextLocalPrNumber(request.repo().name());
        }

        /** The row is the pull request: opened when first confirmed, updated after. */
        @Override
        public BranchDelivery.Proposed propose(PullRequestRecord pr, boolean announced, boolean pushed, String tip) {
          if (!announced) {
            return new BranchDelivery.Proposed(OutcomeStatus.PR_OPENED, pr.number(), pr.url(),
                "pull request #" + pr.number() + " opened from " + branch);
          }
          return new BranchDelivery.Proposed(OutcomeStatus.PR_UPDATED, pr.number(), pr.url(), pushed
              ? "pull request #" + pr.number() + " updated with a new result"
              : "pull request #" + pr.number() + " is open and already holds this change");
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CodeHostException("interrupted while pushing " + branch, e);
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new CodeHostException("push of " + branch + " to " + request.repo().cloneUrl() + " failed: " + e.getMessage(), e);
    }
  }

  /** The store is this host: its row is the pull request's state (no reviews or checks here). */
  @Override
  public PullRequestState state(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) {
    return new PullRequestState(pr.state().name(), false, "NONE", "none", pr.headCommit());
  }

  @Override
  public String openness(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) {
    return pr.state().name();
  }

  /** Closing is the row's new state, which the caller records; one that is not open is left as it is. */
  @Override
  public Closed close(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String comment) {
    return pr.state() == PullRequestStatus.OPEN ? new Closed(true, "CLOSED") : new Closed(false, pr.state().name());
  }
}
