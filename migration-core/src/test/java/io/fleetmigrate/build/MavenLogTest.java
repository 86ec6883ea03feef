package io.fleetmigrate.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reason a person reads is the first meaningful error, in the shapes real Maven builds print. */
class MavenLogTest {
  @TempDir Path dir;

  private Path log(String text) throws Exception {
    return Files.writeString(dir.resolve("build.log"), text);
  }

  private String summarize(String log) throws Exception {
    return MavenLog.summarize(log(log), dir);
  }

  @Test
  void surefire222sMissingProviderIsNamedNotItsSeparatorLine() throws Exception {
    assertThat(summarize("""
        [INFO] --- maven-surefire-plugin:2.22.2:test (default-test) @ jsoup ---
        [INFO] BUILD FAILURE
        [ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.2:test (default-test) on project jsoup: Execution default-test of goal org.apache.maven.plugins:maven-surefire-plugin:2.22.2:test failed: Missing:
        [ERROR] ----------
        [ERROR] 1) org.apache.maven.surefire:surefire-junit4:jar:2.22.2
        [ERROR]
        [ERROR]   Try downloading the file manually from the project website.
        [ERROR] -> [Help 1]
        """)).isEqualTo("cannot resolve org.apache.maven.surefire:surefire-junit4:jar:2.22.2");
  }

  @Test
  void resolversAbsentArtifactIsNamed() throws Exception {
    assertThat(summarize("""
        [ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.5.4:test (default-test) on project x: Unable to generate classpath: org.apache.maven.surefire.booter.SurefireBooterForkException: The following artifacts could not be resolved: org.apache.maven.surefire:surefire-junit4:jar:3.5.4 (absent): Cannot access central (https://repo.maven.apache.org/maven2) in offline mode and the artifact org.apache.maven.surefire:surefire-junit4:jar:3.5.4 has not been downloaded from it before. -> [Help 1]
        """)).isEqualTo("cannot resolve org.apache.maven.surefire:surefire-junit4:jar:3.5.4");
  }

  @Test
  void boilerplateAndSeparatorsAreNeverTheReason() throws Exception {
    assertThat(summarize("""
        [ERROR]
        [ERROR] ----------
        [ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
        [ERROR] Re-run Maven using the -X switch to enable full debug logging.
        [ERROR] Failed to execute goal org.apache.maven.plugins:maven-enforcer-plugin:3.5.0:enforce (enforce) on project x: Rule 0: org.apache.maven.enforcer.rules.dependency.DependencyConvergence failed -> [Help 1]
        """)).isEqualTo("Failed to execute goal org.apache.maven.plugins:maven-enforcer-plugin:3.5.0:enforce (enforce) on project x: "
            + "Rule 0: org.apache.maven.enforcer.rules.dependency.DependencyConvergence failed");
  }

  @Test
  void testcontainersWithoutDockerSaysItNeedsDocker() throws Exception {
    assertThat(summarize("""
        [ERROR] Tests run: 1, Failures: 0, Errors: 1, Skipped: 0, Time elapsed: 2.1 s <<< FAILURE! -- in com.zaxxer.hikari.db.PostgresTest
        [ERROR] com.zaxxer.hikari.db.PostgresTest -- Time elapsed: 2.1 s <<< ERROR!
        java.lang.IllegalStateException: Could not find a valid Docker environment. Please see logs and check configuration
        [INFO] Results:
        [ERROR] Errors:\s
        [ERROR]   PostgresTest » IllegalState Could not find a valid Docker environment. Please see logs and check configuration
        [ERROR] Tests run: 210, Failures: 0, Errors: 1, Skipped: 3
        """)).startsWith("tests need Docker (Testcontainers found no Docker environment)")
        .contains("test failed: PostgresTest » IllegalState Could not find a valid Docker environment");
  }

