package io.fleetmigrate.build.jdk;

import io.fleetmigrate.testing.FakeJdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownJdksTest {
  @TempDir Path tmp;

  @Test
  void discoveredHomesAreReadFromTheirReleaseFileOnceEachAndSortedByVersion() throws Exception {
    Path jvm = tmp.resolve("jvm");
    Path jdk17 = FakeJdk.jdk(jvm.resolve("java-17-openjdk-amd64"), "17.0.13", "Debian");
    FakeJdk.jdk(jvm.resolve("temurin-8"), "1.8.0_402", "Eclipse Adoptium");
    Files.createSymbolicLink(jvm.resolve("java-1.17.0-openjdk-amd64"), jdk17.getFileName());
    Files.createDirectories(jvm.resolve("openjdk-17")); // sources only: not a JDK, passed over
    Path home = tmp.resolve("home");
    FakeJdk.jre(home.resolve(".sdkman/candidates/java/21.0.5-tem"), "21.0.5", "Eclipse Adoptium");
    Files.createSymbolicLink(home.resolve(".sdkman/candidates/java/current"), Path.of("21.0.5-tem"));
    Path idea = FakeJdk.jdk(home.resolve(".jdks/corretto-25"), "25", "Amazon.com Inc.");

    KnownJdks known = KnownJdks.discover(null, idea.toString(), jdk17, home, List.of(jvm));

    assertThat(known.problems()).isEmpty();
    assertThat(known.jdks()).extracting(Jdk::version).containsExactly(8, 17, 21, 25);
    Jdk seventeen = known.jdks().get(1);
    assertThat(seventeen.home()).isEqualTo(jdk17.toRealPath());
    assertThat(seventeen.foundIn()).containsExactly("running Fleet", jvm.toString());
    assertThat(seventeen.vendor()).isEqualTo("Debian");
    assertThat(known.jdks().get(0).fullVersion()).isEqualTo("1.8.0_402");
    assertThat(known.jdks().get(2).kind()).isEqualTo("JRE");
    assertThat(known.jdks().get(3).foundIn()).containsExactly("JAVA_HOME", home.resolve(".jdks").toString());
    assertThat(known.describe()).isEqualTo("JDK 8, JDK 17, JRE 21, JDK 25");
  }

  @Test
  void updatesOfOneFeatureVersionAreOrderedAsNumbersNotAsText() throws Exception {
    Path jvm = tmp.resolve("jvm");
    FakeJdk.jdk(jvm.resolve("a-17.0.10"), "17.0.10", "Eclipse Adoptium");
    Path running = FakeJdk.jdk(jvm.resolve("b-17.0.2"), "17.0.2", "Eclipse Adoptium");

    KnownJdks known = KnownJdks.discover(null, null, running, tmp.resolve("home"), List.of(jvm));

    assertThat(known.jdks()).extracting(Jdk::fullVersion).containsExactly("17.0.2", "17.0.10");
  }

  @Test
  void aFleetJdksEntryThatIsNotAJdkIsNamedWithWhatIsWrong() throws Exception {
    Path good = FakeJdk.jdk(tmp.resolve("good"), "11.0.25", "Azul Systems, Inc.");
    Path noRelease = Files.createDirectories(tmp.resolve("no-release/bin"));
    Files.writeString(noRelease.resolve("java"), "");
    Path noJava = Files.createDirectories(tmp.resolve("no-java"));
    Files.writeString(noJava.resolve("release"), "JAVA_VERSION=\"17\"\n");
    Path missing = tmp.resolve("missing");
    String listed = String.join(File.pathSeparator, good.toString(), noRelease.getParent().toString(), noJava.toString(),
        missing.toString(), "");

    KnownJdks known = KnownJdks.discover(listed, null, good, tmp.resolve("home"), List.of());

    assertThat(known.jdks()).singleElement().satisfies(j -> {
      assertThat(j.version()).isEqualTo(11);
      assertThat(j.foundIn()).containsExactly("FLEET_JDKS", "running Fleet");
    });
    assertThat(known.problems()).containsExactly(
        "FLEET_JDKS: " + noRelease.getParent() + " is not a JDK: it has no release file",
        "FLEET_JDKS: " + noJava + " is not a JDK: it has no bin/java",
        "FLEET_JDKS: " + missing + " is not a JDK: it does not exist");
  }

  @Test
  void theLowestJdkThatCanCompileIsChosenAndNoneNamesWhatIsNeededAndWhatIsKnown() throws Exception {
    FakeJdk.jdk(tmp.resolve("jvm/17"), "17.0.13", "Debian");
    FakeJdk.jre(tmp.resolve("jvm/21"), "21.0.5", "Eclipse Adoptium");
    Path jdk25 = FakeJdk.jdk(tmp.resolve("jvm/25"), "25.0.3", "Eclipse Adoptium");
    FakeJdk.jdk(tmp.resolve("jvm/26"), "26", "Eclipse Adoptium");
    KnownJdks known = KnownJdks.discover(null, null, tmp.resolve("jvm/17"), tmp.resolve("home"), List.of(tmp.resolve("jvm")));

    JdkChoice atLeast21 = known.choose(new JdkRequirement(21, null, "pom.xml:9: maven.compiler.release 21"));
    assertThat(atLeast21.jdk()).isNotNull();
    assertThat(atLeast21.jdk().home()).isEqualTo(jdk25.toRealPath());

    JdkChoice exactly21 = known.choose(new JdkRequirement(21, 21, ".java-version:1: 21"));
    assertThat(exactly21.found()).isFalse();
    assertThat(exactly21.reason()).isEqualTo("needs JDK 21 (.java-version:1: 21), and Fleet knows JDK 17, JRE 21, JDK 25, JDK 26"
        + " (the JRE 21 at " + tmp.resolve("jvm/21").toRealPath() + " has no javac); add its home to FLEET_JDKS");

    assertThat(known.choose(new JdkRequirement(6, 11, "pom.xml:3: maven.compiler.source 1.6")).reason())
        .startsWith("needs JDK 6 to 11 (pom.xml:3: maven.compiler.source 1.6), and Fleet knows JDK 17");
  }

  @Test
  void aMacOsJdkFolderIsReadFromItsContentsHome() throws Exception {
    Path machines = tmp.resolve("JavaVirtualMachines");
    Path home = FakeJdk.jdk(machines.resolve("temurin-21.jdk/Contents/Home"), "21.0.5", "Eclipse Adoptium");

    KnownJdks known = KnownJdks.discover(null, null, tmp.resolve("no-java"), tmp.resolve("home"), List.of(machines));

    assertThat(known.jdks()).extracting(Jdk::home).containsExactly(home.toRealPath());
  }

  @Test
  void aRepositoryThatNamesNoJdkBuildsOnTheRunningOneUnlessItIsAJre() throws Exception {
    Path jvm = tmp.resolve("jvm");
    Path jdk17 = FakeJdk.jdk(jvm.resolve("17"), "17.0.13", "Debian");
    FakeJdk.jdk(jvm.resolve("11"), "11.0.25", "Debian");
    Path jre21 = FakeJdk.jre(tmp.resolve("jre21"), "21.0.5", "Debian");

    JdkChoice onJdk = KnownJdks.discover(null, null, jdk17, tmp.resolve("home"), List.of(jvm)).choose(Optional.empty());
    JdkChoice onJre = KnownJdks.discover(null, null, jre21, tmp.resolve("home"), List.of(jvm)).choose(Optional.empty());

    assertThat(onJdk.jdk()).extracting(Jdk::version).isEqualTo(17);
    assertThat(onJdk.reason()).endsWith(": the one Fleet runs on, since nothing in the repository names a JDK");
    assertThat(onJre.found()).isFalse();
    assertThat(onJre.reason()).contains("the Java Fleet runs on cannot build", "FLEET_JDKS");
  }
}
