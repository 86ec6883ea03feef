package io.fleetmigrate.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Applies a model's edits to a checkout, one at a time, refusing each that would leave the
 * workspace, touch {@code .git}, or whose search text does not occur exactly once. A refused edit
 * is reported back to the model with the reason; the others still apply.
 */
public final class EditApplier {
  /** Largest file a model may create or edit: anything bigger is not a one-to-five-line fix. */
  static final int MAX_FILE_BYTES = 1_000_000;

  private EditApplier() {}

  /** An edit that was not applied, and why. */
  public record Rejection(Edit edit, String reason) {}

  /**
   * What applying did.
   *
   * @param applied the edits now in the files
   * @param rejected the edits refused, with reasons
   * @param before each touched file's content before this call ({@code null}: it did not exist)
   */
  public record Applied(List<Edit> applied, List<Rejection> rejected, Map<String, @Nullable String> before) {
    public Applied {
      applied = List.copyOf(applied);
      rejected = List.copyOf(rejected);
      before = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(before));
    }
  }

  public static Applied apply(Path root, List<Edit> edits) throws IOException {
    Path base = root.toRealPath();
    List<Edit> applied = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    Map<String, @Nullable String> before = new LinkedHashMap<>();
    for (Edit edit : edits) {
      String problem = null;
      Path file = null;
      String relative = null;
      try {
        file = resolveInside(base, edit.path());
        relative = base.relativize(file).toString();
      } catch (OutsideWorkspace e) {
        problem = e.getMessage();
      }
      if (problem == null) {
        boolean exists = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !exists) {
          problem = "'" + edit.path() + "' is not a regular file";
        } else if (exists && Files.size(file) > MAX_FILE_BYTES) {
          problem = "'" + edit.path() + "' is larger than " + MAX_FILE_BYTES + " bytes";
        } else if (edit.search().isEmpty()) {
          if (exists) {
            problem = "'" + edit.path() + "' exists; an empty search creates new files only — search for the text to replace";
          } else {
            before.putIfAbsent(relative, null);
            Files.createDirectories(file.getParent());
            Files.writeString(file, edit.replace(), StandardCharsets.UTF_8);
          }
        } else if (!exists) {
          problem = "'" + edit.path() + "' does not exist";
        } else {
          String content = Files.readString(file, StandardCharsets.UTF_8);
          int count = occurrences(content, edit.search());
          if (count != 1) {
            problem = count == 0
                ? "the search text does not occur in '" + edit.path() + "' (copy it exactly, with its indentation)"
                : "the search text occurs " + count + " times in '" + edit.path() + "'; include more lines so it occurs once";
          } else {
            before.putIfAbsent(relative, content);
            Files.writeString(file, content.replace(edit.search(), edit.replace()), StandardCharsets.UTF_8);
          }
        }
      }
      if (problem == null) {
        applied.add(edit);
      } else {
        rejected.add(new Rejection(edit, problem));
      }
    }
    return new Applied(applied, rejected, before);
  }

  /** Puts every file in {@code before} back as it was (deleting the ones that did not exist). */
  public static void restore(Path root, Map<String, @Nullable String> before) throws IOException {
    for (Map.Entry<String, @Nullable String> e : before.entrySet()) {
      Path file = root.resolve(e.getKey());
      if (e.getValue() == null) {
        Files.deleteIfExists(file);
      } else {
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      }
    }
  }

  /** A path a model named that leads out of the checkout, into {@code .git}, or through a link. */
  static final class OutsideWorkspace extends Exception {
    private static final long serialVersionUID = 1L;

    OutsideWorkspace(String message) {
      super(message);
    }
  }

  /**
   * The file {@code path} names inside {@code base}, refusing absolute paths, {@code ..} escapes,
   * {@code .git}, and symbolic links anywhere on the way (a link could point out of the checkout).
   */
  static Path resolveInside(Path base, String path) throws OutsideWorkspace {
    if (path.isBlank() || path.startsWith("/") || path.startsWith("\\") || path.contains("\0")) {
      throw new OutsideWorkspace("'" + path + "' is not a path relative to the repository root");
    }
    Path file;
    try {
      file = base.resolve(path).normalize();
    } catch (InvalidPathException e) {
      throw new OutsideWorkspace("'" + path + "' is not a valid path");
    }
    if (!file.startsWith(base) || file.equals(base)) {
      throw new OutsideWorkspace("'" + path + "' is outside the repository");
    }
    Path relative = base.relativize(file);
    if (relative.getName(0).toString().equals(".git")) {
      throw new OutsideWorkspace("'" + path + "' is inside .git");
    }
    for (Path p = file; p != null && !p.equals(base); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new OutsideWorkspace("'" + path + "' goes through a symbolic link");
      }
    }
    return file;
  }

  static int occurrences(String content, String search) {
    int count = 0;
    for (int i = content.indexOf(search); i >= 0; i = content.indexOf(search, i + 1)) {
      count++;
    }
    return count;
  }
}
