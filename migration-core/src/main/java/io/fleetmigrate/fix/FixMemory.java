package io.fleetmigrate.fix;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Fixes that turned a repository of the campaign green and were accepted, by the signature of the
 * diagnostics they fixed: a later repository with the same signature gets the remembered edits
 * first, without a model call, and the model sees them as an example when they do not apply.
 */
public interface FixMemory {
  /**
   * One remembered fix.
   *
   * @param id its number in the store
   * @param repository where it was learnt
   * @param files the diagnostics' files there, as in {@link DiagnosticSignature#files()}
   * @param edits the accepted edits, in the order they were applied
   */
  record Remembered(long id, String repository, List<@Nullable String> files, List<Edit> edits) {
    public Remembered {
      files = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(files));
      edits = List.copyOf(edits);
    }
  }

  /** The best fix remembered for {@code signature} (the one that worked most often), if any. */
  Optional<Remembered> recall(DiagnosticSignature signature);

  /** Counts one deterministic reuse of {@code id}, and whether it turned the repository green. */
  void reused(long id, boolean worked);

  /** Remembers an accepted fix learnt in {@code repository}. */
  void remember(DiagnosticSignature signature, String repository, List<Edit> edits);
}
