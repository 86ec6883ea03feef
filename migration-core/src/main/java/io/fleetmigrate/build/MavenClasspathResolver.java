package io.fleetmigrate.build;

import io.fleetmigrate.recipes.ModuleClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Maven's {@link ClasspathResolver}: the recipe engine's classpaths without a build, one Maven call that runs only {@code
 * dependency:list} (no compile, no tests), under the same sandbox and network policy as every build,
 * cached by the repository's POMs.
 *
 * <p>The cache key is a hash of every {@code pom.xml} of the project ({@link MavenBuildTool#projectPoms}: path and bytes) and the Maven
 * options of the verify command (profiles, properties), so unchanged POMs at a new commit reuse it.
 * An entry holds each module's dependency list; it is used only while every file it names still
 * exists. A failed resolution is cached too (a reactor whose modules need each other's jars cannot be
 * resolved without building them): such a repository goes straight to its baseline build next time.
 */
final class MavenClasspathResolver implements ClasspathResolver {
  /** Options of a Maven command line that take the next word as their value. */
  private static final Set<String> WITH_VALUE = Set.of(
      "-P", "--activate-profiles", "-pl", "--projects", "-f", "--file", "-s", "--settings", "-gs", "--global-settings",
      "-t", "--toolchains", "-D", "--define", "-T", "--threads", "-rf", "--resume-from", "-b", "--builder");
  /** Options that change the resolved dependencies, or that a resolution cannot run without. */
  private static final List<String> KEPT_PREFIXES =
      List.of("-P", "--activate-profiles", "-pl", "--projects", "-am", "--also-make", "-f", "--file", "-s", "--settings",
          "-gs", "--global-settings", "-D", "--define", "-U");
  private static final String CACHE_FORMAT = "fleet-classpath-cache 1";
  private static final String FAILED = "failed";

  private final BuildRunner builds;
  private final Path cacheDir;

  /**
   * @param builds runs the Maven call (on a repository's JDK: profiles that a JDK activates change
   *     the dependencies, so the JDK is part of the cache key)
   * @param cacheDir where resolved classpaths are kept, one folder per key
   */
  MavenClasspathResolver(BuildRunner builds, Path cacheDir) {
    this.builds = builds;
    this.cacheDir = cacheDir;
  }

  /**
   * Writes each module's {@link ModuleClasspath#DEPENDENCIES_FILE} into {@code checkout}, from the
   * cache or from one Maven call whose output goes to {@code log}.
   */
  @Override
  public Result resolve(Path checkout, String verifyCommand, Duration timeout, Path log) throws BuildException {
    String command = command(verifyCommand);
    String key;
    List<Path> poms;
    try {
      poms = MavenBuildTool.projectPoms(checkout);
      key = key(checkout, poms, builds.jdk() == null || builds.jdk().jdk() == null
          ? command : command + "\non JDK " + builds.jdk().jdk().fullVersion() + " at " + builds.jdk().jdk().home());
    } catch (IOException | UncheckedIOException e) {
      return new Result(false, false, null, "cannot read the POMs: " + e.getMessage());
    }
    Path entry = cacheDir.resolve(key);
    try {
      Result cached = fromCache(entry, checkout, log);
      if (cached != null) {
        return cached;
      }
    } catch (IOException | UncheckedIOException e) {
      // An unreadable entry is a miss: resolve again and write it anew.
    }
    BuildResult build;
    try {
      // One attempt: in an outage, runs again here would double the baseline's, which runs again itself.
      build = builds.withTransientBackoff(List.of()).run(checkout, command, timeout, log);
    } catch (TransientBuildException e) {
      // Says nothing about the POMs: not cached, and the baseline build (which tries again) decides.
      return new Result(false, false, null, e.getMessage());
    }
    List<String> modules = new ArrayList<>();
    for (Path pom : poms) {
      Path module = checkout.relativize(pom.getParent() == null ? checkout : pom.getParent());
      if (Files.isRegularFile(checkout.resolve(module).resolve(ModuleClasspath.DEPENDENCIES_FILE))) {
        modules.add(module.toString());
      }
    }
    boolean resolved = build.green() && !modules.isEmpty();
    String reason = resolved ? "" : build.green() ? "Maven listed no module's dependencies" : build.summary();
    try {
      // A resolution that ran out of time says nothing about the POMs: the next run tries again.
      if (!build.timedOut()) {
        store(entry, checkout, modules, resolved, reason);
      }
    } catch (IOException | UncheckedIOException e) {
      // The cache only saves time: a run goes on without it.
    }
    return new Result(resolved, false, build, reason);
  }

  private @Nullable Result fromCache(Path entry, Path checkout, Path log) throws IOException {
    Path index = entry.resolve("index");
    if (!Files.isRegularFile(index)) {
      return null;
    }
    List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
    if (lines.size() < 2 || !lines.get(0).equals(CACHE_FORMAT)) {
      return null;
    }
    if (lines.get(1).startsWith(FAILED)) {
      String reason = lines.get(1).substring(FAILED.length()).strip();
      Files.writeString(log, "classpath resolution: cached failure (" + entry.getFileName() + "): " + reason + "\n", StandardCharsets.UTF_8);
      return new Result(false, true, null, reason);
    }
    List<String> modules = lines.subList(2, lines.size());
    for (String module : modules) {
      for (Path file : ModuleClasspath.listedFiles(entry.resolve("modules").resolve(module).resolve("dependencies"))) {
        if (!Files.exists(file)) {
          return null; // the local repository lost a file since: resolve again
        }
      }
    }
    for (String module : modules) {
      Path target = checkout.resolve(module).resolve(ModuleClasspath.DEPENDENCIES_FILE);
      Files.createDirectories(target.getParent());
      Files.copy(entry.resolve("modules").resolve(module).resolve("dependencies"), target,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(log, "classpath resolution: from the cache (" + entry.getFileName() + "), " + modules.size() + " module(s)\n",
        StandardCharsets.UTF_8);
    return new Result(true, true, null, "");
  }

  private static void store(Path entry, Path checkout, List<String> modules, boolean resolved, String reason) throws IOException {
    Path fresh = entry.resolveSibling(entry.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
    deleteQuietly(fresh);
    Files.createDirectories(fresh);
    List<String> index = new ArrayList<>(List.of(CACHE_FORMAT, resolved ? "ok" : FAILED + " " + reason.replace('\n', ' ')));
    if (resolved) {
      for (String module : modules) {
        Path to = fresh.resolve("modules").resolve(module).resolve("dependencies");
        Files.createDirectories(to.getParent());
        Files.copy(checkout.resolve(module).resolve(ModuleClasspath.DEPENDENCIES_FILE), to);
        index.add(module);
      }
    }
    Files.write(fresh.resolve("index"), index, StandardCharsets.UTF_8);
    deleteQuietly(entry);
    try {
      Files.move(fresh, entry, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(fresh); // another lane stored the same key first
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // left for the next store
    }
  }

  /**
   * The resolution's Maven call: the verify command's Maven with the options that change what is
   * resolved (profiles, properties, projects, settings), and {@code dependency:list} as its only goal.
   * A verify command that is not Maven resolves with Fleet's own {@code mvn}.
   */
  static String command(String verifyCommand) {
    List<String> words = List.of(verifyCommand.strip().split("\\s+"));
    boolean maven = !words.isEmpty() && (words.get(0).equals("mvn") || words.get(0).equals("./mvnw"));
    List<String> out = new ArrayList<>(List.of(maven ? words.get(0) : "mvn", "-B", "-q"));
    for (int i = 1; maven && i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("&&") || w.equals(";") || w.equals("||") || w.equals("|")) {
        break;
      }
      boolean kept = KEPT_PREFIXES.stream().anyMatch(w::startsWith);
      if (WITH_VALUE.contains(w) && i + 1 < words.size()) {
        if (kept) {
          out.add(w);
          out.add(words.get(i + 1));
        }
        i++;
      } else if (kept) {
        out.add(w);
      }
    }
    out.add(ModuleClasspath.MAVEN_GOAL);
    return String.join(" ", out);
  }

  static String key(Path checkout, List<Path> poms, String command) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    TreeMap<String, Path> byPath = new TreeMap<>();
    poms.forEach(p -> byPath.put(checkout.relativize(p).toString(), p));
    sha.update((CACHE_FORMAT + "\n" + command + "\n").getBytes(StandardCharsets.UTF_8));
    for (var e : byPath.entrySet()) {
      sha.update((e.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(e.getValue()));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
  }
}
