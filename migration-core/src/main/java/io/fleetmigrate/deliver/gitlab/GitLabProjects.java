package io.fleetmigrate.deliver.gitlab;

import io.fleetmigrate.inventory.GitLabSource;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A group's projects for the inventory: {@code GET /groups/:id/projects}, paged, with
 * {@code include_subgroups}, {@code topic} and {@code archived=false} (unless archived projects are
 * asked for) sent to GitLab, and forks (a {@code forked_from_project}) left out here unless asked
 * for. Each project's inventory name is its path ({@code group/subgroup/name}), which the gitlab
 * code host uses to find it again; topics become tags.
 */
public final class GitLabProjects {
  private GitLabProjects() {}

  /** One imported project and what GitLab said about it. */
  public record Imported(RepoRef repo, InventoryStore.Facts facts) {}

  public static List<Imported> list(GitLabApi api, GitLabSource source) throws IOException, InterruptedException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("include_subgroups", String.valueOf(source.subgroups()));
    if (!source.archived()) {
      query.put("archived", "false");
    }
    if (source.topic() != null) {
      query.put("topic", source.topic());
    }
    query.put("order_by", "path");
    List<Imported> imported = new ArrayList<>();
    for (JsonNode p : api.getAll("/groups/" + GitLabApi.id(source.group()) + "/projects", query)) {
      boolean fork = p.hasNonNull("forked_from_project");
      if (fork && !source.forks()) {
        continue;
      }
      List<String> topics = new ArrayList<>();
      p.path("topics").forEach(t -> topics.add(t.asString()));
      String defaultBranch = p.path("default_branch").asString(null);
      RepoRef ref = new RepoRef(p.path("path_with_namespace").asString(), p.path("http_url_to_repo").asString(),
          defaultBranch, null, topics, source.source());
      imported.add(new Imported(ref, new InventoryStore.Facts(time(p.path("last_activity_at").asString(null)),
          p.path("archived").asBoolean(false), fork, p.path("visibility").asString(null), null)));
    }
    return imported;
  }

  private static @Nullable OffsetDateTime time(@Nullable String iso) {
    try {
      return iso == null ? null : OffsetDateTime.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
