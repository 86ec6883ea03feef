package io.fleetmigrate.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.fleetmigrate.build.jdk.Jdk;
import io.fleetmigrate.build.jdk.JdkChoice;
import io.fleetmigrate.build.jdk.KnownJdks;
import io.fleetmigrate.build.jdk.Toolchains;
import org.jspecify.annotations.Nullable;

/**
 * Runs a repository's own build command in a child process: in the checkout, with a time limit
 * that kills the whole process tree, its output in a log file (capped: head and tail kept), an
 * environment built from an allowlist so that no token or key of ours reaches code we did not
 * write, and where the machine allows it in a {@link Sandbox} that confines it to its workspace
 * and takes its network away.
 *
 * <p>Without network, Maven is told to stay offline ({@code -o}) and works from the local
 * repository. An offline build must never be called red for want of an artifact (a plugin, a
 * dependency, a BOM, an extension, or Surefire's test-framework provider, which Surefire resolves
 * only when the tests start, so that nothing that merely reads POMs can know it): in bubblewrap, a
 * build that fails offline and whose log shows any such want ({@link BuildLog#lacksArtifacts}) is
 * run once more <b>with resolution allowed</b> — the network, in the same file-system sandbox,
 * Maven writing only into this repository's own local-repository head (the shared repository is a
 * read-only tail) — and, when that is green, once more offline: the verdict is always a build whose
 * tests had no network, so it does not depend on what the local repository held. This is the
 * default ({@code fleet.build.network=auto}). Where the file system is not confined ({@code
 * unshare}), the project's own code never gets the network: the warm step below runs instead.
 *
 * <p>With {@code fleet.build.network=none} (and without bubblewrap) no build of the project's code
 * ever gets the network; instead the <b>warm step</b> runs: Fleet's own Maven, with the network but in the same
 * file-system sandbox, in a copy of the project's POMs alone (no sources, scripts or {@code
 * .mvn/}), runs {@code dependency:go-offline} and fetches each missing artifact with {@code
 * dependency:get}, and the build is run again offline, at most {@value #MAX_WARM_ROUNDS} times. What
 * the POMs do not name (Surefire's provider) may then still be missing, and the build ends red
 * with the artifact's name and the setting that forbade fetching it.
 *
 * <p><b>Transient failures.</b> A run of any kind that failed only because Maven could not download
 * something for a reason that goes away (a network error, a 5xx, another Maven racing over the
 * same local repository: {@link BuildLog#transientFailure}) runs again after a short wait, at most
 * {@link #TRANSIENT_BACKOFF}'s length of times, each run again within what is left of the run's
 * one timeout ({@link #leastForARunAgain}); a warm step, whose exit code is only its last Maven
 * run's, is read for such a failure whatever its exit code. The earlier logs are kept beside it
 * ({@code *.transient-N.log}). If it still fails so, that is no verdict on the repository or on a
 * change: {@link TransientBuildException}, which the pipeline ends {@code ERROR}.
 *
 * <p><b>The JDK.</b> A runner {@link #on(JdkChoice) on a chosen JDK} gives its builds {@code
 * JAVA_HOME} set to that JDK and its {@code bin} first on the {@code PATH} (the sandbox shows it
 * read-only); the JDK and why it was chosen are the first lines of every log and part of the
 * result's {@link BuildResult#isolation()}. Every Maven run gets the {@link Toolchains} file of the
 * JDKs Fleet knows ({@code -t}), whose homes the sandbox shows too. A runner on no chosen JDK
 * passes on our {@code JAVA_HOME}, as before JDKs were chosen.
 */
public class BuildRunner {
  /** Default cap on a build log: the first and the last half of it are kept. */
  public static final long DEFAULT_OUTPUT_CAP = 16L * 1024 * 1024;

  /** Warm-and-retry rounds after an offline miss, at most. */
  static final int MAX_WARM_ROUNDS = 4;


  /** Variables a build may see; everything else in our environment stays with us. */
  static final Set<String> ALLOWED_ENV =
      Set.of(
          "PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "JAVA_HOME",
          "MAVEN_OPTS", "MAVEN_ARGS", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY",
          "NO_PROXY");

  /**
   * The waits before running a build again after it failed only for a transient resolution reason
   * ({@link BuildLog#transientFailure}): one retry per entry, then the failure is the
   * infrastructure's ({@link TransientBuildException}).
   */
  static final List<Duration> TRANSIENT_BACKOFF = List.of(Duration.ofSeconds(5), Duration.ofSeconds(20));

