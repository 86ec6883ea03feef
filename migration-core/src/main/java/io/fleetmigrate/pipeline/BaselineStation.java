package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.BuildResult;
import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.recipes.ModuleClasspath;
import io.fleetmigrate.verify.MavenDiagnostics;
import io.fleetmigrate.verify.StagedVerifier;
import io.fleetmigrate.verify.TestCounts;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The build before any change: the verify command on the untouched tree, plus the goal that
 * writes each module's classpaths for the recipe engine. Red here blames nobody's change, so the
 * repository ends {@code BASELINE_RED}; green gives the test count the guardrails' floor is.
 */
final class BaselineStation {
  /**
   * Appended to a Maven baseline build: each module's resolved dependencies with their scopes, from
   * which the recipe engine takes the main and the test classpath.
   */
  static final String CLASSPATH_GOAL = ModuleClasspath.MAVEN_GOAL;

  private final BuildRunner builds;

  BaselineStation(BuildRunner builds) {
    this.builds = builds;
  }

  /**
   * @param stop {@code BASELINE_RED}, or {@code null} when green
   * @param tests what ran before anything was touched (from the test reports)
   */
  record Result(@Nullable Stop stop, TestCounts tests) {}

  Result run(RepoJob job) throws BuildException, IOException {
    StagedVerifier.deleteBuildOutput(job.dir());
    String command = baselineCommand(job.spec().verify().command());
    // Like every build, the baseline runs under the sandbox's network policy; offline, a miss in
    // the local Maven repository warms it (see BuildRunner).
    BuildResult baseline = job.inSlot(() -> builds.run(job.dir(), command, job.spec().verify().timeout(), job.logDir().resolve("baseline.log")));
    TestCounts tests = baseline.green() ? MavenDiagnostics.testReports(job.dir()).counts() : TestCounts.NONE;
    job.rows().build("baseline", baseline, baseline.green() ? tests.executed() : null);
    if (baseline.timedOut()) {
      return red("baseline build " + baseline.summary() + " before any change; raise verify.timeout if it is slow, not stuck");
    }
    if (!baseline.green()) {
      return red("red before any change: " + baseline.summary());
    }
    // Green is what the reports say, not the exit code: a build that ignores failing tests exits 0.
    String reportsRed = StagedVerifier.reportsRed(baseline, tests, job.dir());
    if (reportsRed != null) {
      return new Result(new Stop(OutcomeStatus.BASELINE_RED, "red before any change: " + reportsRed), tests);
    }
    return new Result(null, tests);
  }

  private static Result red(String reason) {
    return new Result(new Stop(OutcomeStatus.BASELINE_RED, reason), TestCounts.NONE);
  }

  /** The verify command, plus the classpath the recipe engine needs when it is a Maven build. */
  static String baselineCommand(String verifyCommand) {
    String c = verifyCommand.strip();
    boolean maven = c.equals("mvn") || c.startsWith("mvn ") || c.startsWith("./mvnw ") || c.equals("./mvnw");
    return maven ? c + " " + CLASSPATH_GOAL : c + " && mvn -B -q " + CLASSPATH_GOAL;
  }
}
