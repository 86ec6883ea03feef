package io.fleetmigrate.recipes;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;

/**
 * Which files of a checkout the engine parses. Build output, version-control metadata and whatever
 * git ignores are never parsed: they are not the repository's source, and a recipe that edited
 * them would produce changes nobody can commit.
 */
final class CheckoutFiles {
  /** Directories never descended into, wherever they are. */
  private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "node_modules", ".idea", ".gradle");

  /** Files above this size are data, not source; the Maven plugin skips them as well (10 MB). */
  private static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  private final Path root;
  private final Set<String> ignored;

  private CheckoutFiles(Path root, Set<String> ignored) {
    this.root = root;
    this.ignored = ignored;
  }

  /** Reads the checkout's ignore rules (none when it is not a git working tree). */
  static CheckoutFiles of(Path root) throws IOException {
    if (!Files.exists(root.resolve(".git"))) {
      return new CheckoutFiles(root, Set.of());
    }
    try (Git git = Git.open(root.toFile())) {
      // Whole ignored directories come back as one entry, so this stays small.
      return new CheckoutFiles(root, new HashSet<>(git.status().call().getIgnoredNotInIndex()));
    } catch (RepositoryNotFoundException e) {
      return new CheckoutFiles(root, Set.of());
    } catch (GitAPIException e) {
      throw new IOException("cannot read the git status of " + root + ": " + e.getMessage(), e);
    }
  }

  /** Whether git ignores {@code file} or one of the directories it is in. */
  boolean isIgnored(Path file) {
    if (ignored.isEmpty()) {
      return false;
    }
    Path relative = root.relativize(file);
    for (Path p = relative; p != null; p = p.getParent()) {
      if (ignored.contains(p.toString().replace('\\', '/'))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every regular file under {@code dir} that passes the filters, sorted, leaving out the trees in
   * {@code excluded} (source folders parsed elsewhere, nested modules).
   */
  List<Path> walk(Path dir, Collection<Path> excluded) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            if (!d.equals(dir)
                && (SKIPPED_DIRECTORIES.contains(String.valueOf(d.getFileName())) || excluded.contains(d) || isIgnored(d))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && attrs.size() <= MAX_FILE_BYTES && !isIgnored(f)) {
              files.add(f);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return files;
  }

  /**
   * The Java files under a generated source root, which is build output: the ignore rules and the
   * skipped directories (it is under {@code target}) do not apply to what is inside it.
   */
  static List<Path> generatedJava(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var paths = Files.walk(dir)) {
      return paths.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
    }
  }
}
