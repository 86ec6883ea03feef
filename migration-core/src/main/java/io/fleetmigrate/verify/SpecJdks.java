package io.fleetmigrate.verify;

import io.fleetmigrate.build.jdk.KnownJdks;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDKs a campaign spec names, held to the JDKs Fleet knows when a run starts, before any
 * repository is touched, by the same choice {@link RepositoryBuild#of} makes for each repository
 * ({@link KnownJdks#choose}).
 *
 * <p>{@code verify.jdk} is every repository's: when no known JDK is it, every repository would end
 * {@code ERROR} one by one, so the run does not start (a spec error, naming the file, line and
 * column and the JDKs Fleet knows). A {@code builds} rule's {@code jdk} is only the repositories
 * the rule matches, which this run may not select at all (a canary with {@code --repo}, a rule kept
 * for another machine's JDKs): a warning, and those repositories end {@code BASELINE_RED} with the
 * same words if they are run.
 */
public final class SpecJdks {
  private SpecJdks() {}

  /**
   * The warnings for {@code spec}'s build rules whose {@code jdk} no known JDK is, in spec order.
   *
   * @throws SpecException when {@code verify.jdk} names a JDK Fleet does not know
   */
  public static List<String> check(CampaignSpec spec, KnownJdks known) throws SpecException {
    CampaignSpec.JdkPin verify = spec.verify().jdk();
    if (verify != null && !known.choose(verify.requirement("verify.jdk")).found()) {
      throw new SpecException(verify.where() + ": 'verify.jdk' is " + verify.version() + ", and Fleet knows no JDK " + verify.version()
          + " to verify on: it knows " + known.describe() + " ('fleet jdks' lists them); add the home of a JDK " + verify.version()
          + " to " + KnownJdks.FLEET_JDKS + " or change 'verify.jdk'");
    }
    List<String> warnings = new ArrayList<>();
    for (CampaignSpec.BuildRule rule : spec.builds()) {
      CampaignSpec.JdkPin pin = rule.jdk();
      if (pin != null && !known.choose(pin.requirement("the builds rule's jdk")).found()) {
        warnings.add(pin.where() + ": a 'builds' rule's 'jdk' is " + pin.version() + ", and Fleet knows no JDK " + pin.version()
            + " (it knows " + known.describe() + "): the repositories this rule matches will end BASELINE_RED; add the home of a JDK "
            + pin.version() + " to " + KnownJdks.FLEET_JDKS);
      }
    }
    return List.copyOf(warnings);
  }
}
