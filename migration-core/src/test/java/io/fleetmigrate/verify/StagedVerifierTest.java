package io.fleetmigrate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.campaign.CampaignSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedVerifierTest {
  @TempDir Path dir;
  private final BuildRunner builds = new BuildRunner(new MavenToolchain(null));

  @Test
  void mavenDefaultsAreCompileThenTestAndLintOnlyWithAConfiguredLinter() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    StagedVerifier verifier = new StagedVerifier(builds, new CampaignSpec.Verify("./mvnw -B verify", Duration.ofMinutes(20)));
    assertThat(verifier.plan(dir)).extracting(VerifyStage::name, VerifyStage::command)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("compile", "./mvnw -B test-compile"),
            org.assertj.core.groups.Tuple.tuple("test", "./mvnw -B verify"));

    Files.writeString(dir.resolve("pom.xml"), "<project><build><plugins><plugin><artifactId>maven-checkstyle-plugin</artifactId></plugin></plugins></build></project>");
    assertThat(verifier.plan(dir).get(0)).isEqualTo(new VerifyStage("lint", "./mvnw -B checkstyle:check", Duration.ofMinutes(5)));
  }

  @Test
  void specOverridesStagesAndTheirTimeLimits() {
    StagedVerifier verifier = new StagedVerifier(builds, new CampaignSpec.Verify("make test", Duration.ofMinutes(7),
        new CampaignSpec.Stage("make lint", Duration.ofSeconds(30)), new CampaignSpec.Stage("", Duration.ofMinutes(1))));
    assertThat(verifier.plan(dir))
        .containsExactly(new VerifyStage("lint", "make lint", Duration.ofSeconds(30)), new VerifyStage("test", "make test", Duration.ofMinutes(7)));
  }

  @Test
  void stopsAtTheFirstRedStageWithItsDiagnosticsAndKeepsEachLog() throws Exception {
    Path src = dir.toAbsolutePath().normalize().resolve("src/A.java");
    StagedVerifier verifier = new StagedVerifier(builds, new CampaignSpec.Verify("echo tests-ran; exit 0", Duration.ofMinutes(1),
        new CampaignSpec.Stage("echo linted", Duration.ofSeconds(30)),
        new CampaignSpec.Stage("echo '[ERROR] " + src + ":[3,9] cannot find symbol'; exit 1", Duration.ofSeconds(30))));
    Path stale = Files.createDirectories(dir.resolve("target/surefire-reports")).resolve("TEST-old.xml");
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    Files.writeString(stale, "<testsuite tests=\"9\"/>");

    VerifyResult result = verifier.verify(dir, dir.resolve("logs"), "fix-1");

    assertThat(result.green()).isFalse();
    assertThat(result.failedStage()).isEqualTo("compile");
    assertThat(result.stages()).extracting(s -> s.stage().name()).containsExactly("lint", "compile");
    assertThat(result.diagnostics()).containsExactly(Diagnostic.compile("src/A.java", 3, 9, "cannot find symbol"));
    assertThat(result.summary()).isEqualTo("compile error: src/A.java:3:9: cannot find symbol");
    assertThat(dir.resolve("logs/fix-1-lint.log")).exists();
    assertThat(dir.resolve("logs/fix-1-compile.log")).exists();
    assertThat(stale).doesNotExist();
    assertThat(result.tests()).isEqualTo(TestCounts.NONE);
  }

  @Test
  void eachStageHoldsABuildSlotWhileItRuns() throws Exception {
    // Each stage takes a directory as a lock (mkdir is atomic) and fails if another build holds it:
    // three repositories verified at once through one slot must never overlap a stage.
    Path lock = dir.resolve("lock");
    String stage = "mkdir " + lock + " || exit 1; sleep 0.2; rmdir " + lock;
    io.fleetmigrate.build.BuildSlots.Gate slots = new io.fleetmigrate.build.BuildSlots.Gate(1);
    // Plain child processes: in the sandbox each build would see its own /tmp, and the lock with it.
    BuildRunner plain = new BuildRunner(new MavenToolchain(null), io.fleetmigrate.build.Sandbox.processOnly("test of build slots"),
        io.fleetmigrate.build.Sandbox.Network.ALLOWED, BuildRunner.DEFAULT_OUTPUT_CAP);
    StagedVerifier verifier = new StagedVerifier(plain, new CampaignSpec.Verify(stage, Duration.ofMinutes(1),
        new CampaignSpec.Stage(stage, Duration.ofSeconds(30)), new CampaignSpec.Stage(stage, Duration.ofSeconds(30))), slots);
    java.util.concurrent.ExecutorService lanes = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      java.util.List<java.util.concurrent.Future<VerifyResult>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Path repo = Files.createDirectories(dir.resolve("repo-" + i));
        runs.add(lanes.submit(() -> verifier.verify(repo, repo.resolve("logs"), "verify")));
      }
      for (java.util.concurrent.Future<VerifyResult> run : runs) {
        VerifyResult result = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.green()).as(result.summary()).isTrue();
        assertThat(result.stages()).hasSize(3);
      }
    } finally {
      lanes.shutdownNow();
    }
    assertThat(slots.waited()).isPositive();
    assertThat(slots.running()).isZero();
  }

  /** A test stage that writes a Surefire report and exits 0, as a build with testFailureIgnore does. */
  private static String reportAndExit0(String failures) {
    return "mkdir -p target/surefire-reports && printf '%s' '<testsuite name=\"PriceTest\" tests=\"5\" failures=\"" + failures
        + "\" errors=\"0\" skipped=\"0\"><testcase classname=\"com.example.PriceTest\" name=\"addsVat\">"
        + ("0".equals(failures) ? "" : "<failure message=\"expected: 120 but was: 121\" type=\"org.opentest4j.AssertionFailedError\"/>")
        + "</testcase></testsuite>' > target/surefire-reports/TEST-com.example.PriceTest.xml; echo BUILD SUCCESS; exit 0";
  }

  @Test
  void aTestStageThatExitsZeroIsRedWhenItsReportsShowAFailure() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project><build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId>"
        + "<configuration><testFailureIgnore>true</testFailureIgnore></configuration></plugin></plugins></build></project>");
    StagedVerifier verifier = new StagedVerifier(builds, new CampaignSpec.Verify(reportAndExit0("1"), Duration.ofMinutes(1),
        new CampaignSpec.Stage("", Duration.ofSeconds(30)), new CampaignSpec.Stage("", Duration.ofSeconds(30))));

    VerifyResult result = verifier.verify(dir, dir.resolve("logs"), "fix-1");

    assertThat(result.stages()).singleElement().satisfies(s -> assertThat(s.build().exitCode()).isZero());
    assertThat(result.green()).isFalse();
    assertThat(result.failedStage()).isEqualTo("test");
    assertThat(result.tests()).isEqualTo(new TestCounts(5, 1, 0, 0));
    assertThat(result.diagnostics()).singleElement().satisfies(d -> assertThat(d.oneLine())
        .isEqualTo("com.example.PriceTest.addsVat: org.opentest4j.AssertionFailedError: expected: 120 but was: 121"));
    assertThat(result.summary()).isEqualTo("test failed: com.example.PriceTest.addsVat: org.opentest4j.AssertionFailedError: "
        + "expected: 120 but was: 121; 1 test failure in the reports although the build exited 0 "
        + "(the build ignores test failures: testFailureIgnore)");
  }

  @Test
  void aTestStageWhoseReportsAreCleanIsGreen() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    StagedVerifier verifier = new StagedVerifier(builds, new CampaignSpec.Verify(reportAndExit0("0"), Duration.ofMinutes(1),
        new CampaignSpec.Stage("", Duration.ofSeconds(30)), new CampaignSpec.Stage("", Duration.ofSeconds(30))));

    VerifyResult result = verifier.verify(dir, dir.resolve("logs"), "verify");

    assertThat(result.green()).as(result.summary()).isTrue();
    assertThat(result.tests()).isEqualTo(new TestCounts(5, 0, 0, 0));
  }

  @Test
  void theReasonNamesWhereTheBuildIsToldToIgnoreFailures() throws Exception {
    Files.createDirectories(dir.resolve(".mvn"));
    Files.writeString(dir.resolve(".mvn/maven.config"), "-B -Dmaven.test.failure.ignore=true\n");
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    var build = new io.fleetmigrate.build.BuildResult("mvn -B -fn verify", 0, false, Duration.ofSeconds(1), dir.resolve("log"), "");

    assertThat(StagedVerifier.reportsRed(io.fleetmigrate.build.MavenBuildTool.MAVEN, build, new TestCounts(3, 0, 2, 0), dir))
        .isEqualTo("2 test errors in the reports although Maven exited 0 (the build ignores test failures: -fn, "
            + "-Dmaven.test.failure.ignore (.mvn/maven.config))");
    assertThat(StagedVerifier.reportsRed(io.fleetmigrate.build.MavenBuildTool.MAVEN, build, new TestCounts(3, 0, 0, 1), dir)).isNull();
    var red = new io.fleetmigrate.build.BuildResult("mvn -B verify", 1, false, Duration.ofSeconds(1), dir.resolve("log"), "");
    assertThat(StagedVerifier.reportsRed(io.fleetmigrate.build.MavenBuildTool.MAVEN, red, new TestCounts(3, 1, 0, 0), dir)).as("a red exit code is red already").isNull();
  }
}
