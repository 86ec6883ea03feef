package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  private static final Duration LIMIT = Duration.ofMinutes(5);

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
        forked.toString(), "3.9.16", "", "yaml", List.of(RecipeUse.of(RecipeEngineTest.JUNIT5)), true), log, LIMIT);

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
        tmp.resolve("log"), LIMIT);

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
        List.of(new RecipeUse("org.openrewrite.text.FindAndReplace", Map.of("find", "a", "noSuchOption", "b"))), true), tmp.resolve("log"), LIMIT))
        .isInstanceOf(InvalidRecipeException.class)
        .hasMessageContaining("noSuchOption");
  }

  @Test
  void aChildThatEndsWithoutAnAnswerIsAnErrorQuotingItsOutput() throws Exception {
    Path log = tmp.resolve("recipe-jvm.log");

    assertThatThrownBy(() -> RewriteProcess.run(javaHome(), new RewriteProcess.Request(
        tmp.resolve("no-such-checkout").toString(), "3.9.16", "", "yaml", List.of(RecipeUse.of(RecipeEngineTest.JUNIT5)), true), log, LIMIT))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ended with exit code 1 and no result: java.nio.file.NoSuchFileException: "
            + tmp.resolve("no-such-checkout") + ": no checkout there")
        .hasMessageContaining(log.toString());
  }

  @Test
  void aJavaHomeWithoutJavaIsAClearError() {
    assertThatThrownBy(() -> RewriteProcess.run(tmp, new RewriteProcess.Request(
        tmp.toString(), "3.9.16", "", "yaml", List.of(), true), tmp.resolve("log"), LIMIT))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no java at " + tmp.resolve("bin/java"));
  }

  @Test
  void theChildGetsOnlyTheKeptEnvironmentAndAnAbsoluteClassPathInItsArgumentFile() throws Exception {
    // A "JDK" whose java prints what it was given and fails, as a child that cannot start would.
    Path fakeJdk = Files.createDirectories(tmp.resolve("jdk/bin"));
    Path launcher = fakeJdk.resolve("java");
    Files.writeString(launcher, "#!/bin/sh\necho \"args: $*\"\nfor a in \"$@\"; do case \"$a\" in @*) cat \"${a#@}\";; esac; done\nenv | sed 's/^/env: /'\nexit 7\n");
    launcher.toFile().setExecutable(true);
    Path log = tmp.resolve("log");

    assertThatThrownBy(() -> RewriteProcess.run(fakeJdk.getParent(), new RewriteProcess.Request(
        tmp.toString(), "3.9.16", "", "yaml", List.of(), true), log, LIMIT))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ended with exit code 7 and no result: ");

    List<String> lines = Files.readAllLines(log);
    List<String> variables = lines.stream().filter(l -> l.startsWith("env: ")).map(l -> l.substring(5, l.indexOf('='))).toList();
    assertThat(variables).contains("JAVA_HOME", "PATH").allMatch(v ->
        List.of("PATH", "HOME", "TMPDIR", "LANG", "TZ", "JAVA_HOME", "PWD", "SHLVL", "_").contains(v) || v.startsWith("LC_"));
    assertThat(lines).contains("env: JAVA_HOME=" + fakeJdk.getParent());
    assertThat(lines).anyMatch(l -> l.startsWith("\"-Xmx") && l.endsWith("m\""));
    String classPath = lines.get(lines.indexOf("\"-cp\"") + 1);
    assertThat(classPath.substring(1, classPath.length() - 1).split(java.io.File.pathSeparator)).allMatch(e -> Path.of(e).isAbsolute());
    assertThat(lines).contains("\"" + RewriteProcess.class.getName() + "\"");
  }

  @Test
  void aChildPastTheLimitIsKilledAndNothingOfItIsLeft() throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.writeString(checkout.resolve("pom.xml"), RecipeEngineTest.POM);
    long before = ProcessHandle.current().descendants().count();

    assertThatThrownBy(() -> RewriteProcess.run(javaHome(), new RewriteProcess.Request(
        checkout.toString(), "3.9.16", "", "yaml", List.of(RecipeUse.of(RecipeEngineTest.JUNIT5)), true), tmp.resolve("log"), Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not finish within 1 s on " + checkout);
    assertThat(ProcessHandle.current().descendants().count()).isEqualTo(before);
  }

  @Test
  void anInterruptKillsTheChildAndWaitsForIt() throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.writeString(checkout.resolve("pom.xml"), RecipeEngineTest.POM);
    long before = ProcessHandle.current().descendants().count();
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        RewriteProcess.run(javaHome(), new RewriteProcess.Request(
            checkout.toString(), "3.9.16", "", "yaml", List.of(RecipeUse.of(RecipeEngineTest.JUNIT5)), true), tmp.resolve("log"), LIMIT);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    caller.start();
    while (ProcessHandle.current().descendants().count() == before && caller.isAlive()) {
      Thread.sleep(50);
    }
    caller.interrupt();
    caller.join(30_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(java.io.InterruptedIOException.class);
    assertThat(ProcessHandle.current().descendants().count()).isEqualTo(before);
  }

  @Test
  void aChildWhoseParentIsGoneStopsAtOnce() throws Exception {
    // The parent holds the child's standard input; a closed one (here: none at all) means it is gone.
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.writeString(checkout.resolve("pom.xml"), RecipeEngineTest.POM);
    Path request = tmp.resolve("request.json");
    new com.fasterxml.jackson.databind.ObjectMapper().writeValue(request.toFile(), new RewriteProcess.Request(
        checkout.toString(), "3.9.16", "", "yaml", List.of(RecipeUse.of(RecipeEngineTest.JUNIT5)), true));
    List<String> command = new java.util.ArrayList<>(List.of(javaHome().resolve("bin/java").toString()));
    command.addAll(RewriteProcess.launch(System.getProperty("java.class.path"), RewriteProcess.class.getName()));
    command.addAll(List.of(request.toString(), tmp.resolve("reply.json").toString()));
    Path log = tmp.resolve("log");

    Process child = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();

    assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(3);
    assertThat(log).content().contains("[fleet] the parent is gone: stopping");
    assertThat(tmp.resolve("reply.json")).doesNotExist();
  }
}
