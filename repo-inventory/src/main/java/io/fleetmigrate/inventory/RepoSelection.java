package io.fleetmigrate.inventory;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which repositories of the inventory a campaign touches. Empty lists mean "no constraint"; names
 * are glob patterns ({@code payments-*}, {@code team-a/**}).
 *
 * @param include repository name globs to take (all when empty)
 * @param exclude repository name globs to leave out
 * @param owners owning teams to take (all when empty)
 * @param tags take repositories carrying at least one of these tags (all when empty)
 * @param containing a precondition on the checkout: a repository in none of whose files any of these
 *     texts occurs has nothing for the campaign, and ends {@code NO_CHANGES} without a parse or a
 *     build (no constraint when empty)
 */
public record RepoSelection(
    List<String> include, List<String> exclude, List<String> owners, List<String> tags, List<String> containing) {

  public static final RepoSelection ALL = new RepoSelection(List.of(), List.of(), List.of(), List.of());

  public RepoSelection(List<String> include, List<String> exclude, List<String> owners, List<String> tags) {
    this(include, exclude, owners, tags, List.of());
  }

  public RepoSelection {
    containing = List.copyOf(containing);
    for (String text : containing) {
      if (text.isBlank()) {
        throw new IllegalArgumentException("'containing' has an empty text; each item is a text that a file must contain");
      }
    }
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    owners = List.copyOf(owners);
    tags = List.copyOf(tags);
    for (String glob : include) {
      matcher(glob); // fail early on a malformed pattern
    }
    for (String glob : exclude) {
      matcher(glob);
    }
  }

  /** The selected repositories, in inventory order. */
  public List<RepoRef> apply(List<RepoRef> inventory) {
    Predicate<String> included = anyGlob(include, true);
    Predicate<String> excluded = anyGlob(exclude, false);
    return inventory.stream()
        .filter(r -> included.test(r.name()) && !excluded.test(r.name()))
        .filter(r -> owners.isEmpty() || (r.owner() != null && owners.contains(r.owner())))
        .filter(r -> tags.isEmpty() || r.tags().stream().anyMatch(tags::contains))
        .toList();
  }

  private static Predicate<String> anyGlob(List<String> globs, boolean whenEmpty) {
    if (globs.isEmpty()) {
      return name -> whenEmpty;
    }
    List<PathMatcher> matchers = globs.stream().map(RepoSelection::matcher).toList();
    return name -> matchers.stream().anyMatch(m -> m.matches(Path.of(name)));
  }

  private static PathMatcher matcher(String glob) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad repository pattern '" + glob + "': " + e.getMessage(), e);
    }
  }
}
