package io.fleetmigrate.build;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * How far a build is kept apart from us, decided once by trying it on this machine.
 *
 * <p>Best is <b>bubblewrap</b> ({@code bwrap}): the build sees a file system made only of the
 * system directories (read-only), the JDK and Maven it runs with (read-only), the local Maven
 * repository (read-only; writable only for the warm step) and its own workspace (read-write). Our
 * home directory is an empty {@code tmpfs} — {@code ~/.m2/settings.xml}, {@code
 * ~/.git-credentials}, token and key files, our database and the other repositories' workspaces
 * are simply not there. It runs in its own PID namespace and dies with Fleet ({@code
 * --die-with-parent}), with every capability dropped, and without network when the policy says so
 * (a network namespace with only loopback).
 *
 * <p>Next is {@code unshare} (util-linux), where new namespaces are allowed but bubblewrap is not
 * installed: own PID namespace, killed with Fleet ({@code setpriv --pdeathsig}), optionally no
 * network, but no file-system confinement. Without namespaces, builds still run as child
 * processes with the time limit that kills their process tree and the environment allowlist. The
 * isolation in force is stated in every build's log, its row in the store and the report.
 */
public final class Sandbox {
  /** Whether a build may use the network. */
  public enum Network {
    ALLOWED,
    NONE
  }

  /** The kind of sandbox this machine gives. */
  public enum Mode {
    /** bubblewrap: own mount, PID (and network) namespaces; only the workspace is writable. */
    BWRAP,
    /** util-linux unshare: own PID (and network) namespace; the file system is ours. */
    UNSHARE,
    /** plain child processes. */
    PROCESS
  }

  /**
   * What a build may see of the file system under bubblewrap (ignored by the other modes).
   *
   * @param workdir the workspace, read-write, and the build's working directory
   * @param readOnly further paths bound read-only at the same place (the JDK, Maven, the local
   *     repository during a build)
   * @param writable further paths bound read-write (the local repository during the warm step)
   * @param home the home directory to hide behind an empty tmpfs ({@code null}: none)
   */
  public record View(Path workdir, List<Path> readOnly, List<Path> writable, @Nullable Path home) {
    public View {
      readOnly = List.copyOf(readOnly);
      writable = List.copyOf(writable);
    }

    static View of(Path workdir) {
      return new View(workdir, List.of(), List.of(), null);
    }
  }

  /** What a build ran under, in words for logs, attempt rows and the report. */
  public record Isolation(boolean namespaces, boolean network, String description) {}

