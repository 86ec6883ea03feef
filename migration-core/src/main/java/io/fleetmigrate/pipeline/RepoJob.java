package io.fleetmigrate.pipeline;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.BuildSlots;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.verify.RepositoryBuild;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What every station reads about the one repository it works on: the run, the repository, its
 * checkout and log folder, the build slots its builds hold, where its rows are recorded, and how it
 * builds (its verify settings, and the runners of its baseline and verify builds, each on its JDK).
 * Immutable; what the stations learn comes back in their result records.
 */
record RepoJob(
    RunContext run, RepoRef repo, Path dir, Path logDir, BuildSlots.@Nullable Gate slots, RecordStation.Rows rows, RepositoryBuild build) {
  CampaignSpec spec() {
    return run.spec();
  }

  /** Runs {@code build} holding one of the run's build slots (when the run limits them). */
  <T> T inSlot(BuildSlots.Build<T> build) throws BuildException {
    return slots == null ? build.run() : slots.run(build);
  }
}
