package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.PullRequestStore.PullRequestRecord;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * Where changes are proposed: pushes the campaign branch and opens or updates its pull request.
 * Implementations are idempotent: a re-run finds the existing pull request by its branch, and
 * never overwrites commits a person pushed to that branch.
 */
public interface CodeHost {
  /** The name used in specs and the store ({@code local}, {@code github}). */
  String id();

  Delivery deliver(DeliveryRequest request) throws CodeHostException;

  /** What the host says about the pull request {@code pr} now (state, draft, review decision, checks). */
  PullRequestState state(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException;

  /**
   * Only whether the pull request {@code pr} is {@code OPEN}, {@code CLOSED} or {@code MERGED} on the
   * host now, as cheaply as the host allows (a re-run asks it for every repository it would reuse).
   */
  String openness(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException;


  /**
   * Closes the pull request {@code pr} with {@code comment} (the branch is left in place), when the
   * host still has it open: only the host's own state says whether there is anything to close.
   *
   * @return what happened: closed now, or the state the host already had it in (nothing done)
   */
  Closed close(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String comment) throws CodeHostException;

  /**
   * What {@link #close} did.
   *
   * @param closedNow whether this call closed it
   * @param state the pull request's state on the host afterwards ({@code CLOSED} or {@code MERGED})
   */
  record Closed(boolean closedNow, String state) {}

  /** Marks the draft pull request {@code pr} ready for review. */
  default void markReady(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException {
    throw new CodeHostException("code host '" + id() + "' has no draft pull requests to mark ready");
  }

  /**
   * Merges the pull request {@code pr} through the host's API, only if its head is still
   * {@code headCommit} (the commit whose checks and reviews were seen).
   */
  default void merge(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String headCommit) throws CodeHostException {
    throw new CodeHostException("code host '" + id() + "' does not merge pull requests through Fleet");
  }

  /** What {@link #enableAutoMerge} found or did. */
  enum AutoMerge {
    /** Turned on now: the host merges once its own rules (required checks and reviews) are met. */
    ENABLED_NOW,
    /** It was on already. */
    ALREADY_ENABLED,
    /** The host or the repository has no auto-merge: Fleet merges through the API once checks are green and it is approved. */
    NOT_ALLOWED
  }

  /**
   * Turns on the host's own auto-merge for the pull request {@code pr}, at {@code headCommit} only,
   * when the repository allows it.
   */
  default AutoMerge enableAutoMerge(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String headCommit)
      throws CodeHostException {
    return AutoMerge.NOT_ALLOWED;
  }

  /** Adds {@code body} as a comment to the pull request {@code pr}. */
  default void comment(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String body) throws CodeHostException {
    throw new CodeHostException("code host '" + id() + "' takes no comments from Fleet");
  }

  /** Credentials git needs to clone {@code cloneUrl} from this host ({@code null}: none, or not for that URL). */
  default @Nullable CredentialsProvider cloneCredentials(CampaignSpec.CodeHost settings, String cloneUrl) throws CodeHostException {
    return null;
  }
}