  /** The system directories a build sees read-only (symbolic links among them are kept as links). */
  private static final List<String> SYSTEM = List.of("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

  private final Mode mode;
  private final boolean pdeathsig;
  private final boolean userNamespace;
  private final String why;

  private Sandbox(Mode mode, boolean pdeathsig, boolean userNamespace, String why) {
    this.mode = mode;
    this.pdeathsig = pdeathsig;
    this.userNamespace = userNamespace;
    this.why = why;
  }

  private static final java.util.concurrent.ConcurrentMap<String, Sandbox> DETECTED = new java.util.concurrent.ConcurrentHashMap<>();

  /** This machine's sandbox as this process's {@link BuildSettings} ask for it. */
  public static Sandbox detect() {
    return detect(BuildSettings.fromEnvironment().sandbox());
  }

  /**
   * This machine's sandbox, probed once per setting: {@code bwrap}, {@code unshare} or {@code off}
   * as asked ({@link BuildSettings#sandbox}, from {@code FLEET_SANDBOX}); {@code auto} takes the
   * best that works.
   */
  public static Sandbox detect(String setting) {
    return DETECTED.computeIfAbsent(setting, Sandbox::probe);
  }

  /** No namespaces: plain child processes (tests of the fallback; {@code FLEET_SANDBOX=off}). */
  public static Sandbox processOnly(String why) {
    return new Sandbox(Mode.PROCESS, false, false, why);
  }

  /** PID (and network) namespaces through unshare, without file-system confinement; {@code null} when unavailable. */
  public static @Nullable Sandbox unshareOnly() {
    return probeUnshare("bubblewrap not asked for");
  }

  private static Sandbox probe(String setting) {
    switch (setting) {
      case "off" -> {
        return processOnly("FLEET_SANDBOX=off");
      }
      case "unshare" -> {
        Sandbox s = probeUnshare("FLEET_SANDBOX=unshare");
        return s != null ? s : processOnly("this machine does not allow new namespaces (unshare failed)");
      }
      case "auto", "bwrap" -> {
        String missing = probeBwrap();
        if (missing == null) {
          return new Sandbox(Mode.BWRAP, false, false, "");
        }
        Sandbox s = probeUnshare(missing);
        return s != null ? s : processOnly(missing + "; this machine does not allow new namespaces (unshare failed)");
      }
      default -> throw new IllegalArgumentException(
          "FLEET_SANDBOX (fleet.sandbox) must be auto, bwrap, unshare or off, not '" + setting + "'");
    }
  }

  /** {@code null} when bubblewrap works here, else why not. */
  private static @Nullable String probeBwrap() {
    if (onPath("bwrap") == null) {
      return "bubblewrap (bwrap) not installed";
    }
    Sandbox candidate = new Sandbox(Mode.BWRAP, false, false, "");
    Path here = Path.of(System.getProperty("java.io.tmpdir"));
    if (!works(candidate.wrap("true", Network.NONE, View.of(here)))) {
      return "bubblewrap (bwrap) cannot create namespaces here";
    }
    return null;
  }

  private static @Nullable Sandbox probeUnshare(String why) {
    String unshare = onPath("unshare");
    if (unshare == null) {
      return null;
    }
    boolean pdeathsig = onPath("setpriv") != null && works(List.of("setpriv", "--pdeathsig", "KILL", "--", "true"));
    if (works(List.of(unshare, "--pid", "--fork", "--kill-child=SIGKILL", "--net", "--", "/bin/sh", "-c", "true"))) {
      return new Sandbox(Mode.UNSHARE, pdeathsig, false, why);
    }
    // Unprivileged: try through a user namespace.
    if (works(List.of(unshare, "--user", "--map-root-user", "--pid", "--fork", "--kill-child=SIGKILL", "--net", "--", "/bin/sh", "-c", "true"))) {
      return new Sandbox(Mode.UNSHARE, pdeathsig, true, why);
    }
    return null;
  }

  private static boolean works(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static @Nullable String onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  /** The command line that runs {@code command} with {@code sh -c} under this sandbox. */
  List<String> wrap(String command, Network network, View view) {
    List<String> argv = new ArrayList<>();
    switch (mode) {
      case BWRAP -> argv.addAll(bwrap(network, view));
      case UNSHARE -> {
        if (pdeathsig) {
          argv.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--"));
        }
        argv.add("unshare");
        if (userNamespace) {
          argv.addAll(List.of("--user", "--map-root-user"));
        }
        argv.addAll(List.of("--pid", "--fork", "--kill-child=SIGKILL"));
        if (network == Network.NONE) {
          argv.add("--net");
        }
        argv.add("--");
      }
      case PROCESS -> {
      }
    }
    argv.addAll(List.of("/bin/sh", "-c", command));
    return argv;
  }

  private static List<String> bwrap(Network network, View view) {
    List<String> argv = new ArrayList<>(List.of(
        "bwrap", "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--cap-drop", "ALL"));
    if (network == Network.NONE) {
      argv.add("--unshare-net");
    }
    for (String dir : SYSTEM) {
      Path p = Path.of(dir);
      if (Files.isSymbolicLink(p)) {
        try {
          argv.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
        } catch (IOException e) {
          // unreadable link: leave it out
        }
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        argv.addAll(List.of("--ro-bind", dir, dir));
      }
    }
    // A resolver configuration that lives outside /etc (systemd-resolved) for the warm step.
    Path resolv = Path.of("/etc/resolv.conf");
    if (Files.isSymbolicLink(resolv)) {
      Path target = real(resolv);
      if (target != null && !target.startsWith("/etc") && !target.startsWith("/usr")) {
        argv.addAll(List.of("--ro-bind", target.toString(), target.toString()));
      }
    }
    argv.addAll(List.of("--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
    if (view.home() != null && view.home().getNameCount() > 0) {
      argv.addAll(List.of("--tmpfs", view.home().toString()));
    }
    // Writable paths first, read-only ones after them: where they nest, read-only wins.
    Set<Path> bound = new LinkedHashSet<>();
    for (Path p : view.writable()) {
      bind(argv, "--bind", p, bound);
    }
    for (Path p : view.readOnly()) {
      bind(argv, "--ro-bind", p, bound);
    }
    Path work = real(view.workdir());
    String workdir = work == null ? view.workdir().toAbsolutePath().toString() : work.toString();
    argv.addAll(List.of("--bind", workdir, workdir));
    if (!view.workdir().toAbsolutePath().toString().equals(workdir)) {
      argv.addAll(List.of("--bind", workdir, view.workdir().toAbsolutePath().toString()));
    }
    // The build may read its git repository but not write it: a hook or a core.hooksPath planted
    // there would run later in Fleet's own process (JGit runs hooks on commit).
    Path git = Path.of(workdir, ".git");
    if (Files.exists(git, LinkOption.NOFOLLOW_LINKS)) {
      argv.addAll(List.of("--ro-bind", git.toString(), git.toString()));
    }
    argv.addAll(List.of("--chdir", workdir, "--setenv", "TMPDIR", "/tmp", "--"));
    return argv;
  }

  /** Binds {@code p}'s real path at the real path and, when it differs, at the path as given (a symbolic link). */
  private static void bind(List<String> argv, String how, Path p, Set<Path> bound) {
    Path r = real(p);
    if (r == null) {
      return;
    }
    if (!r.startsWith("/usr") && bound.add(r)) {
      argv.addAll(List.of(how, r.toString(), r.toString()));
    }
    Path given = p.toAbsolutePath().normalize();
    if (!given.equals(r) && !given.startsWith("/usr") && bound.add(given)) {
      argv.addAll(List.of(how, r.toString(), given.toString()));
    }
  }

  private static @Nullable Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return null;
    }
  }

  /** What {@link #wrap} gives a build, in words. */
  Isolation isolation(Network network) {
    return switch (mode) {
      case PROCESS -> new Isolation(false, true,
          "child process; time limit kills its tree; env allowlist; network allowed (no namespaces: " + why + ")");
      case UNSHARE -> {
        String tree = pdeathsig ? "own PID namespace, killed with Fleet" : "own PID namespace";
        String fs = "; file system not confined (" + why + ")";
        yield network == Network.NONE
            ? new Isolation(true, false, tree + fs + "; env allowlist; no network (Maven offline)")
            : new Isolation(true, true, tree + fs + "; env allowlist; network allowed");
      }
      case BWRAP -> {
        String fs = "bubblewrap: sees only its workspace (read-write, .git read-only), the system, JDK, Maven and Maven"
            + " repository (read-only); own PID namespace, killed with Fleet; env allowlist";
        yield network == Network.NONE
            ? new Isolation(true, false, fs + "; no network (Maven offline)")
            : new Isolation(true, true, fs + "; network allowed");
      }
    };
  }

  /** Whether builds get their own namespaces (PID, and network when asked). */
  public boolean namespaces() {
    return mode != Mode.PROCESS;
  }

  public Mode mode() {
    return mode;
  }
}
