package io.fleetmigrate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** One {@code fleet} command run in this JVM, as a user runs it, on the data directory {@code dataDir}. */
record FleetRun(int exit, String out, String err) {
  static FleetRun run(Path dataDir, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = dataDir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = FleetMain.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new FleetRun(exit, out.toString(), err.toString());
  }
}
