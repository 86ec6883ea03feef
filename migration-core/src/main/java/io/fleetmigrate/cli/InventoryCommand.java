package io.fleetmigrate.cli;

import io.fleetmigrate.inventory.GitHubSource;
import io.fleetmigrate.inventory.InventoryFiles;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.LocalFolderScanner;
import io.fleetmigrate.inventory.RepoRef;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleet inventory}: the repositories campaigns can touch. */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = "Import and list the repositories of the fleet.",
    subcommands = {InventoryCommand.Import.class, InventoryCommand.ListRepos.class, InventoryCommand.Sync.class})
public class InventoryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      header = "Add repositories to the inventory.",
      description = {
        "Known repositories are updated, none is removed. SOURCE is a CSV file (columns:"
            + " name,clone_url,default_branch,owner,tags), a YAML file (repositories: [{name, url, branch, owner,"
            + " tags}]) or a folder holding git repositories. See docs/getting-started.md, 'Inventory files'.",
        "'import github --org NAME' imports an organisation's repositories from GitHub (see its --help);"
            + " 'import gitlab --group PATH' a GitLab group's projects."
      },
      subcommands = {InventoryCommand.ImportGitHub.class, InventoryCommand.ImportGitLab.class})
  static class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    // Optional only so that 'import github ...' parses; without a subcommand it is required.
    @Parameters(paramLabel = "SOURCE", arity = "0..1", description = "A .csv or .yaml file, or a folder of git repositories.")
    Path source;

    @Override
    public Integer call() throws Exception {
      if (source == null) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'SOURCE'");
      }
      if (!Files.exists(source)) {
        throw new NoSuchFileException(source + ": no such file or folder");
      }
      List<String> skipped = List.of();
      List<RepoRef> repos;
      if (Files.isDirectory(source)) {
        LocalFolderScanner.Found found = LocalFolderScanner.find(source);
        repos = found.repositories();
        skipped = found.skipped();
      } else {
        repos = InventoryFiles.read(source);
      }
      InventoryStore.ImportResult result = FleetCommand.of(spec).bean(InventoryStore.class).upsert(repos);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "Imported %d repositories from %s: %d new, %d updated, %d unchanged.%n",
          result.total(), source, result.added(), result.updated(), result.unchanged());
      if (!skipped.isEmpty()) {
        out.printf("Skipped %d folder%s that %s not a git repository: %s%n", skipped.size(), skipped.size() == 1 ? "" : "s",
            skipped.size() == 1 ? "is" : "are", String.join(", ", skipped));
      }
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "github",
      mixinStandardHelpOptions = true,
      header = "Import an organisation's or a user's repositories from GitHub.",
      description = {
        "Through the GitHub API (github.com, or Enterprise with --api-url). Stores each repository's clone URL, default"
            + " branch, last push time, visibility, language, archived and fork flags; topics become tags (when filtered"
            + " on), the owning team becomes the owner (with --teams). Archived repositories and forks are left out"
            + " unless asked for. Repositories of an earlier import with the same filters that are gone are marked"
            + " vanished, never deleted; 'inventory sync' runs the import again.",
        "The token comes from FLEET_GITHUB_TOKEN or GITHUB_TOKEN, or from the file FLEET_GITHUB_TOKEN_FILE or"
            + " --token-file names; never from an argument. With --app-id, a GitHub App's installation token on the"
            + " owner is used instead (its key from --app-key-file or FLEET_GITHUB_APP_KEY_FILE)."
      })
  static class ImportGitHub implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Owner owner;

    static class Owner {
      @Option(names = "--org", paramLabel = "NAME", description = "An organisation.")
      String org;

      @Option(names = "--user", paramLabel = "NAME", description = "A user's own repositories.")
      String user;
    }

    @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://api.github.com",
        description = "The REST API's root; for Enterprise https://HOST/api/v3 (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the token (instead of the environment).")
    Path tokenFile;

    @picocli.CommandLine.Mixin GitHubAppOptions app = new GitHubAppOptions();

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only repositories with this topic (repeatable: all of them).")
    List<String> topics = new java.util.ArrayList<>();

    @Option(names = "--language", paramLabel = "LANG", description = "Only repositories whose main language is LANG (e.g. Java).")
    String language;

    @Option(names = "--name", paramLabel = "GLOB", description = "Only repositories whose name matches GLOB (* and ?).")
    String name;

    @Option(names = "--visibility", paramLabel = "V", description = "Only public, private or internal repositories.")
    String visibility;

    @Option(names = "--archived", description = "Include archived repositories.")
    boolean archived;

    @Option(names = "--forks", description = "Include forks.")
    boolean forks;

    @Option(names = "--teams", description = "Look up each repository's owning team (one more API call per repository).")
    boolean teams;

    @Override
    public Integer call() throws Exception {
      String problem = io.fleetmigrate.campaign.CampaignSpecReader.apiUrlProblem(apiUrl.strip().replaceAll("/+$", ""));
      if (problem != null) {
        throw new io.fleetmigrate.campaign.CampaignException("--api-url " + problem);
      }
      GitHubSource source;
      try {
        source = new GitHubSource(owner.org != null ? owner.org : owner.user, owner.user != null, apiUrl.strip().replaceAll("/+$", ""), topics,
            language, name, archived, forks, visibility == null ? null : visibility.toLowerCase(java.util.Locale.ROOT), teams);
      } catch (IllegalArgumentException e) {
        throw new io.fleetmigrate.campaign.CampaignException(e.getMessage());
      }
      return GitHubInventory.importAndPrint(FleetCommand.of(spec), source, tokenFile, app.app(tokenFile), spec.commandLine().getOut());
    }
  }

  @Command(
      name = "gitlab",
      mixinStandardHelpOptions = true,
      header = "Import a GitLab group's projects.",
      description = {
        "Through GitLab's REST API v4 (gitlab.com, or self-managed with --api-url). Each project is stored under its"
            + " path (group/subgroup/name) with its clone URL, default branch, last activity, visibility, archived and"
            + " fork flags; topics become tags. Archived projects and forks are left out unless asked for. Projects of"
            + " an earlier import with the same filters that are gone are marked vanished, never deleted.",
        "The token comes from FLEET_GITLAB_TOKEN or the file --token-file names; never from an argument."
      })
  static class ImportGitLab implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--group", required = true, paramLabel = "PATH", description = "The group's full path (acme or acme/platform).")
    String group;

    @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://gitlab.com/api/v4",
        description = "The REST API's root; self-managed: https://HOST/api/v4 (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the token (instead of the environment).")
    Path tokenFile;

    @Option(names = "--subgroups", description = "Include the projects of subgroups.")
    boolean subgroups;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only projects with this topic.")
    String topic;

    @Option(names = "--archived", description = "Include archived projects.")
    boolean archived;

    @Option(names = "--forks", description = "Include forks.")
    boolean forks;

    @Override
    public Integer call() throws Exception {
      String url = apiUrl.strip().replaceAll("/+$", "");
      String problem = io.fleetmigrate.deliver.github.GitHubUrls.apiUrlProblem(url);
      if (problem != null) {
        throw new io.fleetmigrate.campaign.CampaignException("--api-url must be GitLab's REST API root over https without"
            + " credentials, e.g. https://gitlab.example.com/api/v4: " + problem);
      }
      io.fleetmigrate.inventory.GitLabSource source;
      try {
        source = new io.fleetmigrate.inventory.GitLabSource(group.strip(), url, subgroups, topic, archived, forks);
      } catch (IllegalArgumentException e) {
        throw new io.fleetmigrate.campaign.CampaignException(e.getMessage());
      }
      importGitLab(FleetCommand.of(spec), source, tokenFile, "--token-file", spec.commandLine().getOut());
      return ExitCode.OK.code();
    }

    /**
     * Imports {@code source} with the token from {@code tokenFile} (the option {@code fileOption} in messages) or
     * {@code FLEET_GITLAB_TOKEN}, and says what changed.
     */
    static void importGitLab(FleetCommand fleet, io.fleetmigrate.inventory.GitLabSource source,
        @org.jspecify.annotations.Nullable Path tokenFile, String fileOption, PrintWriter out) throws Exception {
      String url = source.apiUrl();
      String group = source.group();
      var settings = new io.fleetmigrate.campaign.CampaignSpec.CodeHost(
          "gitlab", url, tokenFile == null ? null : tokenFile.toString(), "never", java.time.Duration.ofSeconds(1), 500);
      var connections = fleet.bean(io.fleetmigrate.deliver.gitlab.GitLabConnections.class);
      List<io.fleetmigrate.deliver.gitlab.GitLabProjects.Imported> imported;
      try {
        imported = io.fleetmigrate.deliver.gitlab.GitLabProjects.list(connections.api(settings, connections.token(settings, fileOption)), source);
      } catch (io.fleetmigrate.deliver.gitlab.GitLabApi.Failure e) {
        if (e.status() == 404) {
          throw new io.fleetmigrate.campaign.CampaignException("GitLab at " + url + " has no group " + group + " (404), or the token cannot see it");
        }
        if (e.status() == 401) {
          throw new io.fleetmigrate.deliver.CodeHostException("GitLab at " + url + " refused the token (401 Unauthorized): check "
              + io.fleetmigrate.deliver.gitlab.GitLabToken.ENV + " or " + fileOption, e);
        }
        throw new io.fleetmigrate.deliver.CodeHostException(e.getMessage(), e);
      }
      var result = fleet.bean(InventoryStore.class).sync(source.source(),
          imported.stream().map(io.fleetmigrate.deliver.gitlab.GitLabProjects.Imported::repo).toList(),
          imported.stream().collect(java.util.stream.Collectors.toMap(i -> i.repo().name(), io.fleetmigrate.deliver.gitlab.GitLabProjects.Imported::facts)));
      out.printf("Imported %d projects of GitLab group %s: %d new, %d updated, %d unchanged, %d vanished.%n",
          result.imported().total(), group, result.imported().added(), result.imported().updated(), result.imported().unchanged(),
          result.vanished());
      out.flush();
    }
  }

  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      header = "Run every GitHub and GitLab import again.",
      description = {
        "For each GitHub import recorded in the inventory (organisation or user, API URL and filters), fetches the"
            + " repositories again: new ones are added, known ones updated, and ones that are gone are marked vanished"
            + " (kept, left out of campaigns). File and folder imports are not touched: import them again."
      })
  static class Sync implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the token (instead of the environment).")
    Path tokenFile;

    @picocli.CommandLine.Mixin GitHubAppOptions app = new GitHubAppOptions();

    @Option(names = "--gitlab-token-file", paramLabel = "FILE",
        description = "A file holding the GitLab token for GitLab imports (instead of FLEET_GITLAB_TOKEN).")
    Path gitlabTokenFile;

    @Override
    public Integer call() throws Exception {
      FleetCommand fleet = FleetCommand.of(spec);
      PrintWriter out = spec.commandLine().getOut();
      int synced = 0;
      for (String s : fleet.bean(InventoryStore.class).sources()) {
        GitHubSource source = GitHubSource.parse(s);
        if (source != null) {
          GitHubInventory.importAndPrint(fleet, source, tokenFile, app.app(tokenFile), out);
          synced++;
        }
        io.fleetmigrate.inventory.GitLabSource gitlab = io.fleetmigrate.inventory.GitLabSource.parse(s);
        if (gitlab != null) {
          // GitLab's token from FLEET_GITLAB_TOKEN (or --gitlab-token-file): --token-file is GitHub's.
          ImportGitLab.importGitLab(fleet, gitlab, gitlabTokenFile, "--gitlab-token-file", out);
          synced++;
        }
      }
      if (synced == 0) {
        out.println("No GitHub or GitLab import to sync. Import one with: fleet inventory import github --org NAME"
            + " (or: import gitlab --group PATH)");
      }
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the inventory.")
  static class ListRepos implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json",
        description = "Print JSON: a list of {name, cloneUrl, defaultBranch, owner, tags, source, pushedAt, vanishedAt}.")
    boolean json;

    record EntryJson(String name, String cloneUrl, String defaultBranch, String owner, List<String> tags, String source, String pushedAt,
        String vanishedAt) {}

    @Override
    public Integer call() throws Exception {
      List<InventoryStore.Entry> entries = new InventoryStore(FleetCommand.of(spec).dataSource()).entries();
      List<RepoRef> repos = entries.stream().map(InventoryStore.Entry::repo).toList();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(entries.stream().map(e -> new EntryJson(e.repo().name(), e.repo().cloneUrl(), e.repo().defaultBranch(),
            e.repo().owner(), e.repo().tags(), e.repo().source(), e.facts() == null || e.facts().pushedAt() == null ? null : e.facts().pushedAt().toString(),
            e.vanishedAt() == null ? null : e.vanishedAt().toString())).toList()));
        out.flush();
        return ExitCode.OK.code();
      }
      if (repos.isEmpty()) {
        out.println("The inventory is empty. Add repositories with: fleet inventory import FILE|FOLDER");
        out.flush();
        return ExitCode.OK.code();
      }
      Table table = new Table("NAME", "OWNER", "BRANCH", "TAGS", "CLONE URL");
      for (InventoryStore.Entry e : entries) {
        RepoRef r = e.repo();
        table.row(r.name() + (e.vanishedAt() == null ? "" : " (vanished " + e.vanishedAt().toLocalDate() + ")"), r.owner(),
            r.defaultBranch() == null ? "(default)" : r.defaultBranch(), String.join(",", r.tags()), r.cloneUrl());
      }
      table.print(out);
      out.printf("%d repositories%n", repos.size());
      out.flush();
      return ExitCode.OK.code();
    }
  }
}
