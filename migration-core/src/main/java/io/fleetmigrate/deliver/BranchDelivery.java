package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStore.PullRequestRecord;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery protocol, written once for every code host:
 *
 * <ol>
 *   <li>the campaign branch's tip on the remote: a tip this campaign did not push (a person's
 *       commit) means {@code HUMAN_EDITED}, and nothing is touched;
 *   <li>the host may decline on what it knows ({@link Proposal#decline}: a pull request a person
 *       closed without merging);
 *   <li>when the result's tree differs from the tip's: a pending row naming the commit being
 *       pushed, in a transaction of its own (a crash after the push must still know the new tip is
 *       ours), then a push leased on the tip seen, so a commit pushed meanwhile is never
 *       overwritten;
 *   <li>the host finds, creates or updates its pull request ({@link Proposal#propose}), and the
 *       row is written {@code OPEN} with the tip.
 * </ol>
 *
 * A host supplies the remote (URL, credentials) and a {@link Proposal} for its pull requests.
 */
public class BranchDelivery {
  private final CampaignStore store;
  private final TransactionTemplate ownTransaction;

  public BranchDelivery(CampaignStore store, PlatformTransactionManager transactions) {
    this.store = store;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Where the branch goes.
   *
   * @param url a URL, or the name of a remote of the workspace ({@code origin})
   * @param credentials for git, never in the URL ({@code null}: none)
   * @param timeoutSeconds git's transport timeout (0: none)
   * @param name how the remote is named in reasons ({@code origin}, {@code acme/billing})
   * @param trackingName the remote-tracking namespace a fetched tip is kept under ({@code refs/remotes/NAME/...})
   */
  public record Remote(String url, @Nullable CredentialsProvider credentials, int timeoutSeconds, String name, String trackingName) {}

  /** A host's part of one delivery: its pull request. */
  public interface Proposal {
    /** A delivery that ends here on what the host knows (the branch is ours), or empty to go on. */
    Optional<Delivery> decline(Optional<PullRequestRecord> existing, @Nullable ObjectId remoteTip)
        throws IOException, InterruptedException, CodeHostException;

    /** The number a first row gets before the pull request is created (0: not known yet). */
    int firstNumber();

    /** Runs {@code push}; a host may space it out or read its failures. */
    default void push(Push push) throws IOException, InterruptedException, GitAPIException, CodeHostException {
      push.run();
    }

    /**
     * Finds, creates or updates the pull request of {@code pr}, whose branch now points at {@code tip}.
     *
     * @param announced whether an earlier delivery confirmed the pull request (its row is not {@code PENDING})
     * @param pushed whether this delivery pushed a new commit
     */
    Proposed propose(PullRequestRecord pr, boolean announced, boolean pushed, String tip)
        throws IOException, InterruptedException, CodeHostException;
  }

  /** The leased push itself. */
  @FunctionalInterface
  public interface Push {
    void run() throws GitAPIException, CodeHostException;
  }

  /** What {@link Proposal#propose} did: the outcome, and the pull request's number and web address. */
  public record Proposed(OutcomeStatus status, int number, @Nullable String url, String reason) {}

  /**
   * Our pull request was closed without merging and its branch kept: someone decided. Opening
   * (or reopening) it each run would be spam; deleting the branch says "start over". Every host
   * declines such a repository with this.
   */
  public static Delivery closedWithoutMerging(int number, String tip, String branch) {
    return new Delivery(OutcomeStatus.HUMAN_EDITED, number, tip,
        "pull request #" + number + " was closed without merging; not reopened (delete branch " + branch
            + " to start this repository over)");
  }

  /** Delivers {@code request} to {@code remote}, with {@code proposal} for the host's pull request. */
  public Delivery deliver(DeliveryRequest request, String hostId, Remote remote, Proposal proposal)
      throws IOException, InterruptedException, GitAPIException, CodeHostException {
    Git git = request.workspace().git();
    String branch = request.workspace().branch();
    String ref = "refs/heads/" + branch;
    Optional<PullRequestRecord> existing = store.pullRequests().find(request.campaign(), request.repo().name());

    ObjectId remoteTip = remoteTip(git, remote, ref);
    if (remoteTip != null && (existing.isEmpty() || !existing.get().pushed(remoteTip.name()))) {
      return new Delivery(
          OutcomeStatus.HUMAN_EDITED, existing.map(PullRequestRecord::number).filter(n -> n > 0).orElse(null), remoteTip.name(),
          "branch " + branch + " on " + remote.name() + " has commits this campaign did not push ("
              + remoteTip.name().substring(0, 8) + "); left alone");
    }
    Optional<Delivery> declined = proposal.decline(existing, remoteTip);
    if (declined.isPresent()) {
      return declined.get();
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    PullRequestRecord pr = existing.orElseGet(() -> new PullRequestRecord(
        request.campaign(), request.repo().name(), hostId, proposal.firstNumber(), null, branch,
        request.workspace().baseBranch(), request.title(), request.body(), PullRequestStatus.PENDING, request.commit(), null, now, now));

    boolean pushed = false;
    String tip = remoteTip == null ? request.commit() : remoteTip.name();
    if (remoteTip == null || !sameTree(git, remote, ref, remoteTip, ObjectId.fromString(request.commit()))) {
      // Recorded first: a crash after the push must still know the new tip is ours. The title and body stay
      // the last ones written until the pull request has the new ones.
      save(with(pr, pr.title(), pr.body(), pr.state(), remoteTip == null ? pr.headCommit() : remoteTip.name(), request.commit(),
          pr.number(), pr.url()));
      proposal.push(() -> push(git, remote, branch, remoteTip));
      tip = request.commit();
      pushed = true;
    }
    // A row still PENDING was never confirmed: the host's proposal finishes what a crashed attempt began.
    boolean announced = existing.isPresent() && existing.get().state() != PullRequestStatus.PENDING;
    Proposed proposed = proposal.propose(pr, announced, pushed, tip);
    saveOpen(pr, request, tip, proposed.number(), proposed.url());
    return new Delivery(proposed.status(), proposed.number(), tip, proposed.reason());
  }

  /** Writes {@code pr} as open with the request's title and body, at {@code tip}, in a transaction of its own. */
  public void saveOpen(PullRequestRecord pr, DeliveryRequest request, String tip, int number, @Nullable String url) {
    save(with(pr, request.title(), request.body(), PullRequestStatus.OPEN, tip, null, number, url));
  }

  private void save(PullRequestRecord pr) {
    ownTransaction.executeWithoutResult(status -> store.pullRequests().save(pr));
  }

  private static PullRequestRecord with(PullRequestRecord pr, String title, String body, PullRequestStatus state, String head,
      @Nullable String pending, int number, @Nullable String url) {
    return new PullRequestRecord(
        pr.campaign(), pr.repository(), pr.host(), number, url, pr.branch(), pr.baseBranch(), title, body, state,
        head, pending, pr.createdAt(), OffsetDateTime.now(ZoneOffset.UTC));
  }

  private static @Nullable ObjectId remoteTip(Git git, Remote remote, String ref) throws GitAPIException {
    for (Ref r : git.lsRemote().setRemote(remote.url()).setTimeout(remote.timeoutSeconds()).setHeads(true)
        .setCredentialsProvider(remote.credentials()).call()) {
      if (r.getName().equals(ref)) {
        return r.getObjectId();
      }
    }
    return null;
  }

  private static boolean sameTree(Git git, Remote remote, String ref, ObjectId remoteTip, ObjectId ours)
      throws GitAPIException, IOException {
    String branch = ref.substring("refs/heads/".length());
    git.fetch().setRemote(remote.url()).setTimeout(remote.timeoutSeconds()).setCredentialsProvider(remote.credentials())
        .setRefSpecs(new RefSpec("+" + ref + ":refs/remotes/" + remote.trackingName() + "/" + branch)).call();
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      return walk.parseCommit(remoteTip).getTree().equals(walk.parseCommit(ours).getTree());
    }
  }

  /** Pushes the branch, leased on {@code expectedTip} (none: the branch must not exist yet). */
  private static void push(Git git, Remote remote, String branch, @Nullable ObjectId expectedTip)
      throws GitAPIException, CodeHostException {
    String ref = "refs/heads/" + branch;
    String expected = expectedTip == null ? ObjectId.zeroId().name() : expectedTip.name();
    Iterable<PushResult> results = git.push()
        .setRemote(remote.url())
        .setTimeout(remote.timeoutSeconds())
        .setCredentialsProvider(remote.credentials())
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
            throw new CodeHostException("branch " + branch + " changed on " + remote.name() + " while we pushed; not overwritten");
        default ->
            throw new CodeHostException("push of " + branch + " to " + remote.name() + " rejected: " + update.getStatus()
                + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
      }
    }
  }
}
