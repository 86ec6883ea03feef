package io.fleetmigrate.inventory;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One repository of the fleet.
 *
 * @param name unique name in the inventory, usually {@code owner/repo} or a folder name
 * @param cloneUrl where to clone from: a URL or a local path
 * @param defaultBranch the branch campaigns start from; {@code null} means the remote's HEAD
 * @param owner the owning team or person, when known
 * @param tags free-form labels used by selections
 * @param source where the entry came from (a file path, a folder)
 */
public record RepoRef(
    String name,
    String cloneUrl,
    @Nullable String defaultBranch,
    @Nullable String owner,
    List<String> tags,
    String source) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
  /** A URL's scheme and user info (everything before the last {@code @} of the authority). */
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)@[^/?#]*([/?#].*)?$");

  public RepoRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cloneUrl, "cloneUrl");
    Objects.requireNonNull(source, "source");
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException(
          "repository name '" + name + "' may only hold letters, digits, '.', '_', '-' and '/'");
    }
    if (cloneUrl.isBlank()) {
      throw new IllegalArgumentException("repository '" + name + "' has no clone URL");
    }
    if (carriesCredential(cloneUrl)) {
      // Never store a secret: it would end up in the database, reports and logs.
      throw new IllegalArgumentException(
          "the clone URL of '" + name + "' carries a password or token; remove it and give the token through the environment");
    }
    if (defaultBranch != null && defaultBranch.isBlank()) {
      defaultBranch = null;
    }
    if (owner != null && owner.isBlank()) {
      owner = null;
    }
    tags = List.copyOf(tags);
  }

  /**
   * Whether a URL's user info can hold a secret: any user info over http(s) and other schemes
   * (GitHub and GitLab take a token as the user name alone, {@code https://ghp_...@github.com}),
   * and a password anywhere. Only ssh's user name without a password ({@code ssh://git@host/...})
   * is an account name, not a credential.
   */
  public static boolean carriesCredential(String url) {
    Matcher m = USER_INFO.matcher(url);
    if (!m.matches()) {
      return false;
    }
    String scheme = m.group(1).toLowerCase(java.util.Locale.ROOT);
    boolean ssh = scheme.equals("ssh") || scheme.equals("git+ssh") || scheme.equals("ssh+git");
    return !ssh || m.group(2).contains(":");
  }
}
