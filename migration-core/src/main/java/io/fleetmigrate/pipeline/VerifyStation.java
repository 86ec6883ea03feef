package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.judge.Guardrails;
import io.fleetmigrate.judge.Violation;
import io.fleetmigrate.verify.StagedVerifier;
import io.fleetmigrate.verify.TestCounts;
import io.fleetmigrate.verify.Verifier;
import io.fleetmigrate.verify.VerifyResult;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The repository's own lint → compile → test after the recipe, each stage recorded as a row. Green
 * is what the test reports say, and fewer tests than the baseline ran is not green: the recipe's
 * change is then not shown to be safe ({@code NEEDS_HUMAN}).
 */
final class VerifyStation {

  /**
   * @param stop {@code NEEDS_HUMAN} when tests vanished, else {@code null} (green or red: red goes to the fixer)
   * @param verifier the same verifier for the fix loop's attempts, recording their rows too
   */
  record Result(@Nullable Stop stop, VerifyResult verify, Verifier verifier) {}

  Result run(RepoJob job, TestCounts baselineTests) throws BuildException {
    CampaignSpec spec = job.spec();
    // On verify.jdk when the campaign names one, else on the baseline's JDK.
    StagedVerifier staged = job.build().stagedVerifier(job.slots());
    // Each attempt's builds are recorded like the first verify's (fix-N-compile, fix-N-test rows).
    Verifier recorded = (workdir, logDir, label) -> {
      VerifyResult result = staged.verify(workdir, job.logDir(), label);
      job.rows().verify(label, result);
      return result;
    };
    VerifyResult verify = recorded.verify(job.dir(), job.logDir(), "verify");
    Optional<Violation> fewerTests = verify.green()
        ? Guardrails.of(spec.guardrails(), job.build().verify().commands()).floor(baselineTests, verify.tests())
        : Optional.empty();
    if (fewerTests.isPresent()) {
      // Green by its reports, but tests vanished.
      return new Result(new Stop(OutcomeStatus.NEEDS_HUMAN, "red after the recipe: " + fewerTests.get()), verify, recorded);
    }
    return new Result(null, verify, recorded);
  }
}