  /**
   * The least time worth a run again after a transient failure: a minute, or a quarter of a build's
   * timeout when that is shorter. The runs again share the build's timeout; with less left, the
   * failure is the infrastructure's at once.
   */
  static Duration leastForARunAgain(Duration timeout) {
    Duration quarter = timeout.dividedBy(4);
    return quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
  }

  /** Variables Fleet sets for a build itself: {@link #withEnvironment additions} may not name them. */
  public static final Set<String> FLEET_SETS = Set.of("PATH", "JAVA_HOME", "HOME", "TMPDIR");


  private final MavenToolchain maven;
  private final Sandbox sandbox;
  private final Sandbox.Network network;
  private final boolean resolveOnMiss;
  private final long outputCap;
  private final Map<String, String> environment;
  private volatile @Nullable KnownJdks known;
  private final @Nullable Toolchains toolchains;
  private final @Nullable JdkChoice jdk;
  private final Map<String, String> additions;
  private final List<Duration> transientBackoff;
  /** What reads this runner's logs and makes its warm step's commands: Maven, unless {@link #with(BuildTool) set}. */
  private final BuildTool tool;

  public BuildRunner(MavenToolchain maven) {
    this(maven, Sandbox.detect(), Sandbox.Network.ALLOWED, DEFAULT_OUTPUT_CAP);
  }

  /**
   * Offline builds ({@code NONE}) that lack an artifact are run again with resolution allowed
   * (the default policy, {@code auto}).
   *
   * @param network whether builds may use the network ({@code NONE} only takes effect where the
   *     sandbox has namespaces)
   * @param outputCap bytes of output kept per build; beyond it the middle is dropped
   */
  public BuildRunner(MavenToolchain maven, Sandbox sandbox, Sandbox.Network network, long outputCap) {
    this(maven, sandbox, network, true, outputCap, System.getenv());
  }

  /**
   * @param resolveOnMiss whether an offline build that lacks an artifact runs again with the network
   *     ({@code false}: only the POM-only warm step may fetch, as {@code fleet.build.network=none} asks)
   */
  public BuildRunner(MavenToolchain maven, Sandbox sandbox, Sandbox.Network network, boolean resolveOnMiss, long outputCap) {
    this(maven, sandbox, network, resolveOnMiss, outputCap, System.getenv());
  }

  BuildRunner(MavenToolchain maven, Sandbox sandbox, Sandbox.Network network, long outputCap, Map<String, String> environment) {
    this(maven, sandbox, network, true, outputCap, environment);
  }

  /**
   * @param environment the environment builds are derived from (ours, outside tests): only its
   *     {@link #ALLOWED_ENV} variables reach a build
   */
  BuildRunner(MavenToolchain maven, Sandbox sandbox, Sandbox.Network network, boolean resolveOnMiss, long outputCap,
      Map<String, String> environment) {
    this(maven, sandbox, network, resolveOnMiss, outputCap, environment, null, null, null, Map.of(), TRANSIENT_BACKOFF, MavenBuildTool.MAVEN);
  }

  private BuildRunner(MavenToolchain maven, Sandbox sandbox, Sandbox.Network network, boolean resolveOnMiss, long outputCap,
      Map<String, String> environment, @Nullable KnownJdks known, @Nullable Toolchains toolchains, @Nullable JdkChoice jdk,
      Map<String, String> additions, List<Duration> transientBackoff, BuildTool tool) {
    this.maven = maven;
    this.sandbox = sandbox;
    this.network = network;
    this.resolveOnMiss = resolveOnMiss;
    this.outputCap = outputCap;
    this.environment = Map.copyOf(environment);
    this.known = known;
    this.toolchains = toolchains;
    this.jdk = jdk;
    this.additions = Map.copyOf(additions);
    this.transientBackoff = List.copyOf(transientBackoff);
    this.tool = tool;
  }

  /**
   * This runner with {@code known} as the JDKs it may be put {@link #on}, and {@code toolchains}
   * (written from them) given to every Maven run; {@code null}: no toolchains file.
   */
  public BuildRunner withJdks(KnownJdks known, @Nullable Toolchains toolchains) {
    return new BuildRunner(maven, sandbox, network, resolveOnMiss, outputCap, environment, known, toolchains, jdk, additions, transientBackoff, tool);
  }