  @Test
  void aTestThatDownloadsABinarySaysTheNetwork() throws Exception {
    assertThat(summarize("""
        [ERROR] Tests run: 3, Failures: 0, Errors: 1, Skipped: 0 <<< FAILURE! -- in com.piggymetrics.account.repository.AccountRepositoryTest
        java.net.UnknownHostException: fastdl.mongodb.org
        [INFO] Results:
        [ERROR] Errors:\s
        [ERROR]   AccountRepositoryTest » IllegalState Failed to load ApplicationContext
        [ERROR] Tests run: 3, Failures: 0, Errors: 1, Skipped: 0
        """)).startsWith("tests reach for the network at run time (UnknownHostException: fastdl.mongodb.org;")
        .contains("test failed: AccountRepositoryTest » IllegalState Failed to load ApplicationContext");
  }

  @Test
  void anOldSourceLevelSaysItNeedsAnotherJdk() throws Exception {
    assertThat(summarize("""
        [INFO] BUILD FAILURE
        [ERROR] COMPILATION ERROR :
        [ERROR] Source option 6 is no longer supported. Use 7 or later.
        [ERROR] Target option 6 is no longer supported. Use 7 or later.
        [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:compile (default-compile) on project commons-dbutils: Compilation failure: Compilation failure:
        """)).isEqualTo("needs another JDK than the one it was built on: Source option 6 is no longer supported. Use 7 or later.");
  }

  @Test
  void librariesOfTheJava8YearsOnANewerJdkSayItNeedsAnotherJdk() throws Exception {
    assertThat(summarize("""
        [ERROR] Tests run: 6, Failures: 0, Errors: 6, Skipped: 0, Time elapsed: 1.919 s <<< FAILURE! - in io.tpd.HeroTest
        [ERROR] canRetrieve(io.tpd.HeroTest)  Time elapsed: 0.008 s  <<< ERROR!
        java.lang.IllegalStateException: Failed to load ApplicationContext
        Caused by: java.lang.reflect.InaccessibleObjectException: Unable to make protected final java.lang.Class java.lang.ClassLoader.defineClass(java.lang.String,byte[],int,int,java.security.ProtectionDomain) throws java.lang.ClassFormatError accessible: module java.base does not "opens java.lang" to unnamed module @69eee410
        [INFO] Results:
        [ERROR] Errors:\s
        [ERROR]   HeroTest.canRetrieve » IllegalState Failed to load ApplicationContext
        [ERROR] Tests run: 6, Failures: 0, Errors: 6, Skipped: 0
        """)).startsWith("needs another JDK than the one it was built on: module java.base does not \"opens java.lang\" to unnamed module; ")
        .contains("test failed: HeroTest.canRetrieve » IllegalState Failed to load ApplicationContext");
    assertThat(summarize("""
        [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:compile (default-compile) on project commons: Fatal error compiling: java.lang.IllegalAccessError: class lombok.javac.apt.LombokProcessor (in unnamed module @0x32e5af53) cannot access class com.sun.tools.javac.processing.JavacProcessingEnvironment (in module jdk.compiler) because module jdk.compiler does not export com.sun.tools.javac.processing to unnamed module @0x32e5af53 -> [Help 1]
        """)).isEqualTo("needs another JDK than the one it was built on: class lombok.javac.apt.LombokProcessor (in unnamed module "
            + "@0x32e5af53) cannot access class com.sun.tools.javac.processing.JavacProcessingEnvironment");
  }

  @Test
  void aTestForkGivenAnExpiredJvmOptionSaysItNeedsAnotherJdk() throws Exception {
    assertThat(summarize("""
        [INFO] Tests run: 0, Failures: 0, Errors: 0, Skipped: 0
        [ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.2:test (default-test) on project hazelcast-aws: There are test failures.
        [ERROR]
        [ERROR] The forked VM terminated without properly saying goodbye. VM crash or System.exit called?
        [ERROR] Command was /bin/sh -c cd /w/x && /usr/lib/jvm/java-17/bin/java -Xms128m -Xmx1G -XX:MaxPermSize=128M -jar /w/x/target/surefire/booter.jar
        [ERROR] Error occurred in starting fork, check output in log
        """)).isEqualTo("needs another JDK than the one it was built on: the test JVM is started with -XX:MaxPermSize=128M, an option "
            + "this JDK no longer accepts, so the fork died");
  }

