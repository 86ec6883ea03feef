package io.fleetmigrate.campaign;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one repository in one run.
 *
 * @param repository the repository's inventory name
 * @param status the final status
 * @param reason one line a person can act on
 * @param stage the last station the repository reached
 * @param filesChanged files the recipes changed
 * @param baseCommit the commit the run started from
 * @param headCommit the commit we made (or pushed), when there is one
 * @param prNumber the campaign's pull request for this repository, when there is one
 * @param diffPath the saved diff of the change
 * @param logDir where this repository's logs of this run are
 * @param duration wall time spent on the repository
 */
public record RepoOutcome(
    String repository,
    OutcomeStatus status,
    String reason,
    Stage stage,
    int filesChanged,
    @Nullable String baseCommit,
    @Nullable String headCommit,
    @Nullable Integer prNumber,
    @Nullable String diffPath,
    @Nullable String logDir,
    Duration duration) {

  public RepoOutcome {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(status, "status");
    reason = oneLine(reason);
  }

  /** The stations of the pipeline, in order. */
  public enum Stage {
    CHECKOUT,
    BASELINE,
    REWRITE,
    VERIFY,
    /** The model's fix loop (only when verify was red and a model is configured). */
    FIX,
    DELIVER,
    DONE
  }

  private static String oneLine(String reason) {
    // Defence in depth: a URL's user:password@ never reaches the store, reports or logs.
    String line = reason.replaceAll("\\s+", " ").replaceAll("(://)[^/@\\s:]+:[^/@\\s]+@", "$1***@").strip();
    return line.length() > 1900 ? line.substring(0, 1897) + "..." : line;
  }
}
