package io.fleetmigrate.cli.doctor;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.MavenToolchain;
import java.util.function.Supplier;

/** The Maven that builds the repositories, asked for its version as the first build would. */
public record MavenCheck(Supplier<MavenToolchain> maven) implements Check {
  @Override
  public String name() {
    return "maven";
  }

  @Override
  public Finding run() {
    try {
      MavenToolchain toolchain = maven.get();
      String where = toolchain.home() == null ? "mvn on the PATH" : String.valueOf(toolchain.home());
      return Finding.ok(name(), "Apache Maven " + toolchain.version() + " (" + where + "), local repository "
          + toolchain.localRepository());
    } catch (BuildException | IllegalArgumentException e) {
      return Finding.missing(name(), e.getMessage(),
          "set FLEET_MAVEN_HOME to a Maven 3.9 installation or put mvn on the PATH (scripts/fleet sets it to the Maven"
              + " its wrapper installs)");
    }
  }
}
