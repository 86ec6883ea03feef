package io.fleetmigrate.inventory;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A GitLab import: a group's projects, on which API, through which filters. Written into each
 * imported repository's {@code source} as a {@code gitlab:} string (no credential in it).
 *
 * @param group the group's full path ({@code acme} or {@code acme/platform})
 * @param apiUrl the REST API's root ({@code https://HOST/api/v4})
 * @param subgroups include the projects of subgroups
 * @param topic a topic every project must carry (null: any)
 * @param archived include archived projects
 * @param forks include forks
 */
public record GitLabSource(String group, String apiUrl, boolean subgroups, @Nullable String topic, boolean archived, boolean forks) {
  public GitLabSource {
    if (!group.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*") || group.contains("..")) {
      throw new IllegalArgumentException("'" + group + "' is not a GitLab group path (e.g. acme or acme/platform)");
    }
    if (topic != null && topic.isBlank()) {
      throw new IllegalArgumentException("--topic is empty");
    }
  }

  /** {@code gitlab:group/acme/platform?api=...&subgroups=true...}: stored as the repositories' source. */
  public String source() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("api", apiUrl);
    if (subgroups) {
      q.put("subgroups", "true");
    }
    if (topic != null) {
      q.put("topic", topic);
    }
    if (archived) {
      q.put("archived", "true");
    }
    if (forks) {
      q.put("forks", "true");
    }
    StringBuilder s = new StringBuilder("gitlab:group/").append(group);
    String sep = "?";
    for (Map.Entry<String, String> e : q.entrySet()) {
      s.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = "&";
    }
    return s.toString();
  }

  /** The import a {@link #source()} string describes, or {@code null} when it is not one. */
  public static @Nullable GitLabSource parse(String source) {
    if (!source.startsWith("gitlab:group/")) {
      return null;
    }
    String rest = source.substring("gitlab:group/".length());
    int q = rest.indexOf('?');
    Map<String, String> params = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return new GitLabSource(q < 0 ? rest : rest.substring(0, q), params.getOrDefault("api", "https://gitlab.com/api/v4"),
        "true".equals(params.get("subgroups")), params.get("topic"), "true".equals(params.get("archived")),
        "true".equals(params.get("forks")));
  }
}
