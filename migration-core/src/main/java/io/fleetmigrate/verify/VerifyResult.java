package io.fleetmigrate.verify;

import io.fleetmigrate.build.BuildResult;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What one verify did.
 *
 * @param stages the stages that ran, in order; a red stage is the last one
 * @param diagnostics ranked, deduplicated, bounded (see {@link MavenDiagnostics#rank})
 * @param diagnosticsTotal how many distinct diagnostics there were before bounding
 * @param tests what the test reports say ran ({@link TestCounts#NONE} when no test stage ran)
 */
public record VerifyResult(List<StageRun> stages, List<Diagnostic> diagnostics, int diagnosticsTotal, TestCounts tests) {
  public VerifyResult {
    stages = List.copyOf(stages);
    diagnostics = List.copyOf(diagnostics);
  }

  /**
   * One stage and its build.
   *
   * @param reportsRed why the stage is red although its build exited 0 ({@code null}: the exit
   *     code stands): the test reports show failures the build ignored
   */
  public record StageRun(VerifyStage stage, BuildResult build, @Nullable String reportsRed) {
    public StageRun(VerifyStage stage, BuildResult build) {
      this(stage, build, null);
    }

    /** Green by its exit code and by its reports. */
    public boolean green() {
      return build.green() && reportsRed == null;
    }
  }

  public boolean green() {
    return !stages.isEmpty() && stages.stream().allMatch(StageRun::green);
  }

  /** The stage that failed, or {@code null} when green. */
  public @Nullable String failedStage() {
    return stages.stream().filter(s -> !s.green()).map(s -> s.stage().name()).findFirst().orElse(null);
  }

  /**
   * The diagnostics as a set of keys: the fix loop stops when the same set comes back twice, since
   * another attempt would see the same prompt.
   */
  public String fingerprint() {
    return diagnostics.stream().map(Diagnostic::key).sorted().collect(Collectors.joining("\n"));
  }

  /** One line for outcomes and attempt rows. */
  public String summary() {
    if (green()) {
      return "green, " + tests.executed() + " tests executed";
    }
    StageRun failed = stages.stream().filter(s -> !s.green()).findFirst().orElseThrow();
    String exitedZero = failed.reportsRed() == null ? "" : "; " + failed.reportsRed();
    if (failed.build().timedOut()) {
      return failed.stage().name() + ": " + failed.build().summary();
    }
    if (diagnostics.isEmpty()) {
      return failed.stage().name() + " failed: " + (failed.reportsRed() == null ? failed.build().summary() : failed.reportsRed());
    }
    Diagnostic first = diagnostics.get(0);
    String what = switch (first.kind()) {
      case COMPILE -> "compile error: ";
      case LINT -> "lint: ";
      case TEST -> "test failed: ";
      case BUILD -> failed.stage().name() + " failed: ";
    };
    int more = diagnosticsTotal - 1;
    return what + first.oneLine() + (more > 0 ? " (+" + more + " more)" : "") + exitedZero;
  }

  /** The diagnostics, one per line (a failing test's trace indented below it), for records and prompts. */
  public String diagnosticsText() {
    StringBuilder text = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      text.append("- [").append(d.kind()).append("] ").append(d.oneLine()).append('\n');
      if (!d.trace().isEmpty()) {
        d.trace().lines().forEach(l -> text.append("    ").append(l.strip()).append('\n'));
      }
    }
    if (diagnosticsTotal > diagnostics.size()) {
      text.append("(").append(diagnosticsTotal - diagnostics.size()).append(" more not shown)\n");
    }
    return text.toString();
  }
}
