package io.fleetmigrate.inventory;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A GitHub import: whose repositories (an organisation's or a user's), on which API, through
 * which filters. Written into each imported repository's {@code source} as a {@code github:}
 * string, so {@code inventory sync} can run the same import again.
 *
 * @param owner the organisation or user
 * @param user whether {@code owner} is a user (else an organisation)
 * @param apiUrl the REST API's root
 * @param topics topics a repository must all carry (empty: any)
 * @param language the repository's main language (null: any)
 * @param namePattern a glob on the repository's name ({@code *} and {@code ?}; null: any)
 * @param archived include archived repositories
 * @param forks include forks
 * @param visibility {@code public}, {@code private} or {@code internal} (null: any)
 * @param teams look up each repository's owning team (one more call per repository)
 */
public record GitHubSource(
    String owner,
    boolean user,
    String apiUrl,
    List<String> topics,
    @Nullable String language,
    @Nullable String namePattern,
    boolean archived,
    boolean forks,
    @Nullable String visibility,
    boolean teams) {

  public static final List<String> VISIBILITIES = List.of("public", "private", "internal");

  public GitHubSource {
    topics = List.copyOf(topics);
    if (!owner.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
      throw new IllegalArgumentException("'" + owner + "' is not a GitHub organisation or user name");
    }
    if (visibility != null && !VISIBILITIES.contains(visibility)) {
      throw new IllegalArgumentException("visibility '" + visibility + "' is not one of " + String.join(", ", VISIBILITIES));
    }
  }

  /** Whether a repository with these facts passes the filters. */
  public boolean accepts(String name, @Nullable String repoLanguage, boolean isArchived, boolean isFork, String repoVisibility) {
    if (isArchived && !archived || isFork && !forks) {
      return false;
    }
    if (language != null && (repoLanguage == null || !repoLanguage.equalsIgnoreCase(language))) {
      return false;
    }
    if (visibility != null && !visibility.equalsIgnoreCase(repoVisibility)) {
      return false;
    }
    return namePattern == null || glob(namePattern).matcher(name).matches();
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  /** {@code github:org/acme?api=...&topic=...}: stored as the repositories' source. */
  public String source() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("api", apiUrl);
    topics.forEach(t -> q.merge("topic", t, (a, b) -> a + "," + b));
    if (language != null) {
      q.put("language", language);
    }
    if (namePattern != null) {
      q.put("name", namePattern);
    }
    if (archived) {
      q.put("archived", "true");
    }
    if (forks) {
      q.put("forks", "true");
    }
    if (visibility != null) {
      q.put("visibility", visibility);
    }
    if (teams) {
      q.put("teams", "true");
    }
    StringBuilder s = new StringBuilder("github:").append(user ? "user/" : "org/").append(owner);
    String sep = "?";
    for (Map.Entry<String, String> e : q.entrySet()) {
      s.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = "&";
    }
    return s.toString();
  }

  /** The import a {@link #source()} string describes, or {@code null} when it is not one. */
  public static @Nullable GitHubSource parse(String source) {
    if (!source.startsWith("github:org/") && !source.startsWith("github:user/")) {
      return null;
    }
    String rest = source.substring("github:".length());
    boolean user = rest.startsWith("user/");
    int q = rest.indexOf('?');
    String owner = rest.substring(rest.indexOf('/') + 1, q < 0 ? rest.length() : q);
    Map<String, String> params = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    List<String> topics = params.containsKey("topic") ? List.of(params.get("topic").split(",")) : new ArrayList<>();
    return new GitHubSource(owner, user, params.getOrDefault("api", "https://api.github.com"), topics, params.get("language"),
        params.get("name"), "true".equals(params.get("archived")), "true".equals(params.get("forks")),
        params.get("visibility") == null ? null : params.get("visibility").toLowerCase(Locale.ROOT), "true".equals(params.get("teams")));
  }
}
