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

  /** Imports {@code source} with the token (from {@code tokenFile} or the environment), or as {@code app} when given. */
  static int importAndPrint(FleetCommand fleet, GitHubSource source, @Nullable Path tokenFile, CampaignSpec.@Nullable App app,
      PrintWriter out)
      throws CodeHostException, CampaignException, DataDirException, DataDirBusyException {
    String problem = io.fleetmigrate.campaign.CampaignSpecReader.apiUrlProblem(source.apiUrl());
    if (problem != null) {
      throw new CampaignException("the GitHub API URL " + problem);
    }
    CampaignSpec.CodeHost settings = new CampaignSpec.CodeHost(
        "github", source.apiUrl(), tokenFile == null ? null : tokenFile.toString(), "auto", Duration.ofSeconds(1), 500, app);
    GitHubConnections connections = fleet.bean(GitHubConnections.class);
    GitHub gh = connections.client(settings,
        app != null ? connections.tokenFor(settings, source.owner()) : connections.token(settings, "--token-file"));
    List<GitHubImporter.Imported> imported;
    String who = (source.user() ? "user " : "organisation ") + source.owner();
    try {
      imported = GitHubImporter.list(gh, source);
    } catch (IOException e) {
      throw failure(e, source, who);
    } catch (org.kohsuke.github.GHException e) {
      // Paged listings wrap the IOException of a later page in this unchecked one.
      if (e.getCause() instanceof IOException io) {
        throw failure(io, source, who);
      }
      throw e;
    }
    return print(fleet, source, imported, who, out);
  }

  /** Throws the failure {@code e} means; declared to return so callers can write {@code throw failure(...)}. */
  private static RuntimeException failure(IOException e, GitHubSource source, String who) throws CodeHostException, CampaignException {
    if (e instanceof GHFileNotFoundException) {
      throw new CampaignException("GitHub at " + source.apiUrl() + " has no " + who + " (404), or the token cannot see it");
    }
    if (e instanceof HttpException http && http.getResponseCode() == 401) {
      throw new CodeHostException("GitHub at " + source.apiUrl() + " refused the token (401 Bad credentials): check "
          + "FLEET_GITHUB_TOKEN / GITHUB_TOKEN or --token-file", e);
    }
    if (e instanceof HttpException http && http.getResponseCode() >= 0) {
      throw new CodeHostException("GitHub answered " + http.getResponseCode() + " while listing the " + who, e);
    }
    // No HTTP answer at all: the host is unknown, refuses connections or times out.
    throw new CodeHostException("cannot reach " + source.apiUrl() + ": " + cause(e), e);
  }

  /** The innermost cause, as "Type: message", for a failure that had no HTTP answer. */
  private static String cause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage().strip().lines().findFirst().orElse(""));
  }

  private static int print(FleetCommand fleet, GitHubSource source, List<GitHubImporter.Imported> imported, String who, PrintWriter out)
      throws DataDirException, DataDirBusyException {
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
