package io.fleetmigrate.cli.doctor;

import io.fleetmigrate.build.jdk.KnownJdks;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.SpecException;
import io.fleetmigrate.verify.SpecJdks;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The JDKs repositories can build on ({@code fleet jdks} lists them). A warning when none can
 * compile or when an entry of {@code FLEET_JDKS} is not a JDK: runs still work, on fewer JDKs. With
 * a spec, also its JDKs ({@link SpecJdks}): a {@code verify.jdk} none of them is, missing (a run
 * would not start); a {@code builds} rule's, a warning.
 */
public record JdksCheck(Supplier<KnownJdks> jdks, @Nullable Path spec) implements Check {
  public JdksCheck(Supplier<KnownJdks> jdks) {
    this(jdks, null);
  }

  @Override
  public String name() {
    return "jdks";
  }

  @Override
  public Finding run() {
    KnownJdks known = jdks.get();
    String detail = known.describe();
    if (spec != null) {
      CampaignSpec read;
      try {
        read = CampaignSpecReader.read(spec);
      } catch (SpecException e) {
        return Finding.missing(name(), "the spec cannot be read, so its JDKs are not checked: " + e.getMessage(),
            "correct the spec where the message says");
      }
      try {
        List<String> warnings = SpecJdks.check(read, known);
        if (!warnings.isEmpty()) {
          return Finding.warning(name(), detail + "; " + String.join("; ", warnings),
              "add the JDKs the spec names to " + KnownJdks.FLEET_JDKS + " ('fleet jdks' lists what is found)");
        }
      } catch (SpecException e) {
        return Finding.missing(name(), e.getMessage(),
            "add the JDK the spec names to " + KnownJdks.FLEET_JDKS + ", or change the spec ('fleet jdks' lists what is found)");
      }
    }
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
