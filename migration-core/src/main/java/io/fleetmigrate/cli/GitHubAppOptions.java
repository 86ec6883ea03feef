package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.campaign.CampaignSpec;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The GitHub App to act as, for commands that call GitHub outside a campaign (the inventory's import and sync). */
final class GitHubAppOptions {
  @Option(names = "--app-id", paramLabel = "ID",
      description = "Act as this GitHub App (an installation token per owner) instead of with a token.")
  @Nullable Long appId;

  @Option(names = "--app-key-file", paramLabel = "FILE",
      description = "The App's private key (PEM); default: the file FLEET_GITHUB_APP_KEY_FILE names. Never the key itself.")
  @Nullable Path appKeyFile;

  @Option(names = "--app-installation", paramLabel = "auto|ID", defaultValue = "auto",
      description = "The App's installation: auto (the one on the owner, default) or its id.")
  String appInstallation = "auto";

  /** The App these options name, or {@code null} when {@code --app-id} is not given. */
  CampaignSpec.@Nullable App app(@Nullable Path tokenFile) throws CampaignException {
    if (appId == null) {
      if (appKeyFile != null) {
        throw new CampaignException("--app-key-file needs --app-id");
      }
      return null;
    }
    if (tokenFile != null) {
      throw new CampaignException("give either --token-file or --app-id, not both");
    }
    if (appId < 1) {
      throw new CampaignException("--app-id must be the App's numeric id, not " + appId);
    }
    Long id;
    try {
      id = CampaignSpec.App.installation(appInstallation);
    } catch (IllegalArgumentException e) {
      throw new CampaignException("--app-installation is " + e.getMessage());
    }
    return new CampaignSpec.App(appId, appKeyFile == null ? null : appKeyFile.toString(), id);
  }
}
