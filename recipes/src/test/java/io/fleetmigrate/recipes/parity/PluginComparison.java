package io.fleetmigrate.recipes.parity;

import io.fleetmigrate.recipes.ModuleClasspath;
import io.fleetmigrate.recipes.RecipeEngine;
import io.fleetmigrate.recipes.RewriteResult;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Runs one recipe over sample repositories twice, once with {@code rewrite-maven-plugin:run} in its
 * own Maven process and once with {@link RecipeEngine} in this JVM, and compares what each did to
 * the files, as {@code git diff} would show it.
 *
 * <p>Both sides get the same recipe versions: the plugin is declared (in a profile appended to each
 * copy's POM, so both sides parse the same POM) with every OpenRewrite artifact on this JVM's
 * classpath as a plugin dependency, which overrides the older ones the plugin itself depends on.
 */
public final class PluginComparison {
  public static final String PLUGIN = "org.openrewrite.maven:rewrite-maven-plugin:6.46.1";

  private final Path mavenHome;
  private final Path work;
  private final String recipe;

  public PluginComparison(Path mavenHome, Path work, String recipe) {
    this.mavenHome = mavenHome;
    this.work = work;
    this.recipe = recipe;
  }

  /** One repository compared. */
  public record Comparison(String repository, String pluginDiff, String engineDiff, Duration pluginTime, Duration engineTime,
      List<RewriteResult.FileError> engineErrors) {
    public boolean identical() {
      return pluginDiff.equals(engineDiff);
    }
  }

  /** The Maven samples under {@code fleet} (directories with a pom.xml), sorted. */
  public static List<Path> samples(Path fleet) throws IOException {
    try (Stream<Path> dirs = Files.list(fleet)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
    }
  }

  /**
   * A copy of {@code sample} named {@code name} under {@code side}, with the plugin profile in its
   * POM and a first commit, so {@link #diff} shows only what a recipe changed.
   */
  public Path prepare(Path sample, String side, String name) throws Exception {
    Path copy = work.resolve(side).resolve(name);
    copyTree(sample, copy);
    Files.writeString(copy.resolve("pom.xml"), withPluginProfile(Files.readString(copy.resolve("pom.xml"), StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
    Files.writeString(copy.resolve(".gitignore"), "target/\n", StandardCharsets.UTF_8);
    try (Git git = Git.init().setDirectory(copy.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("parity", "parity@localhost");
      git.commit().setMessage("sample").setAuthor(who).setCommitter(who).setSign(false).call();
    }
    return copy;
  }

  /** {@code rewrite-maven-plugin:run} in its own Maven process; returns its wall time. */
  public Duration runPlugin(Path repo) throws Exception {
    return maven(repo, "plugin.log", "-Pfleet-parity", PLUGIN + ":run", "-Drewrite.activeRecipes=" + recipe,
        "-Drewrite.exportDatatables=false");
  }

  /**
   * What Fleet's baseline build gives the engine: compiled classes and each module's dependency list
   * (the pipeline appends the same goal to the repository's own verify command).
   */
  public Duration baseline(Path repo) throws Exception {
    List<String> args = new ArrayList<>(List.of("-q", "test-compile"));
    args.addAll(List.of(ModuleClasspath.MAVEN_GOAL.split(" ")));
    return maven(repo, "baseline.log", args.toArray(String[]::new));
  }

  /** The engine over {@code repo}, writing its changes. */
  public static RewriteResult runEngine(RecipeEngine engine, Path repo, String recipe) throws Exception {
    return engine.run(repo, List.of(recipe), true);
  }

  /**
   * {@code repo} back at its first commit: changed files restored, new ones removed (build output,
   * git-ignored, stays), so a recipe can run on it again.
   */
  public static void reset(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
      git.clean().setCleanDirectories(true).call();
    }
  }

  /** Every change to tracked and new files since the first commit, as {@code git diff} shows it. */
  public static String diff(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      git.add().addFilepattern(".").call(); // new files count as changes too
      git.add().addFilepattern(".").setUpdate(true).call(); // and deletions
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (DiffFormatter formatter = new DiffFormatter(out)) {
        formatter.setRepository(git.getRepository());
        CanonicalTreeParser head = new CanonicalTreeParser();
        try (var reader = git.getRepository().newObjectReader()) {
          head.reset(reader, git.getRepository().resolve("HEAD^{tree}"));
        }
        formatter.format(head, new org.eclipse.jgit.dircache.DirCacheIterator(git.getRepository().readDirCache()));
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** The version Maven reports ({@code Apache Maven 3.9.16 (...)}), for the engine's BuildTool marker. */
  public String mavenVersion() throws Exception {
    Path log = Files.createTempFile("mvn-version", ".log");
    try {
      run(work, log, List.of(mvn().toString(), "-v"));
      String first = Files.readAllLines(log).stream().filter(l -> l.startsWith("Apache Maven ")).findFirst().orElseThrow();
      return first.split(" ")[2];
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Heap in use after a full collection, in MB. */
  public static long heapAfterGcMb() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  private Duration maven(Path repo, String logName, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(mvn().toString(), "-B", "-ntp"));
    command.addAll(List.of(args));
    Path log = work.resolve("logs").resolve(repo.getParent().getFileName() + "-" + repo.getFileName() + "-" + logName);
    Files.createDirectories(log.getParent());
    long start = System.nanoTime();
    int exit = run(repo, log, command);
    Duration time = Duration.ofNanos(System.nanoTime() - start);
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed in " + repo + " with exit " + exit + "; see " + log);
    }
    return time;
  }

  private static int run(Path dir, Path log, List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out in " + dir);
    }
    return process.exitValue();
  }

  private Path mvn() {
    return mavenHome.resolve("bin").resolve(File.separatorChar == '\\' ? "mvn.cmd" : "mvn");
  }

  /** {@code pom} with the plugin's profile: in its own {@code <profiles>} when it has one (a real repository's often does). */
  static String withPluginProfile(String pom) {
    String profiles = pluginProfile();
    int own = pom.indexOf("<profiles>");
    if (own >= 0) {
      String profile = profiles.substring(profiles.indexOf("<profile>"), profiles.lastIndexOf("</profiles>"));
      return pom.substring(0, own + "<profiles>".length()) + "\n" + profile + pom.substring(own + "<profiles>".length());
    }
    int end = pom.lastIndexOf("</project>");
    return pom.substring(0, end) + profiles + pom.substring(end);
  }

  /** The plugin with this JVM's OpenRewrite artifacts as its dependencies. */
  private static String pluginProfile() {
    StringBuilder deps = new StringBuilder();
    for (String gav : rewriteArtifactsOnClasspath()) {
      String[] p = gav.split(":");
      deps.append("          <dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
          .append("</artifactId><version>").append(p[2]).append("</version></dependency>\n");
    }
    String[] plugin = PLUGIN.split(":");
    return """
          <profiles>
            <profile>
              <id>fleet-parity</id>
              <build>
                <plugins>
                  <plugin>
                    <groupId>%s</groupId>
                    <artifactId>%s</artifactId>
                    <version>%s</version>
                    <dependencies>
          %s          </dependencies>
                  </plugin>
                </plugins>
              </build>
            </profile>
          </profiles>
        """.formatted(plugin[0], plugin[1], plugin[2], deps);
  }

  /**
   * {@code group:artifact:version} of every OpenRewrite jar this JVM runs with, read from the
   * local-repository layout of its classpath ({@code .../group/path/artifact/version/artifact-version.jar}).
   */
  static Set<String> rewriteArtifactsOnClasspath() {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Set<String> gavs = new LinkedHashSet<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (!entry.endsWith(".jar") || !entry.replace('\\', '/').contains("/org/openrewrite/") || jar.getNameCount() < 4) {
        continue;
      }
      String version = jar.getParent().getFileName().toString();
      String artifact = jar.getParent().getParent().getFileName().toString();
      if (!jar.getFileName().toString().equals(artifact + "-" + version + ".jar") || artifact.equals("rewrite-test")) {
        continue;
      }
      Path groupDir = jar.getParent().getParent().getParent();
      List<String> group = new ArrayList<>();
      for (Path p = groupDir; p != null && p.getFileName() != null; p = p.getParent()) {
        group.add(0, p.getFileName().toString());
        if (p.getFileName().toString().equals("org")) {
          break;
        }
      }
      gavs.add(String.join(".", group) + ":" + artifact + ":" + version);
    }
    return gavs;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
