package io.fleetmigrate.build;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * How far a build is kept apart from us, decided once by trying it on this machine.
 *
 * <p>With {@code unshare} (util-linux) and the right to create namespaces (root, or user
 * namespaces), each build runs in its own PID namespace: when the build's first process ends, or
 * when Fleet itself is killed ({@code setpriv --pdeathsig}), the kernel kills every process the
 * build started, so a {@code kill -9} of Fleet leaves no Maven running on in a workspace that a
 * resume is about to clone again. Optionally it also gets its own network namespace with only a
 * loopback device: no network. Without namespaces, builds still run as child processes with the
 * time limit that kills their process tree and the environment allowlist, and the isolation in
 * force says so.
 */
public final class Sandbox {
  /** Whether a build may use the network. */
  public enum Network {
    ALLOWED,
    NONE
  }

  /** What a build ran under, in words for logs, attempt rows and the report. */
  public record Isolation(boolean namespaces, boolean network, String description) {}

  private final boolean namespaces;
  private final boolean pdeathsig;
  private final String why;

  private Sandbox(boolean namespaces, boolean pdeathsig, String why) {
    this.namespaces = namespaces;
    this.pdeathsig = pdeathsig;
    this.why = why;
  }

  private static volatile @Nullable Sandbox detected;

  /** This machine's sandbox, probed on first use ({@code FLEET_SANDBOX=off} turns namespaces off). */
  public static Sandbox detect() {
    Sandbox s = detected;
    if (s == null) {
      synchronized (Sandbox.class) {
        s = detected;
        if (s == null) {
          s = probe();
          detected = s;
        }
      }
    }
    return s;
  }

  /** No namespaces: plain child processes (tests of the fallback; {@code FLEET_SANDBOX=off}). */
  public static Sandbox processOnly(String why) {
    return new Sandbox(false, false, why);
  }

  private static Sandbox probe() {
    String setting = System.getenv("FLEET_SANDBOX");
    if (setting == null) {
      setting = System.getProperty("fleet.sandbox", "auto");
    }
    if (setting.equalsIgnoreCase("off")) {
      return processOnly("FLEET_SANDBOX=off");
    }
    String unshare = onPath("unshare");
    if (unshare == null) {
      return processOnly("unshare not found");
    }
    boolean pdeathsig = onPath("setpriv") != null && works(List.of("setpriv", "--pdeathsig", "KILL", "--", "true"));
    if (works(List.of(unshare, "--pid", "--fork", "--kill-child=SIGKILL", "--net", "--", "/bin/sh", "-c", "true"))) {
      return new Sandbox(true, pdeathsig, "");
    }
    // Unprivileged: try through a user namespace.
    if (works(List.of(unshare, "--user", "--map-root-user", "--pid", "--fork", "--kill-child=SIGKILL", "--net", "--", "/bin/sh", "-c", "true"))) {
      return new Sandbox(true, pdeathsig, "user");
    }
    return processOnly("this machine does not allow new namespaces (unshare failed)");
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
  List<String> wrap(String command, Network network) {
    List<String> argv = new ArrayList<>();
    if (namespaces) {
      if (pdeathsig) {
        argv.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--"));
      }
      argv.add("unshare");
      if ("user".equals(why)) {
        argv.addAll(List.of("--user", "--map-root-user"));
      }
      argv.addAll(List.of("--pid", "--fork", "--kill-child=SIGKILL"));
      if (network == Network.NONE) {
        argv.add("--net");
      }
      argv.add("--");
    }
    argv.addAll(List.of("/bin/sh", "-c", command));
    return argv;
  }

  /** What {@link #wrap} gives a build, in words. */
  Isolation isolation(Network network) {
    if (!namespaces) {
      return new Isolation(false, true,
          "child process; time limit kills its tree; env allowlist; network allowed (no namespaces: " + why + ")");
    }
    String tree = pdeathsig ? "own PID namespace, killed with Fleet" : "own PID namespace";
    return network == Network.NONE
        ? new Isolation(true, false, tree + "; env allowlist; no network (Maven offline)")
        : new Isolation(true, true, tree + "; env allowlist; network allowed");
  }

  public boolean namespaces() {
    return namespaces;
  }
}
