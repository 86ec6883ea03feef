package io.fleetmigrate.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextSearchTest {
  @TempDir Path dir;

  @Test
  void findsATextInAnyFileButNotInGitsFolderOrBuildOutput() throws Exception {
    Files.createDirectories(dir.resolve("src/test/java/a"));
    Files.writeString(dir.resolve("src/test/java/a/T.java"), "import org.junit.jupiter.api.Test;\n");
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/COMMIT_EDITMSG"), "drop org.junit.Test\n");
    Files.createDirectories(dir.resolve("target/classes"));
    Files.writeString(dir.resolve("target/classes/old.txt"), "org.junit.Test");

    assertThat(TextSearch.firstFileContaining(dir, List.of("org.junit.Test"))).isEmpty();
    assertThat(TextSearch.firstFileContaining(dir, List.of("org.junit.Test", "jupiter"))).contains("src/test/java/a/T.java");
  }

  @Test
  void comparesBytesSoAFileInLatin1IsSearchedToo() throws Exception {
    Files.write(dir.resolve("Legacy.java"), "// caf\u00e9 \u00e9t\u00e9\nimport junit.framework.TestCase;\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(dir.resolve("Notes.md"), "caf\u00e9\n", StandardCharsets.UTF_8);

    assertThat(TextSearch.firstFileContaining(dir, List.of("junit.framework"))).contains("Legacy.java");
    assertThat(TextSearch.firstFileContaining(dir, List.of("caf\u00e9"))).contains("Notes.md");
  }

  @Test
  void skipsFilesTooLargeToBeCode() throws Exception {
    byte[] big = new byte[(int) TextSearch.MAX_FILE_BYTES + 1];
    byte[] text = "org.junit.Test".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, big, big.length - text.length, text.length);
    Files.write(dir.resolve("dump.bin"), big);

    assertThat(TextSearch.firstFileContaining(dir, List.of("org.junit.Test"))).isEmpty();
  }
}