  @Test
  void aTestFailingOnItsRerunTooIsNamedWithItsFirstRunsMessage() throws Exception {
    assertThat(summarize("""
        [ERROR] com.example.reports.PercentagesTest.roundsToNearestPercent -- Time elapsed: 0.059 s <<< FAILURE!
        [INFO] Results:
        [ERROR] Failures:\s
        [ERROR] com.example.reports.PercentagesTest.roundsToNearestPercent
        [ERROR]   Run 1: PercentagesTest.roundsToNearestPercent:15 expected:<6[7]%> but was:<6[6]%>
        [ERROR]   Run 2: PercentagesTest.roundsToNearestPercent:15 expected:<6[7]%> but was:<6[6]%>
        [INFO]
        [ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0
        """)).isEqualTo("test failed: PercentagesTest.roundsToNearestPercent:15 expected:<6[7]%> but was:<6[6]%> "
            + "(Tests run: 2, Failures: 1, Errors: 0, Skipped: 0)");
  }

  @Test
  void compileErrorsComeFirst() throws Exception {
    assertThat(summarize("""
        [ERROR] COMPILATION ERROR :
        [ERROR] %1$s/src/test/java/a/FooTest.java:[6,26] package org.junit does not exist
        [ERROR] -> [Help 1]
        """.formatted(dir))).isEqualTo("compile error: src/test/java/a/FooTest.java:6:26: package org.junit does not exist");
  }

  @Test
  void wantsOfArtifactsAreRecognisedInEachShape() throws Exception {
    for (String line : new String[] {
        "[ERROR] Plugin org.apache.maven.plugins:maven-surefire-plugin:3.5.4 or one of its dependencies could not be resolved",
        "[ERROR] Non-resolvable parent POM for x:y:1: The following artifacts could not be resolved: org.apache:apache:pom:33 (absent)",
        "java.lang.ClassNotFoundException: org.apache.maven.surefire.junit4.JUnit4Provider",
        "[ERROR] Unresolveable build extension: Plugin kr.motd.maven:os-maven-plugin:1.7.1 or one of its dependencies could not be resolved",
        "[ERROR] Failed to execute goal on project x: Could not resolve dependencies for project a:b:jar:1",
        "[ERROR] 1) org.apache.maven.surefire:surefire-junit4:jar:2.22.2",
        "[ERROR] 1 required artifact is missing.",
        "java.lang.NoClassDefFoundError: org/junit/platform/launcher/core/LauncherFactory"}) {
      Path file = dir.resolve("wants.log");
      Files.writeString(file, line + "\n");
      assertThat(MavenLog.wantsArtifacts(file)).as(line).isTrue();
    }
    Path red = dir.resolve("red.log");
    Files.writeString(red, "[ERROR] Tests run: 2, Failures: 1\n[ERROR]   FooTest.bar:12 expected:<1> but was:<2>\n");
    assertThat(MavenLog.wantsArtifacts(red)).isFalse();
  }

  @Test
  void aPomThatIsNotXmlGivesTheParsersWordsAndPlaceNotMavensIntroduction() throws Exception {
    // Maven 3.9's own output for a pom.xml holding "not xml at all".
    String reason = summarize("""
        [INFO] Scanning for projects...
        [ERROR] [ERROR] Some problems were encountered while processing the POMs:
        [FATAL] Non-parseable POM /w/pom.xml: only whitespace content allowed before start tag and not n (position: START_DOCUMENT seen n... @1:2)  @ line 1, column 2
         @\s
        [ERROR] The build could not read 1 project -> [Help 1]
        [ERROR]  \s
        [ERROR]   The project  (/w/pom.xml) has 1 error
        [ERROR]     Non-parseable POM /w/pom.xml: only whitespace content allowed before start tag and not n (position: START_DOCUMENT seen n... @1:2)  @ line 1, column 2 -> [Help 2]
        [ERROR]\s
        [ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
        """);

    assertThat(reason).isEqualTo("Some problems were encountered while processing the POMs: Non-parseable POM /w/pom.xml:"
        + " only whitespace content allowed before start tag and not n (position: START_DOCUMENT seen n... @1:2) @ line 1, column 2");
  }

