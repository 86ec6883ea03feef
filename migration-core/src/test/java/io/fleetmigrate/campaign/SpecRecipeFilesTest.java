package io.fleetmigrate.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecRecipeFilesTest {
  @TempDir Path dir;

  static final String RECIPE =
      """
      type: specs.openrewrite.org/v1beta/recipe
      name: com.example.Own
      recipeList:
        - org.openrewrite.java.testing.junit5.JUnit4to5Migration
      """;

  @Test
  void findsRecipeFilesNextToTheSpecButNotTheSpecOrOtherYaml() throws Exception {
    Path spec = dir.resolve("junit5.yaml");
    Files.writeString(spec, "name: junit5\nrecipes: [com.example.Own]\n# mentions specs.openrewrite.org/v1beta/recipe\n");
    Files.writeString(dir.resolve("rewrite.yml"), RECIPE);
    Files.writeString(dir.resolve("another-campaign.yaml"), "name: other\nrecipes: [a.B]\n");
    Files.writeString(dir.resolve("notes.txt"), RECIPE);
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/rewrite.yml"), RECIPE);

    var files = SpecRecipeFiles.nextTo(spec);

    assertThat(files).extracting(SpecRecipeFiles.RecipeFile::path).containsExactly(dir.resolve("rewrite.yml"));
    assertThat(SpecRecipeFiles.join(files)).startsWith("# rewrite.yml\n").contains("name: com.example.Own").endsWith("---\n");
  }

  @Test
  void noRecipeFilesJoinToNothing() throws Exception {
    Path spec = dir.resolve("junit5.yaml");
    Files.writeString(spec, "name: junit5\nrecipes: [a.B]\n");

    assertThat(SpecRecipeFiles.join(SpecRecipeFiles.nextTo(spec))).isEmpty();
  }

  @Test
  void aSiblingFileThatIsNotUtf8IsSkippedUnlessItIsARecipeFileThenItIsNamed() throws Exception {
    Path spec = dir.resolve("junit5.yaml");
    Files.writeString(spec, "name: junit5\nrecipes: [a.B]\n");
    // A stray docker-compose.yml in Latin-1: not a recipe, and no reason to stop a run.
    Files.write(dir.resolve("docker-compose.yml"), "services:\n  db:\n    image: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    assertThat(SpecRecipeFiles.nextTo(spec)).isEmpty();

    Files.write(dir.resolve("rewrite.yml"), (RECIPE + "description: caf\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpecRecipeFiles.nextTo(spec))
        .isInstanceOf(SpecException.class)
        .hasMessage(dir.resolve("rewrite.yml") + ": declares recipes (type: specs.openrewrite.org/v1beta/recipe) but is not UTF-8 text;"
            + " save it as UTF-8");
  }
}
