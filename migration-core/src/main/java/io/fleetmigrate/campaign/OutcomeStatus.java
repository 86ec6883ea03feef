package io.fleetmigrate.campaign;

/**
 * The one final status of a repository in a run (see DESIGN.md). Each outcome also carries a
 * one-line reason a person can act on.
 */
public enum OutcomeStatus {
  /** Green after the recipe; a pull request was opened. */
  PR_OPENED(true, false),
  /** Green; the campaign's existing pull request was updated (or already held this result). */
  PR_UPDATED(true, false),
  /** Dry run: green, the diff was saved for review, nothing was delivered. */
  READY(true, false),
  /**
   * Green and ready, but past the rollout's current wave (or the rollout is paused): not delivered
   * yet. Neither done nor failed: a later run delivers it once its wave opens.
   */
  WAITING(false, false),
  /** The recipes had nothing to change. */
  NO_CHANGES(true, false),
  /** The build was red before we touched it; we never blame a migration for that. */
  BASELINE_RED(false, true),
  /** A file failed to parse or lost its types: nothing was written. */
  RECIPE_REFUSED(false, true),
  /** Red after the recipe (and after the fix loop, when there is one). */
  NEEDS_HUMAN(false, true),
  /** A guardrail rejected the change. */
  GUARDRAIL_REJECTED(false, true),
  /** Someone pushed to the campaign branch; we leave it alone. */
  HUMAN_EDITED(false, false),
  /** Nothing to do here: no build file, filtered out. */
  SKIPPED(false, false),
  /** Clone, code host or internal failure, with the reason. */
  ERROR(false, true);

  private final boolean success;
  private final boolean failure;

  OutcomeStatus(boolean success, boolean failure) {
    this.success = success;
    this.failure = failure;
  }

  /** Done for this campaign: {@code --only failed} leaves these repositories alone. */
  public boolean success() {
    return success;
  }

  /** Needs attention: a run with any of these exits with {@code REPOSITORIES_FAILED}. */
  public boolean failure() {
    return failure;
  }
}
