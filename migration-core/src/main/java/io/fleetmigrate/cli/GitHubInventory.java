package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.github.GitHubConnections;
import io.fleetmigrate.inventory.GitHubImporter;
import io.fleetmigrate.inventory.GitHubSource;
import io.fleetmigrate.inventory.InventoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;

/** One GitHub import, shared by {@code inventory import github} and {@code inventory sync}. */
final class GitHubInventory {
  private GitHubInventory() {}

  static int importAndPrint(FleetCommand fleet, GitHubSource source, @Nullable Path tokenFile, PrintWriter out)
      throws CodeHostException, CampaignException, DataDirException, DataDirBusyException {
    CampaignSpec.CodeHost settings = new CampaignSpec.CodeHost(
        "github", source.apiUrl(), tokenFile == null ? null : tokenFile.toString(), "auto", Duration.ofSeconds(1), 500);
    GitHubConnections connections = fleet.bean(GitHubConnections.class);
    GitHub gh = connections.client(settings, connections.token(settings));
    List<GitHubImporter.Imported> imported;
    String who = (source.user() ? "user " : "organisation ") + source.owner();
    try {
      imported = GitHubImporter.list(gh, source);
    } catch (GHFileNotFoundException e) {
      throw new CampaignException("GitHub at " + source.apiUrl() + " has no " + who + " (404), or the token cannot see it");
    } catch (HttpException e) {
      if (e.getResponseCode() == 401) {
        throw new CodeHostException("GitHub at " + source.apiUrl() + " refused the token (401 Bad credentials): check "
            + "FLEET_GITHUB_TOKEN / GITHUB_TOKEN or --token-file", e);
      }
      throw new CodeHostException("GitHub answered " + e.getResponseCode() + " while listing the " + who, e);
    } catch (IOException e) {
      throw new CodeHostException("listing the " + who + " on GitHub failed: " + e.getMessage(), e);
    }
    Map<String, InventoryStore.Facts> facts =
        imported.stream().collect(Collectors.toMap(i -> i.repo().name(), GitHubImporter.Imported::facts));
    InventoryStore.SyncResult result =
        fleet.bean(InventoryStore.class).sync(source.source(), imported.stream().map(GitHubImporter.Imported::repo).toList(), facts);
    out.printf("Imported %d repositories of GitHub %s: %d new, %d updated, %d unchanged, %d vanished.%n",
        result.imported().total(), who, result.imported().added(), result.imported().updated(), result.imported().unchanged(),
        result.vanished());
    out.flush();
    return ExitCode.OK.code();
  }
}
