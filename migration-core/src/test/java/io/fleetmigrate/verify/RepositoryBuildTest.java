package io.fleetmigrate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.MavenBuildTool;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.build.jdk.KnownJdks;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.testing.FakeJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which a repository's JDKs are decided, over JDK homes laid out as installers do (no build runs). */
class RepositoryBuildTest {
  @TempDir Path tmp;
  private Path checkout;
  private BuildRunner builds;

  private static final String HEAD = "name: a\nrecipes: [a.B]\n";
  private static final RepoRef REPO = new RepoRef("billing", "file:///tmp/billing", null, "team", List.of("legacy"), "test");

  private static Path jdk(Path home, String version) throws Exception {
    return FakeJdk.jdk(home, version, "Test");
  }

  @BeforeEach
  void jdks() throws Exception {
    Path jvm = tmp.resolve("jvm");
    jdk(jvm.resolve("jdk-11"), "11.0.22");
    Path running = jdk(jvm.resolve("jdk-17"), "17.0.15");
    jdk(jvm.resolve("jdk-21"), "21.0.2");
    KnownJdks known = KnownJdks.discover(null, null, running, tmp.resolve("home"), List.of(jvm));
    builds = new BuildRunner(new MavenToolchain(null)).withJdks(known, null);
    checkout = Files.createDirectories(tmp.resolve("checkout"));
  }

  private RepositoryBuild plan(String spec) throws Exception {
    return RepositoryBuild.of(CampaignSpecReader.parse(HEAD + spec, "spec.yaml"), REPO, checkout, builds, MavenBuildTool.MAVEN);
  }

  private static int version(BuildRunner runner) {
    return runner.jdk().jdk().version();
  }

  @Test
  void nothingNamedBuildsOnTheRunningJdkAndVerifiesThere() throws Exception {
    RepositoryBuild plan = plan("");

    assertThat(version(plan.baseline())).isEqualTo(17);
    assertThat(plan.baseline().jdk().reason()).endsWith("the one Fleet runs on, since nothing in the repository names a JDK");
    assertThat(plan.verifier().jdk()).isEqualTo(plan.baseline().jdk());
    assertThat(plan.baselineRed()).isNull();
    assertThat(plan.error()).isNull();
  }

  @Test
  void whatTheRepositoryNamesGivesTheLowestKnownJdkThatFitsAndVerifyJdkMovesTheBuildsAfterTheRecipe() throws Exception {
    Files.writeString(checkout.resolve(".java-version"), "11\n");

    RepositoryBuild plan = plan("verify: {jdk: 21}\n");

    assertThat(version(plan.baseline())).isEqualTo(11);
    assertThat(version(plan.verifier())).isEqualTo(21);
    assertThat(plan.verifier().jdk().reason()).endsWith("the repository needs JDK 21 (verify.jdk 21 in the spec, spec.yaml:3:10)");
  }

  @Test
  void theBuildsRuleComesBeforeWhatTheRepositoryNamesAndSetsItsCommand() throws Exception {
    Files.writeString(checkout.resolve(".java-version"), "11\n");

    RepositoryBuild plan = plan("builds:\n  - match: {tags: [legacy]}\n    jdk: 21\n    command: mvn -B verify -Dgpg.skip\n");

    assertThat(version(plan.baseline())).isEqualTo(21);
    assertThat(version(plan.verifier())).as("no verify.jdk: the baseline's").isEqualTo(21);
    assertThat(plan.verify().command()).isEqualTo("mvn -B verify -Dgpg.skip");
    assertThat(plan.baselineCommand()).startsWith("mvn -B verify -Dgpg.skip org.apache.maven.plugins:maven-dependency-plugin");
  }

  @Test
  void anUnknownJdkIsABaselineRedReasonAndAnUnknownVerifyJdkAnError() throws Exception {
    Files.writeString(checkout.resolve(".java-version"), "8\n");

    RepositoryBuild unknown = plan("");
    assertThat(unknown.baselineRed())
        .isEqualTo("no JDK to build on: needs JDK 8 (.java-version:1: 8), and Fleet knows JDK 11, JDK 17, JDK 21; add its home to FLEET_JDKS");
    assertThat(unknown.baseline().jdk()).as("the classpath resolution still runs, on ours").isNull();
    assertThat(unknown.error()).isNull();

    RepositoryBuild badVerify = plan("verify: {jdk: 25}\n");
    assertThat(badVerify.error()).isEqualTo("verify.jdk: no JDK to verify on: needs JDK 25 (verify.jdk 25 in the spec, spec.yaml:3:10),"
        + " and Fleet knows JDK 11, JDK 17, JDK 21; add its home to FLEET_JDKS");
  }

  private int baselineJdk() throws Exception {
    return plan("").baseline().jdk().jdk().version();
  }

  /** maven-compiler-plugin 3.9+: the tests compile with --release 17; javac 11 cannot. */
  @Test
  void testReleaseIsPartOfTheRequirement() throws Exception {
    Files.writeString(checkout.resolve("pom.xml"), """
        <project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
          <properties>
            <maven.compiler.release>8</maven.compiler.release>
            <maven.compiler.testRelease>17</maven.compiler.testRelease>
          </properties>
        </project>
        """);
    assertThat(baselineJdk()).isGreaterThanOrEqualTo(17);
  }

  /** SDKMAN's GraalVM 22.3 for Java 17 ("22.3.r17-grl"); asdf's "graalvm-22.3.0+java17": the JDK is 17, not 22. */
  @Test
  void graalVmNamesAreReadByTheirJavaVersion() throws Exception {
    Files.writeString(checkout.resolve(".sdkmanrc"), "java=22.3.r17-grl\n");
    var needs = io.fleetmigrate.build.jdk.JdkRequirement.of(checkout).orElseThrow();
    assertThat(needs.admits(17)).as(needs.toString()).isTrue();
    assertThat(io.fleetmigrate.build.jdk.JavaVersion.featureOfName("graalvm-22.3.0+java17")).hasValue(17);
    assertThat(io.fleetmigrate.build.jdk.JavaVersion.featureOfName("graalvm-ce-java11-21.3.0")).hasValue(11);
    assertThat(io.fleetmigrate.build.jdk.JavaVersion.featureOfName("17.0.2-tem")).as("not GraalVM: as before").hasValue(17);
  }

  /** The lowest feature release that fits, in its newest update. */
  @Test
  void theLowestReleaseThatFitsInItsNewestUpdate() throws Exception {
    Path jvm = tmp.resolve("more");
    jdk(jvm.resolve("jdk-17.0.2"), "17.0.2");
    Path newest = jdk(jvm.resolve("jdk-17.0.15"), "17.0.15");
    jdk(jvm.resolve("jdk-21"), "21.0.2");
    KnownJdks known = KnownJdks.discover(null, null, newest, tmp.resolve("home2"), List.of(jvm));

    var chosen = known.choose(new io.fleetmigrate.build.jdk.JdkRequirement(11, null, "test")).jdk();
    assertThat(chosen).isNotNull();
    assertThat(chosen.home().getFileName().toString()).isEqualTo("jdk-17.0.15");
  }
}
