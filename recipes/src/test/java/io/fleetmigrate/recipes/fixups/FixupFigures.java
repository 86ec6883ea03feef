package io.fleetmigrate.recipes.fixups;

import io.fleetmigrate.recipes.ModuleClasspath;
import io.fleetmigrate.recipes.RecipeEngine;
import io.fleetmigrate.recipes.RewriteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code scripts/fixup-figures}: for each sample repository, the upstream JUnit 4 to 5 recipe alone
 * against our campaign composite, each followed by the repository's own {@code mvn verify}, as the
 * pipeline runs them (baseline build for the classpaths, recipe in process, verify).
 *
 * <p>Arguments: MAVEN_HOME SAMPLE_FLEET WORK_DIR [SAMPLE...] (default: every sample with a POM).
 * Prints one row per sample and, last, {@code upstream_green=<a>/<n> composite_green=<b>/<n>}.
 */
public final class FixupFigures {
  public static final String UPSTREAM = "org.openrewrite.java.testing.junit5.JUnit4to5Migration";
  public static final String COMPOSITE = "io.fleetmigrate.campaigns.JUnit4to5";

  private FixupFigures() {}

  /** What the repository's own build said after a recipe. */
  public record Verdict(boolean green, String firstError, int changedFiles) {
    String cell() {
      return green ? "green" : "RED";
    }
  }

  public static void main(String[] args) throws Exception {
    Path mavenHome = Path.of(args[0]);
    Path fleet = Path.of(args[1]);
    Path work = Path.of(args[2]);
    List<String> names = new ArrayList<>(List.of(args).subList(3, args.length));
    if (names.isEmpty()) {
      try (Stream<Path> dirs = Files.list(fleet)) {
        dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).map(d -> d.getFileName().toString()).sorted().forEach(names::add);
      }
    }
    Maven maven = new Maven(mavenHome, work.resolve("logs"));
    RecipeEngine engine = new RecipeEngine(maven.version());
    Map<String, Verdict[]> rows = new LinkedHashMap<>();
    for (String name : names) {
      Verdict upstream;
      try {
        upstream = attempt(maven, engine, fleet.resolve(name), work.resolve("upstream").resolve(name), UPSTREAM);
      } catch (BaselineRed e) {
        System.out.printf("%-20s red before any recipe: left out, as the pipeline's baseline leaves it out%n", name);
        continue;
      }
      Verdict ours = attempt(maven, engine, fleet.resolve(name), work.resolve("composite").resolve(name), COMPOSITE);
      rows.put(name, new Verdict[] {upstream, ours});
      System.out.printf("%-20s upstream=%-5s composite=%-5s %s%n", name, upstream.cell(), ours.cell(),
          upstream.green() ? "" : "(upstream: " + upstream.firstError() + ")");
      if (!ours.green()) {
        System.out.printf("%-20s composite: %s%n", "", ours.firstError());
      }
    }
    System.out.println();
    System.out.printf("| %-20s | %-28s | %-24s |%n", "sample", "upstream JUnit4to5Migration", "io.fleetmigrate.campaigns.JUnit4to5");
    System.out.printf("|%s|%s|%s|%n", "-".repeat(22), "-".repeat(30), "-".repeat(26));
    rows.forEach((name, v) -> System.out.printf("| %-20s | %-28s | %-24s |%n", name, v[0].cell(), v[1].cell()));
    long upstreamGreen = rows.values().stream().filter(v -> v[0].green()).count();
    long oursGreen = rows.values().stream().filter(v -> v[1].green()).count();
    System.out.printf("upstream_green=%d/%d composite_green=%d/%d%n", upstreamGreen, rows.size(), oursGreen, rows.size());
  }

  /** A fresh copy of {@code sample}: baseline build, {@code recipe} in process, then verify. */
  static Verdict attempt(Maven maven, RecipeEngine engine, Path sample, Path copy, String recipe) throws Exception {
    copyTree(sample, copy);
    List<String> baseline = new ArrayList<>(List.of("verify"));
    baseline.addAll(List.of(ModuleClasspath.MAVEN_GOAL.split(" ")));
    Maven.Run base = maven.run(copy, "baseline", baseline);
    if (base.exit() != 0) {
      throw new BaselineRed();
    }
    RewriteResult result = engine.run(copy, List.of(recipe), true);
    if (!result.errors().isEmpty()) {
      return new Verdict(false, "recipe refused: " + result.errors().get(0), 0);
    }
    Maven.Run verify = maven.run(copy, "verify", List.of("clean", "verify"));
    return new Verdict(verify.exit() == 0, verify.firstError(), result.changedFiles().size());
  }

  /** The untouched sample does not build: no recipe is to blame, as the pipeline's BASELINE_RED. */
  static final class BaselineRed extends Exception {
    BaselineRed() {
      super(null, null, false, false);
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    if (Files.exists(to)) {
      try (Stream<Path> old = Files.walk(to)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** The Maven that builds the samples, one child process per build, each with its own log. */
  record Maven(Path home, Path logs) {
    record Run(int exit, Path log) {
      /** The first compiler, test or enforcer error the build printed. */
      String firstError() throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (String line : lines) {
          String l = line.strip();
          if (l.startsWith("[WARNING] Rule ") && l.contains("failed")) {
            return l;
          }
          if (l.startsWith("[ERROR]") && (l.contains(".java:") || l.contains("Tests run:") || l.contains("Rule ")
              || l.contains("Error:") || l.contains("Exception") || l.contains("module"))) {
            return l.length() > 160 ? l.substring(0, 160) + "..." : l;
          }
        }
        return lines.stream().filter(l -> l.startsWith("[ERROR]")).findFirst().orElse("exit " + exit);
      }
    }

    Run run(Path dir, String name, List<String> goals) throws Exception {
      Files.createDirectories(logs);
      Path log = logs.resolve(dir.getParent().getFileName() + "-" + dir.getFileName() + "-" + name + ".log");
      List<String> command = new ArrayList<>(List.of(home.resolve("bin/mvn").toString(), "-B", "-ntp"));
      command.addAll(goals);
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out in " + dir);
      }
      return new Run(process.exitValue(), log);
    }

    String version() throws Exception {
      Path log = Files.createTempFile("mvn-version", ".log");
      try {
        Process p = new ProcessBuilder(home.resolve("bin/mvn").toString(), "-v").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.waitFor(2, TimeUnit.MINUTES);
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("Apache Maven ")).findFirst().orElseThrow().split(" ")[2];
      } finally {
        Files.deleteIfExists(log);
      }
    }
  }
}
