package io.fleetmigrate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.MavenBuildTool;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.build.jdk.KnownJdks;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.inventory.RepoRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JDK choices that must match what the repository builds on: the tests' own compiler level, GraalVM names. */
class CompilerLevelJdkTest {
  @TempDir Path tmp;
  private Path checkout;
  private BuildRunner builds;
  private static final RepoRef REPO = new RepoRef("billing", "file:///tmp/billing", null, "team", List.of(), "test");

  private static Path jdk(Path home, String version) throws Exception {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
    Files.writeString(home.resolve("bin/javac"), "#!/bin/sh\n");
    return home;
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

  private int baselineJdk() throws Exception {
    return RepositoryBuild.of(CampaignSpecReader.parse("name: a\nrecipes: [a.B]\n", "spec.yaml"), REPO, checkout, builds, MavenBuildTool.MAVEN)
        .baseline().jdk().jdk().version();
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
