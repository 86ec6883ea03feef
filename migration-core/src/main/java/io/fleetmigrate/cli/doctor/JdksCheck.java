package io.fleetmigrate.cli.doctor;

import io.fleetmigrate.build.jdk.KnownJdks;
import java.util.function.Supplier;

/**
 * The JDKs repositories can build on ({@code fleet jdks} lists them). A warning when none can
 * compile or when an entry of {@code FLEET_JDKS} is not a JDK: runs still work, on fewer JDKs.
 */
public record JdksCheck(Supplier<KnownJdks> jdks) implements Check {
  @Override
  public String name() {
    return "jdks";
  }

  @Override
  public Finding run() {
    KnownJdks known = jdks.get();
    String detail = known.describe();
    if (!known.problems().isEmpty()) {
      return Finding.warning(name(), detail + "; " + String.join("; ", known.problems()),
          "correct or remove those entries of " + KnownJdks.FLEET_JDKS + " ('fleet jdks' lists what is found)");
    }
    if (known.jdks().stream().noneMatch(j -> j.compiles())) {
      return Finding.warning(name(), detail + ": none has a javac",
          "install a JDK (not a JRE) or list one in " + KnownJdks.FLEET_JDKS);
    }
    return Finding.ok(name(), detail);
  }
}
