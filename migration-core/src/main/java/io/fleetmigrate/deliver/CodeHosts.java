package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.deliver.github.GitHubCodeHost;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore.PullRequestRecord;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The code host a campaign's spec names ({@code codeHost.type}): {@code local} unless it says
 * {@code github}. A pull request already recorded goes to the host its row names.
 */
@Component
@Primary
public class CodeHosts implements CodeHost {
  private final LocalCodeHost local;
  private final GitHubCodeHost github;

  public CodeHosts(LocalCodeHost local, GitHubCodeHost github) {
    this.local = local;
    this.github = github;
  }

  @Override
  public String id() {
    return "hosts";
  }

  /** The host of {@code settings}. */
  private CodeHost of(CampaignSpec.CodeHost settings) {
    return settings.github() ? github : local;
  }

  /** The host a pull request row was opened on. */
  private CodeHost of(PullRequestRecord pr) throws CodeHostException {
    if (pr.host().equals(github.id())) {
      return github;
    }
    if (pr.host().equals(local.id())) {
      return local;
    }
    throw new CodeHostException("pull request #" + pr.number() + " of " + pr.repository() + " was opened on code host '"
        + pr.host() + "', which this version does not know");
  }

  @Override
  public Delivery deliver(DeliveryRequest request) throws CodeHostException {
    return of(request.host()).deliver(request);
  }

  @Override
  public PullRequestState state(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException {
    return of(pr).state(pr, repo, settings);
  }

  @Override
  public String openness(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException {
    return of(pr).openness(pr, repo, settings);
  }

  @Override
  public Closed close(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String comment) throws CodeHostException {
    return of(pr).close(pr, repo, settings, comment);
  }

  @Override
  public @Nullable CredentialsProvider cloneCredentials(CampaignSpec.CodeHost settings, String cloneUrl) throws CodeHostException {
    return of(settings).cloneCredentials(settings, cloneUrl);
  }
}