  /** This runner with its builds on the JDK {@code choice} found, and its reason in their logs. */
  public BuildRunner on(JdkChoice choice) {
    if (!choice.found()) {
      throw new IllegalArgumentException("no JDK to build on: " + choice.reason());
    }
    return new BuildRunner(maven, sandbox, network, resolveOnMiss, outputCap, environment, knownJdks(), toolchains, choice, additions, transientBackoff, tool);
  }

  /**
   * This runner with {@code additions} in its builds' environment: literal values (a campaign's
   * per-repository settings), never read from ours, so they cannot carry a token of ours in; they
   * may not name what Fleet sets itself ({@link #FLEET_SETS}).
   *
   * @throws IllegalArgumentException naming the variable
   */
  public BuildRunner withEnvironment(Map<String, String> additions) {
    for (String name : additions.keySet()) {
      if (FLEET_SETS.contains(name)) {
        throw new IllegalArgumentException(name + " is set by Fleet for every build and cannot be added"
            + (name.equals("JAVA_HOME") || name.equals("PATH") ? " (choose the JDK with 'jdk')" : ""));
      }
    }
    Map<String, String> all = new java.util.LinkedHashMap<>(this.additions);
    all.putAll(additions);
    return new BuildRunner(maven, sandbox, network, resolveOnMiss, outputCap, environment, known, toolchains, jdk, all, transientBackoff, tool);
  }

  /**
   * This runner with {@code backoff} as the waits before each run again of a build that failed for a
   * transient download failure (one run again per entry; empty: none), instead of {@link #TRANSIENT_BACKOFF}.
   */
  public BuildRunner withTransientBackoff(List<Duration> backoff) {
    return new BuildRunner(maven, sandbox, network, resolveOnMiss, outputCap, environment, known, toolchains, jdk, additions, backoff, tool);
  }

  /** This runner for the builds of {@code tool}: its log reader and its warm step's commands. */
  public BuildRunner with(BuildTool tool) {
    return new BuildRunner(maven, sandbox, network, resolveOnMiss, outputCap, environment, known, toolchains, jdk, additions, transientBackoff, tool);
  }

  /** The JDKs this runner's builds may be put on (by default those of this machine and {@code FLEET_JDKS}). */
  public KnownJdks knownJdks() {
    KnownJdks k = known;
    if (k == null) {
      k = KnownJdks.of(BuildSettings.fromEnvironment());
      known = k;
    }
    return k;
  }

  /** The JDK this runner's builds are on, and why; {@code null}: ours, as passed on in {@code JAVA_HOME}. */
  public @Nullable JdkChoice jdk() {
    return jdk;
  }

  /**
   * The network policy for {@code setting} ({@code auto}, {@code none}, {@code allowed}, see {@link
   * BuildSettings#network}): {@code auto} is {@code none} where the sandbox can take the network
   * away, else {@code allowed}.
   */
  public static Sandbox.Network networkPolicy(String setting, Sandbox sandbox) {
    return switch (BuildSettings.network(setting)) {
      case "auto" -> sandbox.namespaces() ? Sandbox.Network.NONE : Sandbox.Network.ALLOWED;
      case "none" -> Sandbox.Network.NONE;
      default -> Sandbox.Network.ALLOWED;
    };
  }

  /** See {@link BuildSettings#resolveOnMiss()}. */
  public static boolean resolveOnMiss(String setting) {
    return BuildSettings.resolveOnMiss(setting);
  }

  /** The runner the settings ask for: the sandbox {@code settings.sandbox()} names, its network policy, the output cap. */
  public static BuildRunner of(BuildSettings settings, MavenToolchain maven, long outputCap) {
    Sandbox sandbox = Sandbox.detect(settings.sandbox());
    return new BuildRunner(maven, sandbox, networkPolicy(settings.network(), sandbox), settings.resolveOnMiss(), outputCap)
        .withJdks(KnownJdks.of(settings), null);
  }

  /**
   * {@link #of(BuildSettings, MavenToolchain, long)}, with the toolchains of the known JDKs written
   * to {@code dataDir} and given to every Maven run.
   */
  public static BuildRunner of(BuildSettings settings, MavenToolchain maven, long outputCap, Path dataDir) throws IOException {
    BuildRunner runner = of(settings, maven, outputCap);
    KnownJdks known = runner.knownJdks();
    return runner.withJdks(known, Toolchains.write(known, dataDir));
  }

  /** The isolation that builds get. */
  public Sandbox.Isolation isolation() {
    return sandbox.isolation(network);
  }

