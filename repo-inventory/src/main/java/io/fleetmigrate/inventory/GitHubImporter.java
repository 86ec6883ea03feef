package io.fleetmigrate.inventory;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.GHOrganization;
import org.kohsuke.github.GHPerson;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTeam;
import org.kohsuke.github.GitHub;

/**
 * Imports an organisation's or a user's repositories through the GitHub API for Java, applying
 * a {@link GitHubSource}'s filters. Topics become the repositories' tags (looked up only when
 * the import filters on them, one call per repository); the owning team (the team with the
 * highest permission on the repository) only with {@code teams}.
 */
public final class GitHubImporter {
  private static final int PAGE = 100;

  private GitHubImporter() {}

  /** One imported repository and what GitHub said about it. */
  public record Imported(RepoRef repo, InventoryStore.Facts facts) {}

  public static List<Imported> list(GitHub gh, GitHubSource source) throws IOException {
    GHPerson owner = source.user() ? gh.getUser(source.owner()) : gh.getOrganization(source.owner());
    Iterable<GHRepository> repos = owner instanceof GHOrganization org ? org.listRepositories(PAGE) : owner.listRepositories(PAGE);
    List<Imported> imported = new ArrayList<>();
    for (GHRepository r : repos) {
      String visibility = r.getVisibility() == null ? (r.isPrivate() ? "private" : "public") : r.getVisibility().toString().toLowerCase(Locale.ROOT);
      if (!r.getOwnerName().equalsIgnoreCase(source.owner())
          || !source.accepts(r.getName(), r.getLanguage(), r.isArchived(), r.isFork(), visibility)) {
        continue;
      }
      List<String> topics = List.of();
      if (!source.topics().isEmpty()) {
        topics = r.listTopics();
        if (!topics.containsAll(source.topics())) {
          continue;
        }
      }
      String team = source.teams() ? owningTeam(r) : null;
      RepoRef ref = new RepoRef(r.getFullName(), r.getHttpTransportUrl(), r.getDefaultBranch(), team, topics, source.source());
      imported.add(new Imported(ref, new InventoryStore.Facts(time(r.getPushedAt()), r.isArchived(), r.isFork(), visibility, r.getLanguage())));
    }
    return imported;
  }

  private static @Nullable String owningTeam(GHRepository r) throws IOException {
    Set<GHTeam> teams = r.getTeams();
    GHTeam best = null;
    int bestRank = -1;
    for (GHTeam t : teams) {
      int rank = switch (String.valueOf(t.getPermission())) {
        case "admin" -> 4;
        case "maintain" -> 3;
        case "push" -> 2;
        case "triage" -> 1;
        default -> 0;
      };
      if (rank > bestRank) {
        best = t;
        bestRank = rank;
      }
    }
    return best == null ? null : best.getSlug();
  }

  private static @Nullable OffsetDateTime time(@Nullable Date d) {
    return d == null ? null : d.toInstant().atOffset(ZoneOffset.UTC);
  }
}
