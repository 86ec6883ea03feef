package io.fleetmigrate.cli.doctor;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.deliver.github.GitHubConnections;
import io.fleetmigrate.deliver.gitlab.GitLabConnections;
import io.fleetmigrate.deliver.gitlab.GitLabToken;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The spec's code host: the token found and accepted by the check a run makes before it starts,
 * GitHub's ({@code GET /rate_limit}) or GitLab's ({@code GET /user}); a local code host needs none.
 */
public record CodeHostCheck(
    @Nullable Path spec, Callable<GitHubConnections> github, Callable<GitLabConnections> gitlab) implements Check {
  @Override
  public String name() {
    return "code-host";
  }

  @Override
  public Finding run() {
    if (spec == null) {
      return Finding.noSpec(name());
    }
    CampaignSpec.CodeHost host;
    try {
      host = CampaignSpecReader.read(spec).codeHost();
    } catch (Exception e) {
      return Finding.missing(name(), e.getMessage(), "fix the spec where the message says (file, line and column)");
    }
    if (host.gitlab()) {
      try {
        gitlab.call().checkBeforeRun(host, false);
        return Finding.ok(name(), "GitLab at " + host.apiUrl() + " accepts the token");
      } catch (Exception e) {
        return Finding.missing(name(), e.getMessage(),
            "set " + GitLabToken.ENV + " (or codeHost.tokenFile) to a token GitLab accepts, and check codeHost.apiUrl");
      }
    }
    if (!host.github()) {
      return Finding.ok(name(), "local: pull requests are recorded in the data directory, no token needed");
    }
    try {
      github.call().checkBeforeRun(host, false);
      return Finding.ok(name(), "GitHub at " + host.apiUrl() + " accepts the token");
    } catch (Exception e) {
      return Finding.missing(name(), e.getMessage(),
          "set FLEET_GITHUB_TOKEN or GITHUB_TOKEN (or codeHost.tokenFile) to a token GitHub accepts, and check codeHost.apiUrl");
    }
  }
}
