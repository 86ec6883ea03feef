package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecipeCatalogTest {
  static RecipeCatalog catalog;

  @BeforeAll
  static void scanOnce() {
    catalog = RecipeCatalog.scan();
  }

  @Test
  void listsRecipesOfEveryRecipeModule() {
    List<String> names = catalog.list(null).stream().map(RecipeCatalog.Summary::name).toList();

    assertThat(names)
        .contains(
            "org.openrewrite.java.testing.junit5.JUnit4to5Migration",
            "org.openrewrite.java.migrate.UpgradeToJava17",
            "org.openrewrite.java.spring.boot3.UpgradeSpringBoot_3_0",
            "org.openrewrite.staticanalysis.CommonStaticAnalysis")
        .isSorted();
  }

  @Test
  void searchMatchesNamesAndDescriptionsIgnoringCase() {
    List<RecipeCatalog.Summary> found = catalog.list("junit4TO5");

    assertThat(found).extracting(RecipeCatalog.Summary::name).contains("org.openrewrite.java.testing.junit5.JUnit4to5Migration");
    assertThat(found).allSatisfy(s -> assertThat((s.name() + s.displayName() + s.description()).toLowerCase()).contains("junit4to5"));
  }

  @Test
  void describeShowsOptionsAndSubRecipes() throws Exception {
    RecipeCatalog.Description find = catalog.describe("org.openrewrite.text.FindAndReplace");
    assertThat(find.options()).extracting(RecipeCatalog.Option::name).contains("find", "replace", "regex");
    assertThat(find.options()).filteredOn(o -> o.name().equals("find")).singleElement().satisfies(o -> assertThat(o.required()).isTrue());

    RecipeCatalog.Description junit = catalog.describe("org.openrewrite.java.testing.junit5.JUnit4to5Migration");
    assertThat(junit.recipeList()).contains("org.openrewrite.java.testing.junit5.UpdateBeforeAfterAnnotations");
  }

  @Test
  void unknownNameSuggestsTheNearest() {
    assertThatThrownBy(() -> catalog.describe("org.openrewrite.java.migrate.UpgradeToJava71"))
        .isInstanceOf(RecipeNotFoundException.class)
        .hasMessageContaining("did you mean ")
        .hasMessageContaining("org.openrewrite.java.migrate.UpgradeToJava17");
  }

  @Test
  void optionsAreBoundAndValidated() throws Exception {
    assertThat(catalog.activate(List.of(new RecipeUse("org.openrewrite.text.FindAndReplace", Map.of("find", "a", "replace", "b")))))
        .isNotNull();

    assertThatThrownBy(
            () -> catalog.activate(List.of(new RecipeUse("org.openrewrite.text.FindAndReplace", Map.of("find", "a", "replce", "b")))))
        .isInstanceOf(RecipeOptionsException.class)
        .hasMessageContaining("has no option 'replce'")
        .hasMessageContaining("replace");
    assertThatThrownBy(() -> catalog.activate(List.of(RecipeUse.of("org.openrewrite.text.FindAndReplace"))))
        .isInstanceOf(RecipeOptionsException.class)
        .hasMessageContaining("find");
  }

  @Test
  void yamlRecipesGivenWithACampaignJoinTheCatalog() throws Exception {
    RecipeCatalog withOwn =
        catalog.withRecipeYaml(
            """
            type: specs.openrewrite.org/v1beta/recipe
            name: com.example.RenameTeam
            displayName: Rename the team
            description: Our own recipe, next to the spec.
            recipeList:
              - org.openrewrite.text.FindAndReplace:
                  find: team-a
                  replace: team-b
            """,
            "rewrite.yml");

    assertThat(withOwn.describe("com.example.RenameTeam").recipeList()).containsExactly("org.openrewrite.text.FindAndReplace");
    assertThat(withOwn.activate(List.of(RecipeUse.of("com.example.RenameTeam")))).isNotNull();
    assertThatThrownBy(() -> catalog.describe("com.example.RenameTeam")).isInstanceOf(RecipeNotFoundException.class);
  }

  @Test
  void yamlRecipeThatDoesNotLoadNamesItsFile() {
    assertThatThrownBy(() -> catalog.withRecipeYaml("type: specs.openrewrite.org/v1beta/recipe\nname: [broken\n", "ci/rewrite.yml"))
        .isInstanceOf(InvalidRecipeException.class)
        .hasMessageStartingWith("ci/rewrite.yml:");
  }
}
