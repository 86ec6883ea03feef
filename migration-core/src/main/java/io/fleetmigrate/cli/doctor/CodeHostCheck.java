package io.fleetmigrate.cli.doctor;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.deliver.github.GitHubConnections;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/** The spec's code host: for GitHub, the token found and accepted by one API call ({@code GET /rate_limit}). */
public record CodeHostCheck(@Nullable Path spec, Callable<GitHubConnections> connections) implements Check {
  @Override
  public String name() {
    return "code-host";
  }

  @Override
  public Finding run() {
    if (spec == null) {
      return Finding.noSpec(name());
    }
    try {
      CampaignSpec.CodeHost host = CampaignSpecReader.read(spec).codeHost();
      if (!host.github()) {
        return Finding.ok(name(), "local: pull requests are recorded in the data directory, no token needed");
      }
      connections.call().checkBeforeRun(spec, false);
      return Finding.ok(name(), "GitHub at " + host.apiUrl() + " accepts the token");
    } catch (Exception e) {
      return Finding.missing(name(), e.getMessage(),
          "set FLEET_GITHUB_TOKEN or GITHUB_TOKEN (or codeHost.tokenFile) to a token GitHub accepts, and check codeHost.apiUrl");
    }
  }
}
