package io.fleetmigrate.build;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a build tool's log says: to a fix prompt, the located errors and warnings, the files a
 * formatter check names, the first meaningful error; to {@link BuildRunner}, the reason of a red
 * run, what it lacked offline, and whether it failed only for a transient download. Each {@link BuildTool} has one reader ({@link
 * BuildTool#log}); Maven's is {@link MavenLog}, which also gives the outcome's reason from the same
 * lines, so the two cannot disagree.
 */
public interface BuildLog {
  /**
   * A located problem: {@code file} relative to the build's directory when it lies inside it,
   * {@code column} 0 when the tool gave none, {@code error} false for a warning (a linter's
   * violations are often warnings that fail the build at the end), {@code compiler} true for the
   * compiler's own errors.
   */
  record Located(String file, int line, int column, String message, boolean error, boolean compiler) {
    /** {@code file:line:column: message}, the way the outcome's reason names it. */
    String text() {
      return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
  }

  /** Every located error and warning of the log, in order. */
  List<Located> located(Path log, Path workdir);

  /** The files a formatter check says are misformatted, relative to {@code workdir}. */
  List<String> misformatted(Path log, Path workdir);

  /** The first meaningful error line, in the same words as the outcome's reason, or {@code null}. */
  @Nullable String firstError(Path log);

  /** The log's last line that is not blank, or {@code null}. */
  @Nullable String lastLine(Path log);

  /** The one-line reason of a red run, as the outcome gives it. */
  String summarize(Path log, Path workdir);

  /** Whether a red run failed for want of something its tool's local cache lacked (a plugin, a dependency). */
  boolean lacksArtifacts(Path log);

  /** What a red run says it lacked, in the tool's coordinates; empty when it names nothing. */
  List<String> lacked(Path log);

  /**
   * Why a red run failed only because a download failed for a reason that goes away (a network
   * error, a 5xx, another build racing over the same local cache), in the log's words; {@code null}
   * when it did not, or when something is really missing.
   */
  @Nullable String transientFailure(Path log, Path workdir);
}
