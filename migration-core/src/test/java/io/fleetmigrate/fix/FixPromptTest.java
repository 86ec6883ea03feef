package io.fleetmigrate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the prompt shows of the code is read only from inside the checkout, symbolic links resolved. */
class FixPromptTest {
  @TempDir Path tmp;

  @Test
  void aSourceFileThatIsALinkOutOfTheCheckoutIsNotRead() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("repo"));
    Path token = Files.writeString(tmp.resolve("github-token"), "ghp_canary");
    Files.createDirectories(root.resolve("src/main/java"));
    Path real = Files.writeString(root.resolve("src/main/java/Real.java"), "class Real {}");
    Path leak = Files.createSymbolicLink(root.resolve("src/main/java/Leak.java"), token);
    Path outsideDir = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(outsideDir.resolve("Far.java"), "secret");
    Files.createSymbolicLink(root.resolve("src/linked"), outsideDir);

    assertThat(FixPrompt.insideRealRoot(root, real)).isTrue();
    assertThat(FixPrompt.insideRealRoot(root, leak)).isFalse();
    assertThat(FixPrompt.insideRealRoot(root, root.resolve("src/linked/Far.java"))).isFalse();
    assertThat(FixPrompt.insideRealRoot(root, root.resolve("src/main/java/Missing.java"))).isFalse();
  }
}
