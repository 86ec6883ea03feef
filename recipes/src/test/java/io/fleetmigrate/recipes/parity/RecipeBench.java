package io.fleetmigrate.recipes.parity;

import io.fleetmigrate.recipes.RecipeEngine;
import io.fleetmigrate.recipes.RewriteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/bench-recipes}: the engine against a loop of {@code rewrite-maven-plugin:run} over a
 * fleet of sample repositories, on this machine, in this run.
 *
 * <p>Timed for the plugin: each {@code mvn rewrite:run} process, start to end, as a fleet tool that
 * loops over the plugin pays it. Timed for the engine: loading the recipe once per JVM plus each
 * repository's parse, recipe run and write. Not timed on either side: the baseline build that gives
 * the engine its classpaths, because Fleet Migrate runs the repository's own build before the recipe
 * anyway (a loop of the plugin would need its own build to know the repository is green first).
 *
 * <p>Arguments: MAVEN_HOME SAMPLE_FLEET WORK_DIR [REPOS] [RECIPE].
 */
public final class RecipeBench {
  private RecipeBench() {}

  public static void main(String[] args) throws Exception {
    Path mavenHome = Path.of(args[0]);
    Path fleet = Path.of(args[1]);
    Path work = Path.of(args[2]);
    int repos = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    String recipe = args.length > 4 ? args[4] : RecipeParityIT.RECIPE;
    Files.createDirectories(work);

    PluginComparison comparison = new PluginComparison(mavenHome, work, recipe);
    List<Path> samples = PluginComparison.samples(fleet);
    List<String> names = new ArrayList<>();
    List<Path> byPlugin = new ArrayList<>();
    List<Path> byEngine = new ArrayList<>();
    for (int i = 0; i < repos; i++) {
      Path sample = samples.get(i % samples.size());
      String name = sample.getFileName() + "-" + (i / samples.size() + 1);
      names.add(name);
      byPlugin.add(comparison.prepare(sample, "plugin", name));
      byEngine.add(comparison.prepare(sample, "engine", name));
    }

    System.out.printf("bench: %d repositories (copies of %d samples), recipe %s, %s%n", repos, samples.size(), recipe,
        PluginComparison.PLUGIN);
    // A repository whose baseline or plugin run fails (a real one can) is left out of both sides.
    List<String> left = new ArrayList<>();
    System.out.println("bench: baseline builds for the engine's classpaths (not timed)...");
    for (int i = 0; i < repos; i++) {
      try {
        comparison.baseline(byEngine.get(i));
      } catch (IllegalStateException failed) {
        left.add(names.get(i));
        System.out.println("bench: " + names.get(i) + " left out, its baseline failed: " + failed.getMessage());
      }
    }

    System.out.println("bench: rewrite-maven-plugin:run, one Maven process per repository...");
    double pluginLoadBefore = loadAverage();
    Duration pluginTotal = Duration.ZERO;
    List<Duration> pluginTimes = new ArrayList<>();
    for (int i = 0; i < repos; i++) {
      Duration t = Duration.ZERO;
      if (!left.contains(names.get(i))) {
        try {
          t = comparison.runPlugin(byPlugin.get(i));
        } catch (IllegalStateException failed) {
          left.add(names.get(i));
          System.out.println("bench: " + names.get(i) + " left out, the plugin failed: " + failed.getMessage());
        }
      }
      pluginTimes.add(t);
      pluginTotal = pluginTotal.plus(t);
    }

    double pluginLoadAfter = loadAverage();
    System.out.println("bench: the engine, in this JVM...");
    double engineLoadBefore = loadAverage();
    long start = System.nanoTime();
    RecipeEngine engine = new RecipeEngine(comparison.mavenVersion());
    engine.warmUpInBackground(); // as Fleet's RewriteStation has it
    engine.validate(List.of(recipe)); // loads the recipe: what a campaign does before its first repository
    Duration scan = Duration.ofNanos(System.nanoTime() - start);
    Duration engineTotal = scan;
    List<Duration> engineTimes = new ArrayList<>();
    long heapFirst = 0;
    long heapLast = 0;
    for (int i = 0; i < repos; i++) {
      if (left.contains(names.get(i))) {
        engineTimes.add(Duration.ZERO);
        continue;
      }
      long t0 = System.nanoTime();
      RewriteResult result = PluginComparison.runEngine(engine, byEngine.get(i), recipe);
      Duration t = Duration.ofNanos(System.nanoTime() - t0);
      if (result.refused()) {
        System.out.println("bench: " + names.get(i) + " refused by the engine: " + result.errors());
      }
      engineTimes.add(t);
      engineTotal = engineTotal.plus(t);
      long heap = PluginComparison.heapAfterGcMb(); // outside the timing
      if (heapFirst == 0) {
        heapFirst = heap;
      }
      heapLast = heap;
    }

    double engineLoadAfter = loadAverage();

    // The same repositories again, from their first commit, in the same JVM: what each repository
    // costs at best once a campaign's JVM is warm (its later repositories), beside what the first pass cost
    // from a cold start. The second pass must give the first one's diff.
    List<String> engineDiffs = new ArrayList<>();
    for (int i = 0; i < repos; i++) {
      engineDiffs.add(left.contains(names.get(i)) ? "" : PluginComparison.diff(byEngine.get(i)));
      if (!left.contains(names.get(i))) {
        PluginComparison.reset(byEngine.get(i));
      }
    }
    System.out.println("bench: the engine again over the same repositories, in the same (now warm) JVM...");
    Duration warmTotal = Duration.ZERO;
    List<Duration> warmTimes = new ArrayList<>();
    for (int i = 0; i < repos; i++) {
      if (left.contains(names.get(i))) {
        warmTimes.add(Duration.ZERO);
        continue;
      }
      long t0 = System.nanoTime();
      PluginComparison.runEngine(engine, byEngine.get(i), recipe);
      Duration t = Duration.ofNanos(System.nanoTime() - t0);
      warmTimes.add(t);
      warmTotal = warmTotal.plus(t);
    }
    double warmLoadAfter = loadAverage();

    boolean identical = true;
    boolean repeatable = true;
    System.out.printf("%-32s %9s %9s %9s  %s%n", "repository", "plugin_s", "engine_s", "warm_s", "diff");
    for (int i = 0; i < repos; i++) {
      if (left.contains(names.get(i))) {
        System.out.printf("%-32s %9s %9s %9s  %s%n", names.get(i), "-", "-", "-", "left out (see above)");
        continue;
      }
      String pluginDiff = PluginComparison.diff(byPlugin.get(i));
      String engineDiff = engineDiffs.get(i);
      boolean same = pluginDiff.equals(engineDiff);
      boolean again = engineDiff.equals(PluginComparison.diff(byEngine.get(i)));
      identical &= same;
      repeatable &= again;
      System.out.printf(Locale.ROOT, "%-32s %9.2f %9.2f %9.2f  %s%s%n", names.get(i), seconds(pluginTimes.get(i)),
          seconds(engineTimes.get(i)), seconds(warmTimes.get(i)),
          same ? (pluginDiff.isEmpty() ? "identical (no change)" : "identical") : "DIFFERENT",
          again ? "" : "; the warm pass's diff DIFFERS from the first pass's");
    }
    double speedup = seconds(pluginTotal) / seconds(engineTotal);
    double warmSpeedup = seconds(pluginTotal) / seconds(warmTotal);
    System.out.printf(Locale.ROOT, "plugin loop: %.1f s   engine: %.1f s (of which loading the recipe %.1f s)   ratio: %.1fx%n",
        seconds(pluginTotal), seconds(engineTotal), seconds(scan), speedup);
    System.out.printf(Locale.ROOT, "engine again, warm JVM: %.1f s   ratio: %.1fx (a long campaign's later repositories, at best)%n",
        seconds(warmTotal), warmSpeedup);
    // The two sides run one after the other: on a shared machine the ratio is only as fair as the load was even.
    System.out.printf(Locale.ROOT, "load average (1 min): plugin loop %.1f -> %.1f, engine %.1f -> %.1f, warm pass -> %.1f%n",
        pluginLoadBefore, pluginLoadAfter, engineLoadBefore, engineLoadAfter, warmLoadAfter);
    System.out.printf("heap after GC: %d MB after repository 1, %d MB after repository %d (max heap %d MB)%n", heapFirst, heapLast,
        repos, Runtime.getRuntime().maxMemory() / (1024 * 1024));
    System.out.printf(Locale.ROOT, "speedup=%.1f identical=%s repos=%d heap_first_mb=%d heap_last_mb=%d warm_speedup=%.1f repeatable=%s%s%n",
        speedup, identical ? "yes" : "no", repos - left.size(), heapFirst, heapLast, warmSpeedup, repeatable ? "yes" : "no",
        left.isEmpty() ? "" : " left_out=" + left.size());
  }

  /** The machine's load average over the last minute (negative where the platform has none). */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
