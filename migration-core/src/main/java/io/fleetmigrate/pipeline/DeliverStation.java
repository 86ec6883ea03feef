package io.fleetmigrate.pipeline;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.checkout.Workspace;
import io.fleetmigrate.deliver.CodeHost;
import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.Delivery;
import io.fleetmigrate.deliver.DeliveryRequest;
import io.fleetmigrate.rollout.ChangeCoverage;
import io.fleetmigrate.rollout.RiskFlag;
import java.io.IOException;
import io.fleetmigrate.verify.TestCounts;
import org.jspecify.annotations.Nullable;

/**
 * The committed green change, proposed: unless the run is a dry run ({@code READY}) or the rollout
 * holds the repository back for a later wave ({@code WAITING}), the code host pushes the branch and
 * opens or updates the pull request. A repository whose baseline ran too few tests, or whose change
 * touches main code its tests cover little of, is proposed flagged (draft, label, owners as
 * reviewers) whatever the campaign says ({@link RiskFlag}); the flag and the CODEOWNERS owners are
 * kept with the pull request.
 */
final class DeliverStation {
  private final CodeHost host;

  DeliverStation(CodeHost host) {
    this.host = host;
  }

  /** Why this green change is not delivered in this run, or {@code null} to deliver it. */
  @Nullable Stop holds(RepoJob job, String green) {
    if (job.run().dryRun()) {
      return new Stop(OutcomeStatus.READY, green + "; dry run: diff saved, nothing delivered");
    }
    String held = job.run().window().holds(job.repo().name());
    if (held != null) {
      return new Stop(OutcomeStatus.WAITING, held.startsWith("green") ? green + held.substring("green".length()) : held);
    }
    return null;
  }

  /** What the code host did, in the outcome's words. */
  record Result(OutcomeStatus status, String reason, @Nullable Integer prNumber, @Nullable String headCommit) {}

  Result deliver(RepoJob job, Workspace ws, String commit, PullRequestText text, TestCounts baselineTests, ChangeCoverage.Baseline coverage)
      throws CodeHostException, IOException {
    var spec = job.spec();
    RiskFlag.Assessment risk = RiskFlag.assess(spec.rollout(), ws, baselineTests.executed(), coverage);
    Delivery delivery = host.deliver(new DeliveryRequest(spec.name(), job.repo(), ws, commit, text.title(), text.body(),
        risk.options(spec.pullRequest(), job.repo()), spec.codeHost()));
    job.rows().risk(spec.name(), risk);
    return new Result(delivery.status(), delivery.reason() + risk.suffix(), delivery.prNumber(), delivery.headCommit());
  }
}
