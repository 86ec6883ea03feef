package io.fleetmigrate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Maven home whose {@code bin/mvn} prints the same lines on every run and exits 1: a build that always fails in Maven's own words. */
public final class FakeMaven {
  private FakeMaven() {}

  /** The home {@code home} (made here), its {@code mvn} printing {@code line}. */
  public static Path failingWith(Path home, String line) throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nprintf '%s\\n' '" + line.replace("'", "'\\''") + "'\nexit 1\n");
    bin.resolve("mvn").toFile().setExecutable(true);
    return home;
  }
}
