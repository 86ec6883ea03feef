package io.fleetmigrate.deliver.github;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where the token may go. The API URL must be https (plain http only to a loopback host, where
 * nothing crosses a network), and git gets the token only for URLs on the web host of that API
 * URL, over https (or loopback http): a repository cloned from elsewhere is cloned without it.
 */
public final class GitHubUrls {
  private GitHubUrls() {}

  /** Why {@code url} cannot be a GitHub API URL, or {@code null} when it can. */
  public static @Nullable String apiUrlProblem(@Nullable String url) {
    if (url == null || url.isBlank()) {
      return "it is empty";
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return "it is not a URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return "it is not an http(s) URL";
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return "it names no host";
    }
    if (uri.getRawUserInfo() != null) {
      return "it carries credentials (give the token through the environment or a token file)";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "it has a query or fragment";
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      return "plain http would send the token in clear text; use https (http is allowed only for a loopback host)";
    }
    return null;
  }

  /** The host people and git use: {@code api.github.com} → {@code github.com}, {@code HOST/api/v3} → {@code HOST}. */
  public static String webHost(String apiUrl) {
    String host = URI.create(apiUrl.strip()).getHost().toLowerCase(Locale.ROOT);
    return host.equals("api.github.com") ? "github.com" : host;
  }

  /**
   * GitHub's GraphQL endpoint for a REST root: {@code https://api.github.com} →
   * {@code https://api.github.com/graphql}, Enterprise's {@code https://HOST/api/v3} →
   * {@code https://HOST/api/graphql}.
   */
  public static String graphqlUrl(String apiUrl) {
    String root = apiUrl.strip().replaceAll("/+$", "");
    return root.endsWith("/api/v3") ? root.substring(0, root.length() - "/v3".length()) + "/graphql" : root + "/graphql";
  }

  /** Whether git may send the token to {@code url}: https (or loopback http) on the web host of {@code apiUrl}. */
  public static boolean mayCarryToken(@Nullable String url, String apiUrl) {
    if (url == null) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean secure = scheme.equals("https") || (scheme.equals("http") && isLoopback(host));
    return secure && host.equals(webHost(apiUrl));
  }

  /** {@code localhost}, 127.0.0.0/8 or ::1, decided from the name alone (no DNS lookup). */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.matches("[0-9a-f:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
