package io.fleetmigrate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenDiagnosticsTest {
  @TempDir Path dir;

  @Test
  void javacErrorsBecomeRelativeLocatedRecordsAndDuplicatesCollapse() throws Exception {
    Path log = dir.resolve("compile.log");
    String file = dir.toAbsolutePath().normalize() + "/src/test/java/com/example/FooTest.java";
    Files.writeString(log, String.join("\n",
        "[INFO] Compiling 2 source files",
        "[ERROR] COMPILATION ERROR : ",
        "[ERROR] " + file + ":[7,24] package org.junit.internal does not exist",
        "[ERROR] " + file + ":[22,18] cannot find symbol",
        "  symbol:   class ArrayComparisonFailure",
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:testCompile",
        "[ERROR] " + file + ":[7,24] package org.junit.internal does not exist",
        "[WARNING] " + file + ":[3,1] deprecated"));

    List<Diagnostic> found = MavenDiagnostics.located(io.fleetmigrate.build.MavenBuildTool.MAVEN.log(), log, dir, Diagnostic.Kind.COMPILE);
    List<Diagnostic> ranked = MavenDiagnostics.rank(found, 20);

    assertThat(ranked)
        .containsExactly(
            Diagnostic.compile("src/test/java/com/example/FooTest.java", 7, 24, "package org.junit.internal does not exist"),
            Diagnostic.compile("src/test/java/com/example/FooTest.java", 22, 18, "cannot find symbol"));
    assertThat(ranked.get(0).oneLine()).isEqualTo("src/test/java/com/example/FooTest.java:7:24: package org.junit.internal does not exist");
  }

  @Test
  void checkstyleWarningsAndSpotlessFilesAreLintViolations() throws Exception {
    Path log = dir.resolve("lint.log");
    Files.writeString(log, String.join("\n",
        "[WARNING] src/main/java/A.java:[10,1] (imports) UnusedImports: Unused import - java.util.List. [UnusedImports]",
        "[ERROR] Failed to execute goal com.diffplug.spotless:spotless-maven-plugin:2.44.0:check (default-cli) on project x: The following files had format violations:",
        "[ERROR]     src/main/java/B.java",
        "[ERROR]         @@ -1,3 +1,3 @@",
        "[ERROR] Run 'mvn spotless:apply' to fix these violations."));

    List<Diagnostic> found = MavenDiagnostics.located(io.fleetmigrate.build.MavenBuildTool.MAVEN.log(), log, dir, Diagnostic.Kind.LINT);

    assertThat(found).extracting(Diagnostic::kind).containsOnly(Diagnostic.Kind.LINT);
    assertThat(found).extracting(Diagnostic::file).containsExactly("src/main/java/A.java", "src/main/java/B.java");
  }

  @Test
  void surefireAndFailsafeReportsGiveFailingTestsAndTheExecutedCount() throws Exception {
    Path surefire = Files.createDirectories(dir.resolve("core/target/surefire-reports"));
    Files.writeString(surefire.resolve("TEST-com.example.FooTest.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="com.example.FooTest" tests="4" failures="1" errors="1" skipped="1">
          <testcase name="adds" classname="com.example.FooTest" time="0.01"/>
          <testcase name="compares" classname="com.example.FooTest" time="0.01">
            <failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected: &lt;1&gt; but was: &lt;2&gt;
        	at org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)
        	at com.example.FooTest.compares(FooTest.java:20)
        	at a.b(C.java:1)
        	at a.b(C.java:2)
        	at a.b(C.java:3)
        	at a.b(C.java:4)
        	at a.b(C.java:5)
        	at a.b(C.java:6)
        	at a.b(C.java:7)
        	at a.b(C.java:8)</failure>
          </testcase>
          <testcase name="loads" classname="com.example.FooTest"><error type="java.lang.NoClassDefFoundError" message="org/junit/Assert"/></testcase>
          <testcase name="later" classname="com.example.FooTest"><skipped/></testcase>
        </testsuite>
        """);
    Path failsafe = Files.createDirectories(dir.resolve("target/failsafe-reports"));
    Files.writeString(failsafe.resolve("TEST-com.example.AppIT.xml"),
        "<testsuite name=\"com.example.AppIT\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\"><testcase name=\"a\" classname=\"com.example.AppIT\"/><testcase name=\"b\" classname=\"com.example.AppIT\"/></testsuite>");
    Files.writeString(failsafe.resolve("TEST-broken.xml"), "<testsuite tests=\"3\"");
    // An invoker IT's project under target/it fails on purpose: its reports are not this build's.
    Path invoked = Files.createDirectories(dir.resolve("target/it/fails-on-purpose/target/surefire-reports"));
    Files.writeString(invoked.resolve("TEST-com.example.PurposeTest.xml"),
        "<testsuite name=\"x\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\"><testcase name=\"a\" classname=\"x\"><failure message=\"on purpose\"/></testcase></testsuite>");

    MavenDiagnostics.TestReports reports = MavenDiagnostics.testReports(dir);

    assertThat(reports.counts()).isEqualTo(new TestCounts(6, 1, 1, 1));
    assertThat(reports.counts().executed()).isEqualTo(5);
    assertThat(reports.failures()).hasSize(2);
    Diagnostic failure = reports.failures().get(0);
    assertThat(failure.oneLine()).isEqualTo("com.example.FooTest.compares: org.opentest4j.AssertionFailedError: expected: <1> but was: <2>");
    assertThat(failure.trace().lines()).hasSize(Diagnostic.MAX_TRACE_LINES).anyMatch(l -> l.contains("FooTest.java:20"));
    assertThat(reports.failures().get(1).message()).isEqualTo("java.lang.NoClassDefFoundError: org/junit/Assert");
  }

  /** slf4j at its pinned commit: Surefire reran a test that failed once, it passed, Maven said green, the suite still said errors="1". */
  @Test
  void aTestThatPassedWhenRunAgainIsFlakyNotAnError() throws Exception {
    Path surefire = Files.createDirectories(dir.resolve("slf4j-simple/target/surefire-reports"));
    Files.writeString(surefire.resolve("TEST-org.slf4j.simple.InitTest.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="org.slf4j.simple.InitTest" time="0.074" tests="2" errors="1" skipped="0" failures="1">
          <testcase name="multiThreadedInitialization" classname="org.slf4j.simple.InitTest" time="0.012">
            <flakyError message="LoggerFactory in failed state" type="java.lang.IllegalStateException">trace</flakyError>
          </testcase>
          <testcase name="twice" classname="org.slf4j.simple.InitTest" time="0.01">
            <flakyFailure message="expected" type="java.lang.AssertionError">trace</flakyFailure>
          </testcase>
        </testsuite>
        """);
    Files.writeString(surefire.resolve("TEST-org.slf4j.simple.RedTest.xml"), """
        <testsuite name="org.slf4j.simple.RedTest" tests="1" errors="1" skipped="0" failures="0">
          <testcase name="always" classname="org.slf4j.simple.RedTest"><error type="java.lang.IllegalStateException"/>        <rerunError type="java.lang.IllegalStateException"/></testcase>
        </testsuite>
        """);

    MavenDiagnostics.TestReports reports = MavenDiagnostics.testReports(dir);

    assertThat(reports.counts()).as("the flaky ones pass; the one that failed every time is an error").isEqualTo(new TestCounts(3, 0, 1, 0));
    assertThat(reports.failures()).extracting(Diagnostic::oneLine).containsExactly("org.slf4j.simple.RedTest.always: java.lang.IllegalStateException");
  }

  @Test
  void reportsWithADoctypeAreNotTrusted() throws Exception {
    Path surefire = Files.createDirectories(dir.resolve("target/surefire-reports"));
    Files.writeString(surefire.resolve("TEST-x.xml"),
        "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><testsuite tests=\"1\"><testcase name=\"a\" classname=\"X\"><failure message=\"&e;\"/></testcase></testsuite>");

    assertThat(MavenDiagnostics.testReports(dir).counts()).isEqualTo(TestCounts.NONE);
  }

  @Test
  void testsFailingWithTheSameMessageAreOneDiagnosticThatCountsThem() {
    List<Diagnostic> many = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add(Diagnostic.test("com.example.ParamTest", "m" + i, "org.junit.platform.commons.PreconditionViolationException: no arguments", ""));
    }
    many.add(Diagnostic.test("com.example.OtherTest", "x", "expected: <1> but was: <2>", ""));

    List<Diagnostic> ranked = MavenDiagnostics.rank(many, 20);

    assertThat(ranked).hasSize(2);
    assertThat(ranked.get(0).oneLine()).isEqualTo(
        "com.example.ParamTest.m0: org.junit.platform.commons.PreconditionViolationException: no arguments"
            + " [and 299 more test(s) failed with this message: com.example.ParamTest.m1, com.example.ParamTest.m2, com.example.ParamTest.m3, ...]");
    assertThat(ranked.get(1).oneLine()).isEqualTo("com.example.OtherTest.x: expected: <1> but was: <2>");
  }

  @Test
  void compileErrorsRankBeforeTestFailuresAndTheListIsBounded() {
    List<Diagnostic> many = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(Diagnostic.test("T", "m" + i, "boom " + i, ""));
    }
    many.add(Diagnostic.compile("A.java", 3, 1, "';' expected"));

    List<Diagnostic> ranked = MavenDiagnostics.rank(many, 5);

    assertThat(ranked).hasSize(5);
    assertThat(ranked.get(0).kind()).isEqualTo(Diagnostic.Kind.COMPILE);
  }
}
