package io.fleetmigrate.recipes.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.recipes.RecipeEngine;
import io.fleetmigrate.recipes.RewriteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On every sample repository, the engine's change is byte-identical to what {@code
 * rewrite-maven-plugin:run} does with the same recipe and recipe versions.
 */
class RecipeParityIT {
  static final String RECIPE = "org.openrewrite.java.testing.junit5.JUnit4to5Migration";

  @TempDir Path work;

  @Test
  void engineChangesEverySampleExactlyAsTheMavenPluginDoes() throws Exception {
    Path mavenHome = Path.of(System.getProperty("fleet.maven.home", System.getProperty("maven.home", "")));
    Path fleet = Path.of(System.getProperty("fleet.sample.fleet", "../migration-core/src/main/resources/demo-fleet"));
    assertThat(mavenHome.resolve("bin/mvn")).as("Maven to run the plugin with").exists();
    List<Path> samples = PluginComparison.samples(fleet);
    assertThat(samples).as("sample repositories").hasSizeGreaterThanOrEqualTo(5);

    PluginComparison comparison = new PluginComparison(mavenHome, work, RECIPE);
    RecipeEngine engine = new RecipeEngine(comparison.mavenVersion());
    List<PluginComparison.Comparison> results = new ArrayList<>();
    // The plugin's runs are separate Maven processes, each parsing on one core for far longer than
    // the engine takes: two lanes run them while this thread runs the baselines and the engine
    // (which is not thread-safe, so it stays on this one thread). With one lane, the engine was
    // done early and a core idled through the rest of the plugin's runs. Each run has its own copy
    // of its sample; should the other run hold OpenRewrite's POM cache on disk, the plugin falls
    // back to one in memory (its own fallback: the same POMs, read again).
    // The second lane starts once the first plugin run has ended: that run resolves the plugin and
    // its dependencies into the local repository, so the two plugin runs do not download the same
    // artifacts at once (the first sample's baseline build on this thread still runs beside the
    // first plugin run, as it did with one lane).
    java.util.concurrent.ExecutorService pluginLane = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.CompletableFuture<Void> firstRunEnded = new java.util.concurrent.CompletableFuture<>();
    try {
      java.util.Map<String, java.util.concurrent.Future<Path>> byPlugin = new java.util.LinkedHashMap<>();
      for (Path sample : samples) {
        String name = sample.getFileName().toString();
        Path repo = comparison.prepare(sample, "plugin", name);
        boolean first = byPlugin.isEmpty();
        byPlugin.put(name, pluginLane.submit(() -> {
          if (!first) {
            firstRunEnded.join();
          }
          try {
            comparison.runPlugin(repo);
          } finally {
            if (first) {
              firstRunEnded.complete(null);
            }
          }
          return repo;
        }));
      }
      for (Path sample : samples) {
        String name = sample.getFileName().toString();
        Path byEngine = comparison.prepare(sample, "engine", name);
        comparison.baseline(byEngine);
        RewriteResult result = PluginComparison.runEngine(engine, byEngine, RECIPE);
        results.add(
            new PluginComparison.Comparison(
                name, PluginComparison.diff(byPlugin.get(name).get()), PluginComparison.diff(byEngine), java.time.Duration.ZERO,
                result.parseTime().plus(result.recipeTime()), result.errors()));
      }
    } finally {
      pluginLane.shutdownNow();
    }

    for (PluginComparison.Comparison c : results) {
      assertThat(c.engineErrors()).as(c.repository() + ": engine errors").isEmpty();
      assertThat(c.engineDiff()).as(c.repository() + ": engine diff vs rewrite-maven-plugin diff").isEqualTo(c.pluginDiff());
    }
    // Parity of two empty diffs proves nothing: most samples must really change.
    assertThat(results.stream().filter(c -> !c.pluginDiff().isEmpty()).count()).isGreaterThanOrEqualTo(3);
    Files.writeString(work.resolve("done"), "");
  }
}
