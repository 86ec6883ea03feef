package io.fleetmigrate.inventory;

import java.util.List;
import java.util.Objects;
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
  private static final Pattern CREDENTIALS = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/@]*:[^/@]*@.*");

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
    if (CREDENTIALS.matcher(cloneUrl).matches()) {
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
}
