package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipe results are written only inside the checkout: {@code ..} and symbolic links are resolved first. */
class WriteConfinementTest {
  @TempDir Path tmp;

  @Test
  void aPathInsideTheCheckoutIsWhereItSays() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("repo"));

    assertThat(RecipeEngine.inside(root, Path.of("src/main/java/A.java"))).isEqualTo(root.resolve("src/main/java/A.java"));
    assertThat(RecipeEngine.inside(root, Path.of("src/../pom.xml"))).isEqualTo(root.resolve("pom.xml"));
  }

  @Test
  void dotDotOutOfTheCheckoutIsRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("repo"));

    assertThatThrownBy(() -> RecipeEngine.inside(root, Path.of("../outside/Evil.java")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside the checkout");
    assertThat(tmp.resolve("outside")).doesNotExist();
  }

  @Test
  void aDirectoryLinkLeadingOutIsRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("repo"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("src"), outside);

    assertThatThrownBy(() -> RecipeEngine.inside(root, Path.of("src/Evil.java")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside the checkout");
  }

  @Test
  void aFileThatIsALinkIsNotWrittenThrough() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("repo"));
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "s");
    Files.createSymbolicLink(root.resolve("pom.xml"), secret);

    assertThatThrownBy(() -> RecipeEngine.inside(root, Path.of("pom.xml")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("symbolic link");
    assertThat(Files.readString(secret)).isEqualTo("s");
  }

  @Test
  void gitMetadataIsNotARecipeTarget() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("repo"));
    Files.createDirectories(root.resolve(".git"));

    assertThatThrownBy(() -> RecipeEngine.inside(root, Path.of(".git/config")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(".git");
  }
}