  /**
   * Runs {@code command} in {@code workdir}, writing its output to {@code log}, under the configured
   * network policy; offline, a build that lacks an artifact runs again with resolution allowed (or,
   * under {@code none}, after the warm step).
   */
  public BuildResult run(Path workdir, String command, Duration timeout, Path log) throws BuildException {
    BuildResult result = execute(workdir, workdir, command, timeout, log, Pass.BUILD);
    if (result.green() || result.timedOut() || sandbox.isolation(network).network() || !tool.log().lacksArtifacts(result.log())) {
      return result;
    }
    // Running the project's own build with the network is safe only where its file system is
    // confined (bubblewrap): elsewhere it could read our files and send them out.
    return resolveOnMiss && sandbox.mode() == Sandbox.Mode.BWRAP
        ? resolve(workdir, command, timeout, log, result)
        : warm(workdir, command, timeout, log, result);
  }

  /**
   * The same build once more with resolution allowed, after an offline run that lacked something;
   * when that is green, once more offline, and that run is the verdict: the tests never have the
   * network in the build that decides, so a verdict does not depend on what the local repository
   * happened to hold (a test that downloads a binary is red whether or not its build had to resolve
   * first). The first offline run's log is kept beside it ({@code *.offline.log}), the run with the
   * network's too ({@code *.resolve.log}).
   */
  private BuildResult resolve(Path workdir, String command, Duration timeout, Path log, BuildResult offline) throws BuildException {
    List<String> lacked = tool.log().lacked(offline.log());
    Path offlineLog = log.resolveSibling(baseName(log) + ".offline.log");
    Path resolveLog = log.resolveSibling(baseName(log) + ".resolve.log");
    move(offline.log(), offlineLog);
    BuildResult online = execute(workdir, workdir, command, timeout, resolveLog, Pass.RESOLVE);
    String why = lacked.isEmpty() ? "an artifact" : lacked.get(0) + (lacked.size() > 1 ? " (+" + (lacked.size() - 1) + " more)" : "");
    String resolved = "; the offline build lacked " + why + " (" + offlineLog.getFileName() + "), so it ran with resolution allowed ("
        + resolveLog.getFileName() + ": the network, Maven writing into " + fetchesInto(false) + ")";
    if (!online.green()) {
      move(resolveLog, log);
      return new BuildResult(online.command(), online.exitCode(), online.timedOut(), offline.duration().plus(online.duration()),
          log, online.summary(), offline.isolation() + resolved);
    }
    BuildResult confirmed = execute(workdir, workdir, command, timeout, log, Pass.BUILD);
    Duration spent = offline.duration().plus(online.duration()).plus(confirmed.duration());
    String summary = confirmed.green() ? "" : "green only with the network (" + resolveLog.getFileName() + "), red offline: " + confirmed.summary();
    return new BuildResult(confirmed.command(), confirmed.exitCode(), confirmed.timedOut(), spent, confirmed.log(), summary,
        offline.isolation() + resolved + ", then offline again for the verdict");
  }

