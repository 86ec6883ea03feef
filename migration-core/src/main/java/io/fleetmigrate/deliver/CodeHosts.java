package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.deliver.github.GitHubCodeHost;
import io.fleetmigrate.deliver.gitlab.GitLabCodeHost;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.PullRequestStore.PullRequestRecord;
import org.eclipse.jgit.transport.CredentialsProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The code host a campaign's spec names ({@code codeHost.type}: {@code local}, {@code github} or
 * {@code gitlab}). A pull request already recorded goes to the host its row names.
 */
@Component
@Primary
public class CodeHosts implements CodeHost {
  private final Map<String, CodeHost> hosts = new LinkedHashMap<>();

  @Autowired
  public CodeHosts(LocalCodeHost local, GitHubCodeHost github, GitLabCodeHost gitlab) {
    this((CodeHost) local, github, gitlab);
  }

  /** The hosts {@code hosts}, each known by its {@link CodeHost#id()}. */
  public CodeHosts(CodeHost... hosts) {
    for (CodeHost host : hosts) {
      this.hosts.put(host.id(), host);
    }
  }

  @Override
  public String id() {
    return "hosts";
  }

  /** The host of {@code settings}. */
  private CodeHost of(CampaignSpec.CodeHost settings) throws CodeHostException {
    CodeHost host = hosts.get(settings.type());
    if (host == null) {
      throw new CodeHostException("code host '" + settings.type() + "' is not set up here (known: " + String.join(", ", hosts.keySet()) + ")");
    }
    return host;
  }

  /** The host a pull request row was opened on. */
  private CodeHost of(PullRequestRecord pr) throws CodeHostException {
    CodeHost host = hosts.get(pr.host());
    if (host == null) {
      throw new CodeHostException("pull request #" + pr.number() + " of " + pr.repository() + " was opened on code host '"
          + pr.host() + "', which this version does not know");
    }
    return host;
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
  public void markReady(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException {
    of(pr).markReady(pr, repo, settings);
  }

  @Override
  public void merge(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String headCommit) throws CodeHostException {
    of(pr).merge(pr, repo, settings, headCommit);
  }

  @Override
  public AutoMerge enableAutoMerge(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String headCommit)
      throws CodeHostException {
    return of(pr).enableAutoMerge(pr, repo, settings, headCommit);
  }

  @Override
  public void comment(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String body) throws CodeHostException {
    of(pr).comment(pr, repo, settings, body);
  }

  @Override
  public @Nullable CredentialsProvider cloneCredentials(CampaignSpec.CodeHost settings, String cloneUrl) throws CodeHostException {
    return of(settings).cloneCredentials(settings, cloneUrl);
  }
}
