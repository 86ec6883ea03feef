package io.fleetmigrate.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the git repositories directly inside a folder: bare ones ({@code name.git} holding {@code
 * HEAD} and {@code objects/}) and working copies (holding {@code .git}). Each becomes a {@link
 * RepoRef} whose clone URL is the folder's absolute path.
 */
public final class LocalFolderScanner {
  private LocalFolderScanner() {}

  /** What a folder held: its repositories, and the plain folders beside them that are none (by name). */
  public record Found(List<RepoRef> repositories, List<String> skipped) {
    public Found {
      repositories = List.copyOf(repositories);
      skipped = List.copyOf(skipped);
    }
  }

  public static List<RepoRef> scan(Path folder) throws IOException, InventoryFormatException {
    return find(folder).repositories();
  }

  /** The repositories in {@code folder}, and the folders skipped because they are not git repositories. */
  public static Found find(Path folder) throws IOException, InventoryFormatException {
    if (!Files.isDirectory(folder)) {
      throw new InventoryFormatException(folder + ": not a folder");
    }
    Path root = folder.toAbsolutePath().normalize();
    List<RepoRef> repos = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : children.sorted().toList()) {
        if (!Files.isDirectory(child)) {
          continue;
        }
        String dirName = child.getFileName().toString();
        boolean bare = Files.isRegularFile(child.resolve("HEAD")) && Files.isDirectory(child.resolve("objects"));
        boolean workingCopy = Files.exists(child.resolve(".git"));
        if (!bare && !workingCopy) {
          if (!dirName.startsWith(".")) {
            skipped.add(dirName);
          }
          continue;
        }
        String name = bare && dirName.endsWith(".git") ? dirName.substring(0, dirName.length() - 4) : dirName;
        try {
          repos.add(new RepoRef(name, child.toString(), null, null, List.of(), root.toString()));
        } catch (IllegalArgumentException e) {
          throw new InventoryFormatException(child + ": " + e.getMessage() + "; rename the folder or import a CSV/YAML file instead", e);
        }
      }
    }
    if (repos.isEmpty()) {
      throw new InventoryFormatException(
          folder + ": holds no git repositories (neither name.git bare repositories nor folders with .git)");
    }
    return new Found(repos, skipped);
  }
}
