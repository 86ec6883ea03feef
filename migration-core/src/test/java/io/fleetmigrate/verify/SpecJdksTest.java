package io.fleetmigrate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.build.jdk.KnownJdks;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.SpecException;
import io.fleetmigrate.testing.FakeJdk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec's JDKs against the known ones when a run starts: verify.jdk is every repository's, a rule's jdk only its own. */
class SpecJdksTest {
  @TempDir Path tmp;
  private KnownJdks known;

  private static final String HEAD = "name: a\nrecipes: [a.B]\n";

  @BeforeEach
  void jdks() throws Exception {
    Path jvm = tmp.resolve("jvm");
    Path running = FakeJdk.jdk(jvm.resolve("jdk-17"), "17.0.15", "Test");
    FakeJdk.jdk(jvm.resolve("jdk-21"), "21.0.2", "Test");
    FakeJdk.jre(jvm.resolve("jre-11"), "11.0.22", "Test");
    known = KnownJdks.discover(null, null, running, tmp.resolve("home"), List.of(jvm));
  }

  private static CampaignSpec spec(String yaml) throws SpecException {
    return CampaignSpecReader.parse(HEAD + yaml, "campaign.yaml");
  }

  @Test
  void aVerifyJdkFleetDoesNotKnowIsASpecErrorNamingItsPlaceAndTheKnownJdks() {
    assertThatThrownBy(() -> SpecJdks.check(spec("verify:\n  command: mvn -B verify\n  jdk: 11\n"), known))
        .isInstanceOf(SpecException.class)
        .hasMessage("campaign.yaml:5:3: 'verify.jdk' is 11, and Fleet knows no JDK 11 to verify on: it knows " + known.describe()
            + " ('fleet jdks' lists them); add the home of a JDK 11 to FLEET_JDKS or change 'verify.jdk'");
  }

  @Test
  void aKnownVerifyJdkAndNoJdkAtAllPass() throws Exception {
    assertThat(SpecJdks.check(spec("verify:\n  command: mvn -B verify\n  jdk: 21\n"), known)).isEmpty();
    assertThat(SpecJdks.check(spec(""), known)).isEmpty();
  }

  @Test
  void aBuildRulesUnknownJdkIsAWarningForTheRepositoriesItMatches() throws Exception {
    List<String> warnings = SpecJdks.check(spec("""
        builds:
          - match: {include: [legacy-*]}
            jdk: 8
          - match: {tags: [modern]}
            jdk: 21
        """), known);

    assertThat(warnings).containsExactly("campaign.yaml:5:5: a 'builds' rule's 'jdk' is 8, and Fleet knows no JDK 8 (it knows "
        + known.describe() + "): the repositories this rule matches will end BASELINE_RED; add the home of a JDK 8 to FLEET_JDKS");
  }
}
