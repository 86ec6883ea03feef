package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.CampaignStore.PullRequestRecord;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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
  private final TransactionTemplate ownTransaction;

  public LocalCodeHost(CampaignStore store, PlatformTransactionManager transactions) {
    this.store = store;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Delivery deliver(DeliveryRequest request) throws CodeHostException {
    Git git = request.workspace().git();
    String branch = request.workspace().branch();
    String ref = "refs/heads/" + branch;
    Optional<PullRequestRecord> existing = store.pullRequest(request.campaign(), request.repo().name());
    try {
      ObjectId remoteTip = remoteTip(git, ref);
      if (remoteTip != null && (existing.isEmpty() || !existing.get().pushed(remoteTip.name()))) {
        return new Delivery(
            OutcomeStatus.HUMAN_EDITED,
            existing.map(PullRequestRecord::number).orElse(null),
            remoteTip.name(),
            "branch " + branch + " on origin has commits this campaign did not push (" + remoteTip.name().substring(0, 8)
                + "); left alone");
      }
      boolean announced = existing.isPresent() && !"PENDING".equals(existing.get().state());
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      PullRequestRecord pr =
          existing.orElseGet(
              () ->
                  new PullRequestRecord(
                      request.campaign(), request.repo().name(), ID, store.nextLocalPrNumber(request.repo().name()), null,
                      branch, request.workspace().baseBranch(), request.title(), request.body(), "PENDING",
                      request.commit(), null, now, now));

      if (remoteTip != null && sameTree(git, ref, remoteTip, ObjectId.fromString(request.commit()))) {
        save(with(pr, request, "OPEN", remoteTip.name(), null));
        return announced
            ? new Delivery(OutcomeStatus.PR_UPDATED, pr.number(), remoteTip.name(), "pull request #" + pr.number() + " is open and already holds this change")
            : new Delivery(OutcomeStatus.PR_OPENED, pr.number(), remoteTip.name(), "pull request #" + pr.number() + " opened from " + branch);
      }
      String headBefore = remoteTip == null ? pr.headCommit() : remoteTip.name();
      save(with(pr, request, announced ? pr.state() : "PENDING", headBefore, request.commit()));
      push(git, branch, remoteTip);
      save(with(pr, request, "OPEN", request.commit(), null));
      return announced
          ? new Delivery(OutcomeStatus.PR_UPDATED, pr.number(), request.commit(), "pull request #" + pr.number() + " updated with a new result")
          : new Delivery(OutcomeStatus.PR_OPENED, pr.number(), request.commit(), "pull request #" + pr.number() + " opened from " + branch);
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new CodeHostException("push of " + branch + " to " + request.repo().cloneUrl() + " failed: " + e.getMessage(), e);
    }
  }

  /** The store is this host: its row is the pull request's state (no reviews or checks here). */
  @Override
  public PullRequestState state(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) {
    return new PullRequestState(pr.state(), false, "NONE", "none", pr.headCommit());
  }

  /** Closing is the row's new state, which the caller records; one that is not open is left as it is. */
  @Override
  public Closed close(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String comment) {
    return "OPEN".equals(pr.state()) ? new Closed(true, "CLOSED") : new Closed(false, pr.state());
  }

  private void save(PullRequestRecord pr) {
    ownTransaction.executeWithoutResult(status -> store.savePullRequest(pr));
  }

  private static PullRequestRecord with(
      PullRequestRecord pr, DeliveryRequest request, String state, String head, @Nullable String pending) {
    return new PullRequestRecord(
        pr.campaign(), pr.repository(), pr.host(), pr.number(), pr.url(), pr.branch(), pr.baseBranch(), request.title(),
        request.body(), state, head, pending, pr.createdAt(), OffsetDateTime.now(ZoneOffset.UTC));
  }

  private static @Nullable ObjectId remoteTip(Git git, String ref) throws GitAPIException {
    for (Ref r : git.lsRemote().setRemote("origin").setHeads(true).call()) {
      if (r.getName().equals(ref)) {
        return r.getObjectId();
      }
    }
    return null;
  }

  private static boolean sameTree(Git git, String ref, ObjectId remoteTip, ObjectId ours) throws GitAPIException, IOException {
    String branch = ref.substring("refs/heads/".length());
    git.fetch().setRemote("origin").setRefSpecs(new RefSpec("+" + ref + ":refs/remotes/origin/" + branch)).call();
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      return walk.parseCommit(remoteTip).getTree().equals(walk.parseCommit(ours).getTree());
    }
  }

  private static void push(Git git, String branch, @Nullable ObjectId expectedTip) throws GitAPIException, CodeHostException {
    String ref = "refs/heads/" + branch;
    String expected = expectedTip == null ? ObjectId.zeroId().name() : expectedTip.name();
    Iterable<PushResult> results =
        git.push()
            .setRemote("origin")
            .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
            .setRefLeaseSpecs(new RefLeaseSpec(ref, expected))
            .call();
    for (PushResult result : results) {
      RemoteRefUpdate update = result.getRemoteUpdate(ref);
      if (update == null) {
        continue;
      }
      switch (update.getStatus()) {
        case OK, UP_TO_DATE -> {}
        case REJECTED_REMOTE_CHANGED ->
            throw new CodeHostException("branch " + branch + " changed on origin while we pushed; not overwritten");
        default ->
            throw new CodeHostException(
                "push of " + branch + " rejected: " + update.getStatus() + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
      }
    }
  }
}
