package io.fleetmigrate.cli.doctor;

import io.fleetmigrate.config.FleetHome;
import java.io.IOException;
import java.nio.file.Files;

/** The data directory: there, or creatable, and writable. */
public record DataDirCheck(FleetHome home) implements Check {
  @Override
  public String name() {
    return "data-dir";
  }

  @Override
  public Finding run() {
    try {
      Files.createDirectories(home.dir());
      java.nio.file.Path probe = Files.createTempFile(home.dir(), ".doctor", ".tmp");
      Files.delete(probe);
      return Finding.ok(name(), home.dir() + " is writable (" + home.dir().toFile().getUsableSpace() / (1024 * 1024) + " MB free)");
    } catch (IOException | RuntimeException e) {
      return Finding.missing(name(), "cannot write " + home.dir() + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
          "choose a writable folder with --data-dir or FLEET_DATA_DIR (default ~/.fleet, from $HOME)");
    }
  }
}