  @Test
  void theReasonAndTheFixPromptNameTheSameFirstLocatedError() throws Exception {
    // A relative path and no column (Checkstyle's shape): the reason used to skip it for a later
    // absolute javac line while the fix prompt listed it first.
    String log = """
        [WARNING] src/main/java/com/example/Money.java:[3] unused import
        [ERROR] src/main/java/com/example/Money.java:[7] Line is longer than 120 characters
        [ERROR] %1$s/src/main/java/com/example/Rate.java:[12,5] cannot find symbol
        [ERROR] -> [Help 1]
        """.formatted(dir.toAbsolutePath().normalize());
    Path file = dir.resolve("build.log");
    Files.writeString(file, log);

    assertThat(MavenLog.summarize(file, dir))
        .isEqualTo("error: src/main/java/com/example/Money.java:7: Line is longer than 120 characters (+1 more error)");
    assertThat(MavenLog.located(file, dir))
        .extracting(BuildLog.Located::file, BuildLog.Located::line, BuildLog.Located::column, BuildLog.Located::error, BuildLog.Located::compiler)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("src/main/java/com/example/Money.java", 3, 0, false, false),
            org.assertj.core.groups.Tuple.tuple("src/main/java/com/example/Money.java", 7, 0, true, false),
            org.assertj.core.groups.Tuple.tuple("src/main/java/com/example/Rate.java", 12, 5, true, true));
  }

  @Test
  void spotlessMisformattedFilesAreListedRelativeToTheBuild() throws Exception {
    Path file = dir.resolve("build.log");
    Files.writeString(file, """
        [ERROR] Failed to execute goal com.diffplug.spotless:spotless-maven-plugin:2.44.0:check (default) on project x: The following files had format violations:
        [ERROR]     %1$s/src/main/java/A.java
        [ERROR]     src/test/java/BTest.java
        [ERROR] Run 'mvn spotless:apply' to fix these violations.
        [ERROR]     src/main/java/NotInTheList.java
        """.formatted(dir.toAbsolutePath().normalize()));

    assertThat(MavenLog.misformatted(file, dir)).containsExactly("src/main/java/A.java", "src/test/java/BTest.java");
  }

  private String transientFailure(String log) throws Exception {
    return MavenLog.transientFailure(log(log), dir);
  }

  @Test
  void aDownloadThatFailedForAReasonThatGoesAwayIsTransient() throws Exception {
    // Two Maven processes over one local repository (Maven 3.9, Resolver 1.9): the other one moved the .part.lock away.
    assertThat(transientFailure("""
        [INFO] BUILD FAILURE
        [ERROR] Failed to execute goal on project app: Could not resolve dependencies for project com.example:app:jar:1.0: Failed to collect dependencies at org.slf4j:slf4j-api:jar:2.0.16: Failed to read artifact descriptor for org.slf4j:slf4j-api:jar:2.0.16: The following artifacts could not be resolved: org.slf4j:slf4j-api:pom:2.0.16 (absent): Could not transfer artifact org.slf4j:slf4j-api:pom:2.0.16 from/to central (https://repo.maven.apache.org/maven2): /home/u/.m2/repository/org/slf4j/slf4j-api/2.0.16/slf4j-api-2.0.16.pom.part.lock (No such file or directory) -> [Help 1]
        [ERROR]
        [ERROR] Re-run Maven using the -X switch to enable full debug logging.
        """)).isEqualTo("Could not transfer artifact org.slf4j:slf4j-api:pom:2.0.16 from/to central (https://repo.maven.apache.org/maven2): "
            + "/home/u/.m2/repository/org/slf4j/slf4j-api/2.0.16/slf4j-api-2.0.16.pom.part.lock (No such file or directory)");
    for (String line : new String[] {
        // Maven 3.9.6+: the cause on its own line under "dependency:"
        "[ERROR] \tCould not transfer artifact org.slf4j:slf4j-api:jar:2.0.16 from/to central (https://repo.maven.apache.org/maven2): Connection reset",
        "[ERROR] Plugin org.apache.maven.plugins:maven-surefire-plugin:3.5.2 or one of its dependencies could not be resolved: The following"
            + " artifacts could not be resolved: org.apache.maven.surefire:surefire-api:jar:3.5.2 (absent): Could not transfer artifact"
            + " org.apache.maven.surefire:surefire-api:jar:3.5.2 from/to central (https://repo.maven.apache.org/maven2): Read timed out -> [Help 1]",
        "[ERROR] Failed to execute goal on project x: Could not resolve dependencies for project a:x:jar:1: The following artifacts could not be"
            + " resolved: com.tchristofferson:ConfigUpdater:pom:2.2 (absent): Could not transfer artifact com.tchristofferson:ConfigUpdater:pom:2.2"
            + " from/to paper (https://repo.papermc.io/repository/maven-public/): status code: 502, reason phrase: Bad Gateway (502) -> [Help 1]",
        // Wagon's words (Maven 3.6 / 3.8)
        "[ERROR] Failed to execute goal on project graphhopper: Could not resolve dependencies for project a:b:jar:1: Could not transfer artifact"
            + " org.codehaus.plexus:plexus-interpolation:pom:1.11 from/to central (https://repo.maven.apache.org/maven2): Failed to transfer file:"
            + " https://repo.maven.apache.org/maven2/org/codehaus/plexus/plexus-interpolation/1.11/plexus-interpolation-1.11.pom. Return code is: 503 , ReasonPhrase:Service Unavailable.",
        // Resolver 2's transport
        "[ERROR] Failed to execute goal on project x: Could not resolve dependencies for project a:x:jar:1: Could not transfer artifact"
            + " a:b:jar:1 from/to central (https://repo.maven.apache.org/maven2): transfer failed for"
            + " https://repo.maven.apache.org/maven2/a/b/1/b-1.jar: Remote host terminated the handshake",
        // Resolver's named locks, two Mavens on one local repository (MNG-7868)
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-install-plugin:3.1.1:install (default-install) on project foo: Execution"
            + " default-install of goal org.apache.maven.plugins:maven-install-plugin:3.1.1:install failed: Could not acquire lock(s) -> [Help 1]"}) {
      assertThat(transientFailure("[INFO] BUILD FAILURE\n" + line + "\n")).as(line).isNotNull();
    }
    // A version range resolved from metadata the repository did not answer for.
    assertThat(transientFailure("""
        [WARNING] Could not transfer metadata org.bouncycastle:bcprov-jdk18on/maven-metadata.xml from/to central (https://repo.maven.apache.org/maven2): status code: 502, reason phrase: Bad Gateway (502)
        [ERROR] Failed to execute goal on project x: Could not collect dependencies for project a:x:jar:1
        [ERROR] No versions available for org.bouncycastle:bcprov-jdk18on:jar:[1.78,) within specified range
        """)).startsWith("Could not transfer metadata org.bouncycastle:bcprov-jdk18on/maven-metadata.xml");
  }

  @Test
  void aMissingArtifactAndTheBuildsOwnFailuresAreNotTransient() throws Exception {
    for (String log : new String[] {
        // 404: the artifact is not there, and running again does not put it there
        "[ERROR] Failed to execute goal on project app: Could not resolve dependencies for project com.example:app:jar:1.0: Could not find"
            + " artifact com.example:gone:jar:9.9 in central (https://repo.maven.apache.org/maven2) -> [Help 1]\n",
        "[ERROR] Failed to execute goal on project app: Could not resolve dependencies for project com.example:app:jar:1.0: The following"
            + " artifacts could not be resolved: com.example:gone:jar:9.9 (absent): com.example:gone:jar:9.9 was not found in"
            + " https://repo.maven.apache.org/maven2 during a previous attempt. This failure was cached in the local repository\n",
        // one transfer failed, another artifact is not there at all: the missing one decides
        "[ERROR] \tCould not transfer artifact a:b:jar:1 from/to central (https://repo.maven.apache.org/maven2): Connection reset\n"
            + "[ERROR] \tCould not find artifact com.example:gone:jar:9.9 in central (https://repo.maven.apache.org/maven2)\n",
        // offline and never downloaded: resolution is BuildRunner's other path, not a retry
        "[ERROR] Failed to execute goal on project x: Cannot access central (https://repo.maven.apache.org/maven2) in offline mode and the"
            + " artifact a:b:jar:1 has not been downloaded from it before. -> [Help 1]\n",
        // a test that met a reset connection: the test's failure
        "[ERROR] Tests run: 3, Failures: 0, Errors: 1, Skipped: 0\n[ERROR]   ClientTest.fetches:41 » Socket Connection reset\n",
        // a download warning, then a build that failed on its own
        "[WARNING] Could not transfer metadata a:b:1.0-SNAPSHOT/maven-metadata.xml from/to snapshots (https://x): Connection reset\n"
            + "[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0\n[ERROR] There are test failures.\n",
        "[WARNING] Could not transfer metadata a:b:1.0-SNAPSHOT/maven-metadata.xml from/to snapshots (https://x): Read timed out\n"
            + "[ERROR] %s/src/main/java/A.java:[3,1] class, interface, enum, or record expected\n".formatted(dir.toAbsolutePath().normalize())}) {
      assertThat(transientFailure(log)).as(log).isNull();
    }
  }

  @Test
  void aNotFoundFromOneRepositoryBesideATransientFailureFromAnotherForTheSameArtifactIsTransient() throws Exception {
    // Maven 3.9.8+ (MNG-7758): each repository's failure for a dependency on its own line; jitpack.io never had it, central failed to deliver it.
    assertThat(transientFailure("""
        [INFO] BUILD FAILURE
        [ERROR] Failed to execute goal on project app: Could not resolve dependencies for project com.example:app:jar:1.0
        [ERROR] dependency: org.slf4j:slf4j-api:jar:2.0.16 (compile)
        [ERROR] 	Could not find artifact org.slf4j:slf4j-api:jar:2.0.16 in jitpack.io (https://jitpack.io)
        [ERROR] 	Could not transfer artifact org.slf4j:slf4j-api:jar:2.0.16 from/to central (https://repo.maven.apache.org/maven2): /root/.m2/repository/org/slf4j/slf4j-api/2.0.16/slf4j-api-2.0.16.jar.part.lock (No such file or directory)
        """)).startsWith("Could not transfer artifact org.slf4j:slf4j-api:jar:2.0.16 from/to central");
    // ... but another dependency missing from every repository still decides
    assertThat(transientFailure("""
        [INFO] BUILD FAILURE
        [ERROR] Failed to execute goal on project app: Could not resolve dependencies for project com.example:app:jar:1.0
        [ERROR] dependency: org.slf4j:slf4j-api:jar:2.0.16 (compile)
        [ERROR] 	Could not find artifact org.slf4j:slf4j-api:jar:2.0.16 in jitpack.io (https://jitpack.io)
        [ERROR] 	Could not transfer artifact org.slf4j:slf4j-api:jar:2.0.16 from/to central (https://repo.maven.apache.org/maven2): Connection reset
        [ERROR] dependency: com.example:gone:jar:9.9 (compile)
        [ERROR] 	Could not find artifact com.example:gone:jar:9.9 in jitpack.io (https://jitpack.io)
        [ERROR] 	Could not find artifact com.example:gone:jar:9.9 in central (https://repo.maven.apache.org/maven2)
        """)).isNull();
  }

  @Test
  void aMetadataWarningIsTransientOnlyForTheVersionsItCouldNotList() throws Exception {
    // A dead snapshot repository warns on every build; the build failed for a blocked mirror, which no retry changes.
    assertThat(transientFailure("""
        [WARNING] Could not transfer metadata org.foo:bar-plugin:1.0-SNAPSHOT/maven-metadata.xml from/to old-snapshots (https://snapshots.old.example.org/repo): Connect timed out
        [INFO] BUILD FAILURE
        [ERROR] Failed to execute goal on project app: Could not resolve dependencies for project com.example:app:jar:1.0: Failed to collect dependencies at com.legacy:lib:jar:2.1: Failed to read artifact descriptor for com.legacy:lib:jar:2.1: Could not transfer artifact com.legacy:lib:pom:2.1 from/to maven-default-http-blocker (http://0.0.0.0/): Blocked mirror for repositories: [legacy (http://legacy.example.org/repo, default, releases+snapshots)] -> [Help 1]
        """)).isNull();
    // No versions of another artifact: that warning is not why
    assertThat(transientFailure("""
        [WARNING] Could not transfer metadata org.foo:bar-plugin/maven-metadata.xml from/to old-snapshots (https://snapshots.old.example.org/repo): Connect timed out
        [ERROR] Failed to execute goal on project x: Could not collect dependencies for project a:x:jar:1
        [ERROR] No versions available for org.bouncycastle:bcprov-jdk18on:jar:[1.78,) within specified range
        """)).isNull();
  }

  @Test
  void aTestsOwnOutputIsNotMavensResolution() throws Exception {
    // A resolver-based plugin's test prints Maven's words; the build then fails for a real reason.
    assertThat(transientFailure("""
        [INFO] -------------------------------------------------------
        [INFO]  T E S T S
        [INFO] -------------------------------------------------------
        [INFO] Running com.example.ResolverTest
        [ERROR] Could not transfer artifact a:b:jar:1 from/to central (https://repo.maven.apache.org/maven2): Connection reset
        [INFO] Tests run: 4, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 1.2 s -- in com.example.ResolverTest
        [INFO]
        [INFO] Results:
        [INFO]
        [INFO] Tests run: 4, Failures: 0, Errors: 0, Skipped: 0
        [INFO]
        [INFO] --- jacoco:0.8.12:check (check) @ app ---
        [WARNING] Rule violated for bundle app: lines covered ratio is 0.41, but expected minimum is 0.80
        [INFO] BUILD FAILURE
        [ERROR] Failed to execute goal org.jacoco:jacoco-maven-plugin:0.8.12:check (check) on project app: Coverage checks have not been met. See log for details. -> [Help 1]
        """)).isNull();
  }

  @Test
  void moreWordsOfATransportThatFailedForNow() throws Exception {
    String prefix = "[ERROR] \tCould not transfer artifact a:b:jar:1 from/to central (https://repo.maven.apache.org/maven2): ";
    for (String cause : new String[] {
        // Resolver 2 / Maven 4
        "HTTP Status: 503",
        // the JDK's HttpClient (Resolver 2's default transport)
        "HTTP/1.1 header parser received no bytes", "request timed out", "Received RST_STREAM: Stream cancelled", "GOAWAY received",
        // a repository's rate limit, DNS and routing
        "status code: 429, reason phrase: Too Many Requests (429)", "repo.maven.apache.org: Temporary failure in name resolution",
        "No route to host", "Network is unreachable"}) {
      assertThat(transientFailure("[INFO] BUILD FAILURE\n" + prefix + cause + "\n")).as(cause).isNotNull();
    }
    assertThat(transientFailure("[INFO] BUILD FAILURE\n" + prefix + "HTTP Status: 404\n")).isNull();
  }
}
