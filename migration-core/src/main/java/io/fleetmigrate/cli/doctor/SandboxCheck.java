package io.fleetmigrate.cli.doctor;

import io.fleetmigrate.build.Sandbox;
import java.util.function.Supplier;

/** The build sandbox: bubblewrap confines each build to its workspace and can cut its network. */
public record SandboxCheck(Supplier<Sandbox> sandbox) implements Check {
  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public Finding run() {
    Sandbox s = sandbox.get();
    return switch (s.mode()) {
      case BWRAP -> Finding.ok(name(), "bubblewrap: each build sees only its workspace, the JDK, Maven and the local repository");
      case UNSHARE -> Finding.warning(name(), "unshare only: builds get their own process (and network) namespace, but see"
          + " the whole file system", "install bubblewrap (e.g. apt-get install bubblewrap) to confine builds to their workspace");
      case PROCESS -> Finding.warning(name(), "no sandbox: builds run as plain processes, with your files and the network in reach",
          "install bubblewrap (e.g. apt-get install bubblewrap); runs work without it, unconfined");
    };
  }
}
