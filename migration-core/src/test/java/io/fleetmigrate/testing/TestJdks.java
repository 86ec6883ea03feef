package io.fleetmigrate.testing;

import io.fleetmigrate.build.BuildSettings;
import io.fleetmigrate.build.jdk.Jdk;
import io.fleetmigrate.build.jdk.KnownJdks;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The JDKs of this machine, as Fleet finds them, for tests that build on a JDK other than the one
 * running them: a test that needs one this machine lacks is skipped, saying which, never passed.
 */
public final class TestJdks {
  private TestJdks() {}

  /** The JDKs Fleet knows here. */
  public static KnownJdks known() {
    return KnownJdks.of(BuildSettings.fromEnvironment());
  }

  /** The known JDK (with a javac) of feature version {@code version}; the test is skipped when there is none. */
  public static Jdk require(int version) {
    KnownJdks known = known();
    Optional<Jdk> jdk = known.jdks().stream().filter(j -> j.compiles() && j.version() == version).findFirst();
    Assumptions.assumeTrue(jdk.isPresent(), () -> "skipped: this test needs a JDK " + version + ", and Fleet knows only "
        + known.describe() + " here (install one under /usr/lib/jvm or list its home in FLEET_JDKS)");
    return jdk.get();
  }
}
