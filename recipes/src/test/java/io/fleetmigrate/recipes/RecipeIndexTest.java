package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openrewrite.Recipe;
import org.openrewrite.config.ClasspathScanningLoader;
import org.openrewrite.config.Environment;
import org.openrewrite.config.OptionDescriptor;
import org.openrewrite.config.RecipeDescriptor;

/**
 * The committed recipe index is the one a full scan of the classpath gives, and a campaign's recipe
 * loaded through it is the recipe OpenRewrite's full listing gives. To update the index after a
 * recipe module changed: {@code cp recipes/target/recipe-index/recipe-index.tsv
 * recipes/src/main/resources/META-INF/fleet-migrate/}.
 */
class RecipeIndexTest {
  static final Path COMMITTED = Path.of("src/main/resources").resolve(RecipeIndex.RESOURCE);
  static final Path GENERATED = Path.of("target/recipe-index/recipe-index.tsv");
  static final ClassLoader CLASSES = RecipeIndexTest.class.getClassLoader();

  @Test
  void theCommittedIndexIsTheOneTheClasspathGives() throws Exception {
    List<RecipeDescriptor> mainRecipes =
        new ClasspathScanningLoader(new Properties(), CLASSES).listRecipeDescriptors().stream()
            .filter(d -> d.getSource() == null || !d.getSource().toString().contains("/test-classes/"))
            .toList();
    String generated = RecipeIndex.write(mainRecipes);
    Files.createDirectories(GENERATED.getParent());
    Files.writeString(GENERATED, generated, StandardCharsets.UTF_8);

    assertThat(generated)
        .contains("io.fleetmigrate.campaigns.JUnit4to5\tMETA-INF/rewrite/fleet-migrate.yml\n")
        .contains("org.openrewrite.java.testing.junit5.JUnit4to5Migration\tMETA-INF/rewrite/junit5.yml\n");
    assertThat(Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "")
        .as("the recipe index is out of date: cp recipes/" + GENERATED + " recipes/src/main/resources/META-INF/fleet-migrate/")
        .isEqualTo(generated);
  }

  @Test
  void aRecipeLoadedThroughTheIndexIsTheOneTheFullListingGives() throws Exception {
    RecipeCatalog indexed = RecipeCatalog.scan(CLASSES);
    Map<String, Recipe> listed = new java.util.HashMap<>();
    new Environment(List.of(new ClasspathScanningLoader(new Properties(), CLASSES))).listRecipes()
        .forEach(r -> listed.putIfAbsent(r.getName(), r));

    for (String name : List.of("io.fleetmigrate.campaigns.JUnit4to5", "org.openrewrite.java.testing.junit5.JUnit4to5Migration",
        "io.fleetmigrate.campaigns.Java8to17")) {
      Recipe campaign = indexed.activate(List.of(RecipeUse.of(name)));
      assertThat(campaign.getRecipeList()).singleElement()
          .satisfies(r -> assertThat(tree(r, "")).as(name).isEqualTo(tree(listed.get(name), "")));
    }
  }

  @Test
  void theIndexLoadsANamedYamlRecipeAndLeavesEverythingElseToTheScan() {
    RecipeIndex index = RecipeIndex.parse("""
        # comment
        io.fleetmigrate.campaigns.JUnit4to5\tMETA-INF/rewrite/fleet-migrate.yml
        io.fleetmigrate.campaigns.Gone\tMETA-INF/rewrite/fleet-migrate.yml
        """, CLASSES);

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.loadRecipe("io.fleetmigrate.campaigns.JUnit4to5")).isNotNull()
        .satisfies(r -> assertThat(r.getName()).isEqualTo("io.fleetmigrate.campaigns.JUnit4to5"));
    // Stale (the file no longer defines it), a Java recipe, an unknown name: the scan's to answer.
    assertThat(index.loadRecipe("io.fleetmigrate.campaigns.Gone")).isNull();
    assertThat(index.loadRecipe("org.openrewrite.java.testing.junit5.AssertToAssertions")).isNull();
    assertThat(index.loadRecipe("org.example.Nothing")).isNull();
    assertThat(index.listRecipes()).isEmpty();
    assertThat(index.listRecipeDescriptors()).isEmpty();
  }

  @Test
  void aBadIndexLineIsNamed() {
    assertThatThrownBy(() -> RecipeIndex.parse("io.fleetmigrate.campaigns.JUnit4to5 fleet-migrate.yml\n", CLASSES))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(RecipeIndex.RESOURCE)
        .hasMessageContaining("io.fleetmigrate.campaigns.JUnit4to5 fleet-migrate.yml");
  }

  @Test
  void theShippedIndexIsRead() {
    assertThat(RecipeIndex.of(CLASSES).size()).isGreaterThan(500);
  }

  /** A recipe and everything it runs, with the options' values, one line each. */
  private static String tree(Recipe recipe, String indent) {
    StringBuilder out = new StringBuilder(indent).append(recipe.getName());
    for (OptionDescriptor o : recipe.getDescriptor().getOptions()) {
      out.append(' ').append(o.getName()).append('=').append(o.getValue());
    }
    out.append('\n');
    for (Recipe child : recipe.getRecipeList()) {
      out.append(tree(child, indent + "  "));
    }
    return out.toString();
  }
}
