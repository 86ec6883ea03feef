package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.deliver.github.GitHubCodeHost;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/** The code host a campaign's spec names ({@code codeHost.type}): {@code local} unless it says {@code github}. */
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

  @Override
  public Delivery deliver(DeliveryRequest request) throws CodeHostException {
    return request.host().github() ? github.deliver(request) : local.deliver(request);
  }

  @Override
  public @Nullable CredentialsProvider cloneCredentials(CampaignSpec.CodeHost settings, String cloneUrl) throws CodeHostException {
    return settings.github() ? github.cloneCredentials(settings, cloneUrl) : null;
  }
}
