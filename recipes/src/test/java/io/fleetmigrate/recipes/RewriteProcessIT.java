package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe engine in a JVM of its own, started as the pipeline starts it for a repository that
 * needs a newer JDK; here on this test's own JDK, so that its result can be compared with the
 * engine's in this JVM. (The newer JDK itself: {@code JdkPerRepositoryIT} in migration-core.)
 */
class RewriteProcessIT {
  private static final String TEST = """
      package com.example;

      import static org.junit.Assert.assertEquals;

      import org.junit.Test;

      public class SampleTest {
          @Test
          public void adds() {
              assertEquals("sum", 4, 2 + 2);
          }
      }
      """;

  @TempDir Path tmp;

  private Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  @Test
  void aJvmOfItsOwnRewritesTheCheckoutAsTheEngineInThisJvmDoes() throws Exception {
    Path inProcess = Files.createDirectories(tmp.resolve("in-process"));
    Path forked = Files.createDirectories(tmp.resolve("forked"));
    RecipeEngineTest.sampleProject(inProcess, TEST);
    RecipeEngineTest.sampleProject(forked, TEST);
    RecipeEngine engine = new RecipeEngine("3.9.16");
    Path log = tmp.resolve("recipe-jvm.log");

    RewriteResult here = engine.run(inProcess, List.of(RecipeEngineTest.JUNIT5), true);
    RewriteResult there = RewriteProcess.run(javaHome(), new RewriteProcess.Request(
        forked.toString(), "3.9.16", "", "yaml", List.of(RecipeUse.of(RecipeEngineTest.JUNIT5)), true), log);

    assertThat(here.changedFiles()).isNotEmpty();
    assertThat(there.errors()).isEmpty();
    assertThat(there.written()).isTrue();
    assertThat(there.changedFiles()).isEqualTo(here.changedFiles());
    assertThat(there.diff()).isEqualTo(here.diff());
    assertThat(there.changesByRecipe()).isEqualTo(here.changesByRecipe());
    assertThat(there.parseTime()).isPositive();
    assertThat(Files.readString(forked.resolve("src/test/java/com/example/SampleTest.java")))
        .isEqualTo(Files.readString(inProcess.resolve("src/test/java/com/example/SampleTest.java")));
    assertThat(log).content().contains("[fleet] recipes on JDK " + Runtime.version().feature());
  }

  @Test
  void aDryRunInAJvmOfItsOwnWritesNothingAndTheCampaignsYamlRecipesAndOptionsReachIt() throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.writeString(checkout.resolve("pom.xml"), RecipeEngineTest.POM);
    Files.writeString(checkout.resolve("README.md"), "# OLD-NAME\n");
    String yaml = """
        type: specs.openrewrite.org/v1beta/recipe
        name: com.example.Rename
        displayName: Rename
        recipeList:
          - org.openrewrite.text.FindAndReplace:
              find: OLD-NAME
              replace: NEW-NAME
        """;

    RewriteResult result = RewriteProcess.run(javaHome(), new RewriteProcess.Request(
        checkout.toString(), "3.9.16", yaml, "the campaign's YAML recipes", List.of(RecipeUse.of("com.example.Rename")), false),
        tmp.resolve("log"));

    assertThat(result.written()).isFalse();
    assertThat(result.changedFiles()).extracting(RewriteResult.ChangedFile::path).containsExactly("README.md");
    assertThat(result.diff()).contains("+# NEW-NAME");
    assertThat(checkout.resolve("README.md")).content().isEqualTo("# OLD-NAME\n");
  }

  @Test
  void aRecipeTheChildCannotUseIsAnInvalidRecipeHereWithTheChildsReason() throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.writeString(checkout.resolve("pom.xml"), RecipeEngineTest.POM);

    assertThatThrownBy(() -> RewriteProcess.run(javaHome(), new RewriteProcess.Request(
        checkout.toString(), "3.9.16", "", "yaml",
        List.of(new RecipeUse("org.openrewrite.text.FindAndReplace", Map.of("find", "a", "noSuchOption", "b"))), true), tmp.resolve("log")))
        .isInstanceOf(InvalidRecipeException.class)
        .hasMessageContaining("noSuchOption");
  }

  @Test
  void aChildThatEndsWithoutAnAnswerIsAnErrorQuotingItsOutput() throws Exception {
    Path log = tmp.resolve("recipe-jvm.log");

    assertThatThrownBy(() -> RewriteProcess.run(javaHome(), new RewriteProcess.Request(
        tmp.resolve("no-such-checkout").toString(), "3.9.16", "", "yaml", List.of(RecipeUse.of(RecipeEngineTest.JUNIT5)), true), log))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ended with exit code 1 and no result")
        .hasMessageContaining("no-such-checkout")
        .hasMessageContaining(log.toString());
  }

  @Test
  void aJavaHomeWithoutJavaIsAClearError() {
    assertThatThrownBy(() -> RewriteProcess.run(tmp, new RewriteProcess.Request(
        tmp.toString(), "3.9.16", "", "yaml", List.of(), true), tmp.resolve("log")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no java at " + tmp.resolve("bin/java"));
  }
}
