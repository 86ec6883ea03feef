package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.BuildResult;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.rollout.ChangeCoverage;
import io.fleetmigrate.verify.MavenDiagnostics;
import io.fleetmigrate.verify.RepositoryBuild;
import io.fleetmigrate.verify.StagedVerifier;
import io.fleetmigrate.verify.TestCounts;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The build before any change: the repository's verify command on the untouched tree, on the JDK it
 * needs, plus the goal that writes each module's classpaths for the recipe engine (the build tool's). Red here blames nobody's change, so the
 * repository ends {@code BASELINE_RED}; green gives the test count the guardrails' floor is.
 */
final class BaselineStation {

  /**
   * @param stop {@code BASELINE_RED}, or {@code null} when green
   * @param tests what ran before anything was touched (from the test reports)
   * @param coverage the baseline's JaCoCo reports, read before the verify build deletes them
   */
  record Result(@Nullable Stop stop, TestCounts tests, ChangeCoverage.Baseline coverage) {}

  Result run(RepoJob job) throws BuildException, IOException {
    RepositoryBuild build = job.build();
    if (build.baselineRed() != null) {
      return red("red before any change: " + build.baselineRed());
    }
    StagedVerifier.deleteBuildOutput(job.dir());
    String command = build.baselineCommand();
    // Like every build, the baseline runs under the sandbox's network policy, on the JDK the
    // repository needs; offline, a miss in the local Maven repository warms it (see BuildRunner).
    BuildResult baseline = job.inSlot(() -> build.baseline().run(job.dir(), command, build.verify().timeout(), job.logDir().resolve("baseline.log")));
    TestCounts tests = baseline.green() ? MavenDiagnostics.testReports(job.dir()).counts() : TestCounts.NONE;
    job.rows().build("baseline", baseline, baseline.green() ? tests.executed() : null);
    if (baseline.timedOut()) {
      return red("baseline build " + baseline.summary() + " before any change; raise verify.timeout if it is slow, not stuck");
    }
    if (!baseline.green()) {
      return red("red before any change: " + baseline.summary());
    }
    // Green is what the reports say, not the exit code: a build that ignores failing tests exits 0.
    String reportsRed = StagedVerifier.reportsRed(build.tool(), baseline, tests, job.dir());
    if (reportsRed != null) {
      return new Result(new Stop(OutcomeStatus.BASELINE_RED, "red before any change: " + reportsRed), tests, ChangeCoverage.Baseline.NONE);
    }
    // Read now: the verify build deletes target/. Not at all when the campaign turned the coverage criterion off.
    return new Result(null, tests, job.spec().rollout().minCoverage() == 0 ? ChangeCoverage.Baseline.NONE : ChangeCoverage.read(job.dir()));
  }

  private static Result red(String reason) {
    return new Result(new Stop(OutcomeStatus.BASELINE_RED, reason), TestCounts.NONE, ChangeCoverage.Baseline.NONE);
  }
}
