package io.fleetmigrate.checkout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * The spec's {@code repositories.containing} precondition: whether any file of a checkout holds one
 * of some texts, compared byte for byte in UTF-8 (so a file in any ASCII-compatible encoding is
 * searched). Git's folder and build output ({@code target}) are left out, and so are files larger
 * than {@link #MAX_FILE_BYTES} (data, not code).
 */
public final class TextSearch {
  static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  private TextSearch() {}

  /** The first file (relative to {@code dir}) holding one of {@code texts}, if any. */
  public static Optional<String> firstFileContaining(Path dir, List<String> texts) throws IOException {
    // ISO-8859-1 maps each byte to one char, so String.contains compares bytes.
    List<String> needles = texts.stream().map(t -> new String(t.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)).toList();
    String[] found = {null};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        String name = d.getFileName() == null ? "" : d.getFileName().toString();
        return !d.equals(dir) && (name.equals(".git") || name.equals("target")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile() || attrs.size() > MAX_FILE_BYTES) {
          return FileVisitResult.CONTINUE;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String needle : needles) {
          if (text.contains(needle)) {
            found[0] = dir.relativize(file).toString();
            return FileVisitResult.TERMINATE;
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // an unreadable file holds nothing we can see
      }
    });
    return Optional.ofNullable(found[0]);
  }
}