  private static void move(Path from, Path to) throws BuildException {
    try {
      Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new BuildException("cannot move the build log " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  /**
   * Under {@code none}: the warm step fetches what the POMs name (and each artifact the build said it
   * lacked) without running the project's code, and the build runs offline again, while it fetches
   * something new.
   */
  private BuildResult warm(Path workdir, String command, Duration timeout, Path log, BuildResult result) throws BuildException {
    Duration spent = result.duration();
    Set<String> fetched = new LinkedHashSet<>();
    int rounds = 0;
    BuildResult warm = null;
    while (rounds < MAX_WARM_ROUNDS) {
      List<String> missing = tool.fetchable(tool.log().lacked(result.log()));
      if (rounds > 0 && (missing.isEmpty() || fetched.containsAll(missing))) {
        break;
      }
      rounds++;
      Path warmLog = log.resolveSibling(baseName(log) + ".warm-" + rounds + ".log");
      Path poms;
      try {
        poms = tool.buildFilesOnly(workdir);
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new BuildException("cannot prepare the warm step for " + workdir + ": " + e.getMessage(), e);
      }
      warm = execute(poms, workdir, tool.warmCommand(rounds == 1, missing), timeout, warmLog, Pass.WARM);
      fetched.addAll(missing);
      spent = spent.plus(warm.duration());
      if (warm.timedOut()) {
        break;
      }
      result = execute(workdir, workdir, command, timeout, log, Pass.BUILD);
      spent = spent.plus(result.duration());
      if (result.green() || result.timedOut() || !tool.log().lacksArtifacts(result.log())) {
        break;
      }
    }
    String warmed = "; local Maven repository warmed " + rounds + (rounds == 1 ? " time" : " times") + " (" + fetched.size()
        + " missing artifact" + (fetched.size() == 1 ? "" : "s") + ", see " + log.getFileName() + " warm logs)";
    String summary = result.summary();
    List<String> still = result.green() ? List.of() : tool.log().lacked(result.log());
    if (!still.isEmpty()) {
      summary = "offline build lacks " + still.get(0) + (still.size() > 1 ? " (+" + (still.size() - 1) + " more)" : "")
          + " and the warm step could not fetch it (" + (resolveOnMiss
              ? "without bubblewrap the build itself never gets the network: install bubblewrap"
              : "FLEET_BUILD_NETWORK=none: the build itself never gets the network") + ")"
          + (warm == null ? "" : " (" + warm.log().getFileName() + ": " + (warm.green() ? "it ran green" : warm.summary()) + ")");
    }
    return new BuildResult(result.command(), result.exitCode(), result.timedOut(), spent, result.log(), summary,
        result.isolation() + warmed);
  }

  /**
   * The local repository head of the repository in {@code workdir}, beside its workspace: what its
   * warm steps fetch, kept across its runs and seen by no other repository's build.
   */
  static Path headFor(Path workdir) {
    Path abs = workdir.toAbsolutePath().normalize();
    return abs.resolveSibling(".m2-" + abs.getFileName());
  }

  private static String baseName(Path log) {
    String name = log.getFileName().toString();
    return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
  }

  /** Where a run that fetches writes, in words. */
  private static String fetchesInto(boolean shared) {
    return shared ? "the shared local repository (read-write)" : "this repository's own local-repository head (read-write)";
  }

  /** The kinds of Maven run: the build under the policy, the POM-only warm step, the build with resolution allowed. */
  private enum Pass {
    BUILD,
    WARM,
    RESOLVE
  }

  /**
   * @param workdir where the command runs (the workspace; for the warm step, the POM-only copy)
   * @param project the repository's workspace, whose local repository head is used
   */
  private BuildResult execute(Path workdir, Path project, String command, Duration timeout, Path log, Pass pass)
      throws BuildException {
    long started = System.nanoTime();
    BuildResult result = once(workdir, project, command, timeout, log, pass);
    List<String> kept = new ArrayList<>();
    Duration spent = result.duration();
    // A warm step is several Maven runs, and its exit code is the last one's: a go-offline that failed
    // for a transient reason before a green dependency:get is read from its log, whatever the exit code.
    for (int retry = 0; (pass == Pass.WARM || !result.green()) && !result.timedOut(); retry++) {
      String cause = tool.log().transientFailure(result.log(), workdir);
      if (cause == null) {
        break;
      }
      Duration left = retry == transientBackoff.size() ? Duration.ZERO
          : timeout.minus(Duration.ofNanos(System.nanoTime() - started)).minus(transientBackoff.get(retry));
      if (retry == transientBackoff.size() || left.compareTo(leastForARunAgain(timeout)) < 0) {
        String noTime = retry == transientBackoff.size() ? ""
            : " (not run again: " + human(left.isNegative() ? Duration.ZERO : left) + " of its " + human(timeout) + " timeout left)";
        throw new TransientBuildException("Maven could not download what the build needs, " + (retry + 1) + (retry == 0 ? " time" : " times")
            + noTime + ", for a reason that is not the repository's: " + cause + " (" + log.getFileName()
            + (kept.isEmpty() ? "" : ", " + String.join(", ", kept)) + "); an infrastructure fault (the network, the Maven repository,"
            + " or another Maven on the same local repository): run it again");
      }
      Path earlier = unused(log, "transient");
      move(result.log(), earlier);
      kept.add(earlier.getFileName().toString());
      try {
        Thread.sleep(transientBackoff.get(retry).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BuildException("interrupted while waiting to run '" + command + "' again", e);
      }
      // The run again gets what is left of the build's timeout, not a timeout of its own.
      Duration remaining = timeout.minus(Duration.ofNanos(System.nanoTime() - started));
      result = once(workdir, project, command, remaining.isNegative() ? Duration.ZERO : remaining, log, pass);
      spent = spent.plus(result.duration());
    }
    if (kept.isEmpty()) {
      return result;
    }
    return new BuildResult(result.command(), result.exitCode(), result.timedOut(), spent, result.log(), result.summary(),
        result.isolation() + "; run " + (kept.size() + 1) + " times: Maven's downloads failed for a transient reason before ("
            + String.join(", ", kept) + ")");
  }

  /**
   * {@code log}'s sibling {@code <name>.<kind>-N.log} with the first N not taken: a pass that writes
   * the same log more than once (the warm step's builds) keeps every earlier one.
   */
  private static Path unused(Path log, String kind) {
    for (int n = 1; ; n++) {
      Path candidate = log.resolveSibling(baseName(log) + "." + kind + "-" + n + ".log");
      if (!Files.exists(candidate)) {
        return candidate;
      }
    }
  }

  /** One run of {@code command}, as {@link #execute}'s arguments say. */
  private BuildResult once(Path workdir, Path project, String command, Duration timeout, Path log, Pass pass)
      throws BuildException {
    long start = System.nanoTime();
    Sandbox.Network net = pass == Pass.BUILD ? network : Sandbox.Network.ALLOWED;
    Sandbox.Isolation isolation = sandbox.isolation(net);
    boolean fetches = isolation.network();
    // Offline, the shared repository is a read-only tail and what a repository fetches goes into its
    // own head; builds that have the network anyway (fleet.build.network=allowed) use the shared one.
    // Only Fleet's own Maven on a copy of the POMs (the warm step) may fill the shared repository
    // with FLEET_MAVEN_WARM=shared; the project's build with the network writes its own head.
    boolean shared = (pass == Pass.WARM && maven.sharedWarm()) || (pass == Pass.BUILD && fetches);
    Path head = shared ? null : headFor(project);
    String into = fetchesInto(shared);
    String onJdk = jdk == null ? "" : "on " + jdk.reason() + "; ";
    String description = onJdk + switch (pass) {
      case BUILD -> isolation.description();
      case WARM -> isolation.description() + "; warm step: Fleet's Maven resolves dependencies and plugins into " + into
          + ", in a copy of its POMs (no sources, no .mvn/)";
      case RESOLVE -> isolation.description() + "; resolution allowed: the build runs with the network, Maven writing into " + into;
    };
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
      allowed.putAll(additions);
      Jdk on = jdk == null ? null : jdk.jdk();
      if (on != null) {
        allowed.put("JAVA_HOME", on.home().toString());
      }
      Sandbox.View view = view(workdir, head, allowed, fetches);
      ProcessBuilder builder = new ProcessBuilder(sandbox.wrap(command, net, view));
      builder.directory(workdir.toFile());
      builder.redirectErrorStream(true);
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Map<String, String> env = builder.environment();
      env.clear();
      env.putAll(allowed);
      String path = maven.pathFor(env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
      env.put("PATH", on == null ? path : on.home().resolve("bin") + java.io.File.pathSeparator + path);
      String args = env.getOrDefault("MAVEN_ARGS", "").strip();
      args = (args.isEmpty() ? "" : args + " ") + maven.arguments(head) + (toolchains == null ? "" : " -t " + toolchains.file());
      env.put("MAVEN_ARGS", isolation.network() ? args : args + " -o");
      process = builder.start();
      String header = (jdk == null ? "" : OutputCap.OWN_LINE + "JDK: " + jdk.reason() + "\n")
          + OutputCap.OWN_LINE + "build ran in: " + description;
      output = OutputCap.start(process.getInputStream(), log, outputCap, header);
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
      summary = tool.log().summarize(log, workdir);
    }
    return new BuildResult(command, exit, !finished, duration, log, summary, description);
  }

  /**
   * What a build may see under bubblewrap: its workspace; the JDK and Maven it runs with and the
   * local repository, read-only; its own repository head, writable only for a run that fetches; our
   * home hidden. Maven's wrapper directory is never writable: Fleet runs the Maven in it.
   */
  private Sandbox.View view(Path workdir, @Nullable Path head, Map<String, String> env, boolean fetches) throws IOException {
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
    if (toolchains != null) {
      // Maven reads the file; a toolchain it picks runs javac from one of these homes.
      readOnly.add(toolchains.file());
      readOnly.addAll(toolchains.homes());
    }
    if (maven.settings() != null) {
      readOnly.add(maven.settings());
    }
    Path repository = maven.localRepository();
    Files.createDirectories(repository);
    (fetches && head == null ? writable : readOnly).add(repository);
    if (head != null) {
      Files.createDirectories(head);
      (fetches ? writable : readOnly).add(head);
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
