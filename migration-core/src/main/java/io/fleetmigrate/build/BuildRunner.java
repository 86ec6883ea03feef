package io.fleetmigrate.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a repository's own build command in a child process: in the checkout, with a time limit
 * that kills the whole process tree, its output in a log file (capped: head and tail kept), an
 * environment built from an allowlist so that no token or key of ours reaches code we did not
 * write, and where the machine allows it in its own PID (and optionally network) namespace — see
 * {@link Sandbox}. Without network, Maven is told to stay offline ({@code MAVEN_ARGS=-o}) and
 * works from the local repository that the baseline build (run with network) warmed.
 */
public class BuildRunner {
  /** Default cap on a build log: the first and the last half of it are kept. */
  public static final long DEFAULT_OUTPUT_CAP = 16L * 1024 * 1024;

  /** Variables a build may see; everything else in our environment stays with us. */
  static final Set<String> ALLOWED_ENV =
      Set.of(
          "PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "JAVA_HOME",
          "MAVEN_OPTS", "MAVEN_ARGS", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY",
          "NO_PROXY");

  private static final Pattern JAVAC_ERROR = Pattern.compile("^\\[ERROR\\] (/\\S+\\.java):\\[(\\d+),(\\d+)\\] (.*)$");
  private static final Pattern TEST_FAILURE = Pattern.compile("^\\[ERROR\\]\\s{2,}(\\S+[.:]\\S+.*)$");
  private static final Pattern TESTS_RUN = Pattern.compile("^\\[(?:ERROR|WARNING|INFO)\\] Tests run: \\d+, Failures: \\d+, Errors: \\d+.*$");

  private final MavenToolchain maven;
  private final Sandbox sandbox;
  private final Sandbox.Network network;
  private final long outputCap;
  private final Map<String, String> environment;

  public BuildRunner(MavenToolchain maven) {
    this(maven, Sandbox.detect(), Sandbox.Network.ALLOWED, DEFAULT_OUTPUT_CAP);
  }

  /**
   * @param network whether builds after the baseline may use the network ({@code NONE} only takes
   *     effect where the sandbox has namespaces)
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

  /** The isolation that builds after the baseline get. */
  public Sandbox.Isolation isolation() {
    return sandbox.isolation(network);
  }

  /** Runs {@code command} in {@code workdir}, writing its output to {@code log}, under the configured network policy. */
  public BuildResult run(Path workdir, String command, Duration timeout, Path log) throws BuildException {
    return run(workdir, command, timeout, log, network);
  }

  /**
   * Runs {@code command} with the network allowed whatever the policy: the baseline build, which
   * fills the local Maven repository that later offline builds use (the warm step).
   */
  public BuildResult runOnline(Path workdir, String command, Duration timeout, Path log) throws BuildException {
    return run(workdir, command, timeout, log, Sandbox.Network.ALLOWED);
  }

  private BuildResult run(Path workdir, String command, Duration timeout, Path log, Sandbox.Network net) throws BuildException {
    long start = System.nanoTime();
    Sandbox.Isolation isolation = sandbox.isolation(net);
    Process process;
    OutputCap output;
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(sandbox.wrap(command, net));
      builder.directory(workdir.toFile());
      builder.redirectErrorStream(true);
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Map<String, String> env = builder.environment();
      env.clear();
      environment.forEach((name, value) -> {
        if (ALLOWED_ENV.contains(name)) {
          env.put(name, value);
        }
      });
      env.put("PATH", maven.pathFor(env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin")));
      if (!isolation.network()) {
        String args = env.getOrDefault("MAVEN_ARGS", "");
        env.put("MAVEN_ARGS", args.isBlank() ? "-o" : args + " -o");
      }
      process = builder.start();
      output = OutputCap.start(process.getInputStream(), log, outputCap, OutputCap.OWN_LINE + "build ran in: " + isolation.description());
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
    return new BuildResult(command, exit, !finished, duration, log, summary, isolation.description());
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
