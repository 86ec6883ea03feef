package io.fleetmigrate.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs a repository's own build command in a child process: in the checkout, with a time limit
 * that kills the whole process tree, its output in a log file (capped: head and tail kept), an
 * environment built from an allowlist so that no token or key of ours reaches code we did not
 * write, and where the machine allows it in a {@link Sandbox} that confines it to its workspace
 * and takes its network away.
 *
 * <p>Without network, Maven is told to stay offline ({@code -o}) and works from the local
 * repository. When an offline build fails only because something is not in that repository yet
 * (Maven says "in offline mode and the artifact … has not been downloaded"), the <b>warm step</b>
 * runs: Fleet's own Maven, with the network but in the same file-system sandbox, in a copy of the
 * project's POMs alone (no sources, scripts or {@code .mvn/}), writing only into this repository's
 * own local-repository head (the shared repository is a read-only tail), runs {@code
 * dependency:go-offline} and fetches each missing artifact with {@code dependency:get} — Maven
 * resolving artifacts and loading the build extensions the POM declares, not the project's
 * compilers or tests — and the build is run again offline. This repeats while it fetches something new (at
 * most {@value #MAX_WARM_ROUNDS} times), which also catches what {@code go-offline} cannot know,
 * such as Surefire's test-framework provider. A fleet whose dependencies are already in the local
 * repository never warms at all.
 */
public class BuildRunner {
  /** Default cap on a build log: the first and the last half of it are kept. */
  public static final long DEFAULT_OUTPUT_CAP = 16L * 1024 * 1024;

  /** Warm-and-retry rounds after an offline miss, at most. */
  static final int MAX_WARM_ROUNDS = 4;

  /** The dependency plugin the warm step runs (pinned: an offline fleet should not float). */
  static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.11.0";

  /** Variables a build may see; everything else in our environment stays with us. */
  static final Set<String> ALLOWED_ENV =
      Set.of(
          "PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "JAVA_HOME",
          "MAVEN_OPTS", "MAVEN_ARGS", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY",
          "NO_PROXY");

  private static final Pattern JAVAC_ERROR = Pattern.compile("^\\[ERROR\\] (/\\S+\\.java):\\[(\\d+),(\\d+)\\] (.*)$");
  private static final Pattern TEST_FAILURE = Pattern.compile("^\\[ERROR\\]\\s{2,}(\\S+[.:]\\S+.*)$");
  private static final Pattern TESTS_RUN = Pattern.compile("^\\[(?:ERROR|WARNING|INFO)\\] Tests run: \\d+, Failures: \\d+, Errors: \\d+.*$");
  /** Maven 3.9's words for an artifact an offline build needs and the local repository lacks. */
  private static final Pattern OFFLINE_MISS =
      Pattern.compile("in offline mode and the artifact ([\\w.\\-]+(?::[\\w.\\-]+){3,4}) has not been downloaded from it before");

  private final MavenToolchain maven;
  private final Sandbox sandbox;
  private final Sandbox.Network network;
  private final long outputCap;
  private final Map<String, String> environment;

  public BuildRunner(MavenToolchain maven) {
    this(maven, Sandbox.detect(), Sandbox.Network.ALLOWED, DEFAULT_OUTPUT_CAP);
  }

  /**
   * @param network whether builds may use the network ({@code NONE} only takes effect where the
   *     sandbox has namespaces)
   * @param outputCap bytes of output kept per build; beyond it the middle is dropped
   */
  public BuildRunner(MavenToolchain maven, Sandbox sandbox, Sandbox.Network network, long outputCap) {
    this(maven, sandbox, network, outputCap, System.getenv());
  }

  /**
   * @param environment the environment builds are derived from (ours, outside tests): only its
   *     {@link #ALLOWED_ENV} variables reach a build
   */
  BuildRunner(MavenToolchain maven, Sandbox sandbox, Sandbox.Network network, long outputCap, Map<String, String> environment) {
    this.maven = maven;
    this.sandbox = sandbox;
    this.network = network;
    this.outputCap = outputCap;
    this.environment = Map.copyOf(environment);
  }

  /**
   * The network policy for {@code setting} ({@code auto}, {@code none}, {@code allowed}): {@code
   * auto} is {@code none} where the sandbox can take the network away, else {@code allowed}.
   */
  public static Sandbox.Network networkPolicy(String setting, Sandbox sandbox) {
    String s = setting.strip().toLowerCase(java.util.Locale.ROOT);
    return switch (s) {
      case "auto", "" -> sandbox.namespaces() ? Sandbox.Network.NONE : Sandbox.Network.ALLOWED;
      case "none" -> Sandbox.Network.NONE;
      case "allowed" -> Sandbox.Network.ALLOWED;
      default -> throw new IllegalArgumentException(
          "fleet.build.network (FLEET_BUILD_NETWORK) must be 'auto', 'none' or 'allowed', not '" + setting + "'");
    };
  }

  /**
   * Checks the build settings a command takes from the environment ({@code FLEET_BUILD_NETWORK},
   * {@code FLEET_SANDBOX}, {@code FLEET_MAVEN_WARM}) before anything starts, so that a typo is a
   * usage error and not a job that fails with the reason only in the log.
   *
   * @throws IllegalArgumentException naming the variable and the values it takes
   */
  public static void checkSettings(Map<String, String> env) {
    check(env, "FLEET_BUILD_NETWORK", List.of("auto", "none", "allowed"));
    check(env, "FLEET_SANDBOX", List.of("auto", "bwrap", "unshare", "off"));
    check(env, "FLEET_MAVEN_WARM", List.of("own", "shared"));
  }

  private static void check(Map<String, String> env, String name, List<String> allowed) {
    String value = env.get(name);
    if (value != null && !value.isBlank() && !allowed.contains(value.strip().toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException(name + " must be " + String.join(", ", allowed) + ", not '" + value + "'");
    }
  }

  /** The isolation that builds get. */
  public Sandbox.Isolation isolation() {
    return sandbox.isolation(network);
  }

  /**
   * Runs {@code command} in {@code workdir}, writing its output to {@code log}, under the configured
   * network policy; offline, a miss in the local Maven repository warms it and runs again.
   */
  public BuildResult run(Path workdir, String command, Duration timeout, Path log) throws BuildException {
    BuildResult result = execute(workdir, workdir, command, timeout, log, network, false);
    if (result.green() || result.timedOut() || sandbox.isolation(network).network()) {
      return result;
    }
    Duration spent = result.duration();
    Set<String> fetched = new LinkedHashSet<>();
    int rounds = 0;
    BuildResult warm = null;
    while (rounds < MAX_WARM_ROUNDS) {
      List<String> missing = offlineMisses(result.log());
      if (missing.isEmpty() || (rounds > 0 && fetched.containsAll(missing))) {
        break;
      }
      rounds++;
      Path warmLog = log.resolveSibling(baseName(log) + ".warm-" + rounds + ".log");
      Path poms;
      try {
        poms = pomsOnly(workdir);
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new BuildException("cannot prepare the warm step for " + workdir + ": " + e.getMessage(), e);
      }
      warm = execute(poms, workdir, warmCommand(command, rounds == 1, missing), timeout, warmLog, Sandbox.Network.ALLOWED, true);
      fetched.addAll(missing);
      spent = spent.plus(warm.duration());
      if (warm.timedOut()) {
        break;
      }
      result = execute(workdir, workdir, command, timeout, log, network, false);
      spent = spent.plus(result.duration());
      if (result.green() || result.timedOut()) {
        break;
      }
    }
    if (rounds == 0) {
      return result;
    }
    String warmed = "; local Maven repository warmed " + rounds + (rounds == 1 ? " time" : " times") + " (" + fetched.size()
        + " missing artifact" + (fetched.size() == 1 ? "" : "s") + ", see " + log.getFileName() + " warm logs)";
    String summary = result.summary();
    List<String> still = result.green() ? List.of() : offlineMisses(result.log());
    if (!still.isEmpty()) {
      summary = "offline build lacks " + still.get(0) + (still.size() > 1 ? " (+" + (still.size() - 1) + " more)" : "")
          + " and the warm step could not fetch it" + (warm == null ? "" : " (" + warm.log().getFileName() + ": "
          + (warm.green() ? "it ran green" : warm.summary()) + ")");
    }
    return new BuildResult(result.command(), result.exitCode(), result.timedOut(), spent, result.log(), summary,
        result.isolation() + warmed);
  }

  /**
   * The Maven runs of a warm step: go-offline on the first round, then each missing artifact. Always
   * Fleet's own Maven ({@code mvn}: its {@code bin} is first on the build's PATH), never the
   * project's {@code ./mvnw}, which is a script of the project's.
   */
  String warmCommand(String command, boolean goOffline, List<String> missing) {
    String mvn = "mvn";
    List<String> runs = new ArrayList<>();
    if (goOffline) {
      runs.add(mvn + " -B -ntp " + DEPENDENCY_PLUGIN + ":go-offline");
    }
    for (String artifact : missing) {
      runs.add(mvn + " -B -ntp " + DEPENDENCY_PLUGIN + ":get -Dtransitive=true -Dartifact=" + getCoordinates(artifact));
    }
    // Each run is worth doing even when one before it fails (a sibling module not built yet).
    return String.join("; ", runs);
  }

  /** {@code g:a:ext:v} or {@code g:a:ext:classifier:v} as Maven reports it, in dependency:get's order {@code g:a:v:ext[:classifier]}. */
  static String getCoordinates(String reported) {
    String[] p = reported.split(":");
    return p.length == 5 ? p[0] + ":" + p[1] + ":" + p[4] + ":" + p[2] + ":" + p[3] : p[0] + ":" + p[1] + ":" + p[3] + ":" + p[2];
  }

  /** The artifacts an offline Maven build said it lacked, in order, without repeats. */
  static List<String> offlineMisses(Path log) {
    Set<String> found = new LinkedHashSet<>();
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      lines.forEach(line -> {
        Matcher m = OFFLINE_MISS.matcher(line);
        while (m.find()) {
          found.add(m.group(1));
        }
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
    return List.copyOf(found);
  }

  /**
   * The local repository head of the repository in {@code workdir}, beside its workspace: what its
   * warm steps fetch, kept across its runs and seen by no other repository's build.
   */
  static Path headFor(Path workdir) {
    Path abs = workdir.toAbsolutePath().normalize();
    return abs.resolveSibling(".m2-" + abs.getFileName());
  }

  /**
   * A copy of the project's POMs alone, in their directories, beside the workspace: the warm step
   * runs there, so the project's {@code .mvn/} ({@code jvm.config}, {@code maven.config}, {@code
   * extensions.xml}), sources and scripts are not there to run with the network.
   */
  static Path pomsOnly(Path workdir) throws IOException {
    Path abs = workdir.toAbsolutePath().normalize();
    Path copy = abs.resolveSibling(".warm-" + abs.getFileName());
    if (Files.exists(copy)) {
      try (Stream<Path> old = Files.walk(copy)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(copy);
    Files.walkFileTree(abs, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), 12, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        boolean skip = !dir.equals(abs) && (name.startsWith(".") || name.equals("target") || name.equals("node_modules") || name.equals("src"));
        return skip ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile() && file.getFileName().toString().equals("pom.xml")) {
          Path to = copy.resolve(abs.relativize(file).toString());
          Files.createDirectories(to.getParent());
          Files.copy(file, to);
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
    return copy;
  }

  private static String baseName(Path log) {
    String name = log.getFileName().toString();
    return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
  }

  /**
   * @param workdir where the command runs (the workspace; for the warm step, the POM-only copy)
   * @param project the repository's workspace, whose local repository head is used
   */
  private BuildResult execute(Path workdir, Path project, String command, Duration timeout, Path log, Sandbox.Network net,
      boolean warming) throws BuildException {
    long start = System.nanoTime();
    Sandbox.Isolation isolation = sandbox.isolation(net);
    String description = warming
        ? isolation.description() + "; warm step: Fleet's Maven resolves dependencies and plugins into this repository's own"
            + " local-repository head (read-write), in a copy of its POMs (no sources, no .mvn/)"
        : isolation.description();
    Process process;
    OutputCap output;
    try {
      Files.createDirectories(log.getParent());
      Map<String, String> allowed = new java.util.HashMap<>();
      environment.forEach((name, value) -> {
        if (ALLOWED_ENV.contains(name)) {
          allowed.put(name, value);
        }
      });
      // Offline, the shared repository is a read-only tail and each repository warms its own head.
      Path head = (isolation.network() && !warming) || maven.sharedWarm() ? null : headFor(project);
      Sandbox.View view = view(workdir, head, allowed, warming);
      ProcessBuilder builder = new ProcessBuilder(sandbox.wrap(command, net, view));
      builder.directory(workdir.toFile());
      builder.redirectErrorStream(true);
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Map<String, String> env = builder.environment();
      env.clear();
      env.putAll(allowed);
      env.put("PATH", maven.pathFor(env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin")));
      String args = env.getOrDefault("MAVEN_ARGS", "").strip();
      args = (args.isEmpty() ? "" : args + " ") + maven.arguments(head);
      env.put("MAVEN_ARGS", isolation.network() ? args : args + " -o");
      process = builder.start();
      output = OutputCap.start(process.getInputStream(), log, outputCap, OutputCap.OWN_LINE + "build ran in: " + description);
    } catch (IOException e) {
      throw new BuildException("cannot start '" + command + "' in " + workdir + ": " + e.getMessage(), e);
    }
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while running '" + command + "'", e);
    }
    if (!finished) {
      killTree(process);
    }
    try {
      output.finish();
    } catch (IOException e) {
      throw new BuildException("cannot write the log of '" + command + "' to " + log + ": " + e.getMessage(), e);
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    int exit = finished ? process.exitValue() : -1;
    String summary;
    if (!finished) {
      summary = "timed out after " + human(timeout);
    } else if (exit == 0) {
      summary = "";
    } else {
      summary = summarize(log, workdir);
    }
    return new BuildResult(command, exit, !finished, duration, log, summary, description);
  }

  /**
   * What a build may see under bubblewrap: its workspace; the JDK and Maven it runs with and the
   * local repository, read-only; its own repository head, writable only for the warm step; our
   * home hidden. Maven's wrapper directory is never writable: Fleet runs the Maven in it.
   */
  private Sandbox.View view(Path workdir, @Nullable Path head, Map<String, String> env, boolean warming) throws IOException {
    List<Path> readOnly = new ArrayList<>();
    List<Path> writable = new ArrayList<>();
    if (maven.home() != null) {
      readOnly.add(maven.home());
    }
    String javaHome = env.get("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      readOnly.add(Path.of(javaHome));
    }
    readOnly.add(Path.of(System.getProperty("java.home")));
    if (maven.settings() != null) {
      readOnly.add(maven.settings());
    }
    Path repository = maven.localRepository();
    Files.createDirectories(repository);
    (warming && maven.sharedWarm() ? writable : readOnly).add(repository);
    if (head != null) {
      Files.createDirectories(head);
      (warming ? writable : readOnly).add(head);
    }
    // Projects built with their own ./mvnw find the Maven it downloaded here (read-only).
    Path wrapper = repository.resolveSibling("wrapper");
    if (Files.isDirectory(wrapper)) {
      readOnly.add(wrapper);
    }
    String home = env.get("HOME");
    return new Sandbox.View(workdir, readOnly, writable, home == null || home.isBlank() ? null : Path.of(home));
  }

  private static void killTree(Process process) {
    // Descendants first, found while their parent still lives; in a PID namespace, killing its
    // first process (unshare's child) would take the rest with it anyway.
    try (Stream<ProcessHandle> descendants = process.descendants()) {
      descendants.forEach(ProcessHandle::destroyForcibly);
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The first compile error or failing tests in a Maven log, one line; falls back to the first
   * {@code [ERROR]} line, then to the last line of output.
   */
  static String summarize(Path log, Path workdir) {
    List<String> lines;
    try (Stream<String> stream = Files.lines(log, StandardCharsets.UTF_8)) {
      // Our own lines (the sandbox header, the cap's notice) are not the build's words.
      lines = stream.map(BuildRunner::stripAnsi).filter(l -> !l.startsWith(OutputCap.OWN_LINE)).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      return "build failed (log unreadable: " + e.getMessage() + ")";
    }
    String prefix = workdir.toAbsolutePath().normalize() + "/";
    List<String> compileErrors = new ArrayList<>();
    for (String line : lines) {
      Matcher m = JAVAC_ERROR.matcher(line);
      if (m.matches()) {
        String file = m.group(1).startsWith(prefix) ? m.group(1).substring(prefix.length()) : m.group(1);
        String error = file + ":" + m.group(2) + ":" + m.group(3) + ": " + m.group(4);
        if (!compileErrors.contains(error)) {
          compileErrors.add(error);
        }
      }
    }
    if (!compileErrors.isEmpty()) {
      return "compile error: " + compileErrors.get(0) + more(compileErrors.size() - 1, "compile error");
    }
    List<String> failures = new ArrayList<>();
    boolean inResults = false;
    for (String line : lines) {
      if (line.startsWith("[ERROR] Failures:") || line.startsWith("[ERROR] Errors:")) {
        inResults = true;
        continue;
      }
      if (inResults) {
        Matcher m = TEST_FAILURE.matcher(line);
        if (m.matches()) {
          failures.add(m.group(1).strip());
        } else if (!line.startsWith("[ERROR]   ")) {
          inResults = false;
        }
      }
    }
    if (!failures.isEmpty()) {
      String totals = lines.stream().filter(l -> TESTS_RUN.matcher(l).matches() && !l.contains(" - in ")).reduce((a, b) -> b).orElse("");
      String counts = totals.isEmpty() ? "" : " (" + totals.replaceFirst("^\\[\\w+\\] ", "") + ")";
      return "test failed: " + failures.get(0) + more(failures.size() - 1, "failure") + counts;
    }
    for (String line : lines) {
      if (line.startsWith("[ERROR] ") && line.length() > 8 && !line.startsWith("[ERROR] -> ") && !line.startsWith("[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire")) {
        return line.substring(8).strip();
      }
    }
    for (String line : lines) {
      if (line.startsWith("[ERROR] ")) {
        return line.substring(8).strip();
      }
    }
    return lines.isEmpty() ? "build failed with no output" : "build failed: " + lines.get(lines.size() - 1).strip();
  }

  private static String more(int n, String what) {
    return n <= 0 ? "" : " (+" + n + " more " + what + (n == 1 ? "" : "s") + ")";
  }

  private static String stripAnsi(String line) {
    return line.replaceAll("\u001B\\[[;\\d]*m", "");
  }

  static String human(Duration d) {
    if (d.toSeconds() < 120) {
      return d.toSeconds() + "s";
    }
    if (d.toMinutes() < 120) {
      return d.toMinutes() + "m";
    }
    return d.toHours() + "h";
  }
}
