package io.fleetmigrate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A JDK home as installers lay it out, as far as Fleet looks: a {@code release} file, {@code bin/java}, {@code bin/javac} unless a JRE. */
public final class FakeJdk {
  private FakeJdk() {}

  public static Path jdk(Path home, String javaVersion, String vendor) throws IOException {
    return home(home, javaVersion, vendor, true);
  }

  public static Path jre(Path home, String javaVersion, String vendor) throws IOException {
    return home(home, javaVersion, vendor, false);
  }

  private static Path home(Path home, String javaVersion, String vendor, boolean javac) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"" + vendor + "\"\nJAVA_VERSION=\"" + javaVersion + "\"\nMODULES=\"java.base\"\n");
    Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
    if (javac) {
      Files.writeString(home.resolve("bin/javac"), "#!/bin/sh\n");
    }
    return home;
  }
}
