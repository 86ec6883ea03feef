package io.fleetmigrate.pipeline;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.campaign.RepoOutcome.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What is known so far about one repository, so that any exit -- a station's {@link Stop}, an
 * exception -- builds its outcome. Only {@link RepoPipeline}'s sequence writes it, from what the
 * stations return; the stations themselves never see it.
 */
final class Progress {
  final String repository;
  final Path logDir;
  final long start;
  Stage stage = Stage.CHECKOUT;
  int filesChanged;
  @Nullable String baseCommit;
  @Nullable String headCommit;
  @Nullable Integer prNumber;
  @Nullable String diffPath;
  /** Rules the spec turned off; every outcome from verify on says so, so no report hides it. */
  List<String> guardrailsOff = List.of();

  Progress(String repository, Path logDir, long start) {
    this.repository = repository;
    this.logDir = logDir;
    this.start = start;
  }

  RepoOutcome end(Stop stop) {
    return outcome(stop.status(), stop.reason());
  }

  RepoOutcome outcome(OutcomeStatus status, String reason) {
    String off = guardrailsOff.isEmpty() ? "" : " (guardrails off by the spec: " + String.join(", ", guardrailsOff) + ")";
    return new RepoOutcome(
        repository, status, reason + off, stage, filesChanged, baseCommit, headCommit, prNumber, diffPath,
        logDir.toString(), Duration.ofNanos(System.nanoTime() - start));
  }
}
