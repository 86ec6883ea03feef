package io.fleetmigrate.testing;

import io.fleetmigrate.cli.FleetMain;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the command line in this JVM, as {@code main} would, with its output captured: the one
 * runner for tests of CLI commands. (For a separate JVM or the executable jar: {@link FleetProcess}.)
 */
public final class FleetCli {
  private FleetCli() {}

  /** What a command printed, and its exit code. */
  public record Result(int exit, String out, String err) {}

  /** {@code fleet --data-dir DATA_DIR ARGS...}. */
  public static Result in(java.nio.file.Path dataDir, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = dataDir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return run(all);
  }

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = FleetMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }
}
