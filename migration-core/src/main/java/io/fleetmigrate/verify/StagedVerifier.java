package io.fleetmigrate.verify;

import io.fleetmigrate.build.BuildException;
import io.fleetmigrate.build.BuildResult;
import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.BuildSlots;
import io.fleetmigrate.build.BuildTool;
import io.fleetmigrate.build.MavenBuildTool;
import io.fleetmigrate.campaign.CampaignSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * lint → compile → test with the repository's own build, stopping at the first red stage. The
 * stages are planned per repository: lint only when its POM configures a linter we know (Checkstyle,
 * Spotless), unless the spec says otherwise.
 */
public class StagedVerifier implements Verifier {
  /** Diagnostics kept for a prompt and a record; the total is kept beside them. */
  public static final int MAX_DIAGNOSTICS = 20;

  private final BuildRunner builds;
  private final CampaignSpec.Verify settings;
  private final BuildSlots.@Nullable Gate slots;
  private final BuildTool tool;

  public StagedVerifier(BuildRunner builds, CampaignSpec.Verify settings) {
    this(builds, settings, null);
  }

  /**
   * @param slots the build slots each stage's process holds while it runs ({@code null}: no limit
   *     beyond the caller's)
   */
  public StagedVerifier(BuildRunner builds, CampaignSpec.Verify settings, BuildSlots.@Nullable Gate slots) {
    this(builds, settings, slots, MavenBuildTool.MAVEN);
  }

  /** @param tool the build tool whose default lint and compile stages the plan takes */
  public StagedVerifier(BuildRunner builds, CampaignSpec.Verify settings, BuildSlots.@Nullable Gate slots, BuildTool tool) {
    this.builds = builds;
    this.settings = settings;
    this.slots = slots;
    this.tool = tool;
  }

  /** The stages for the repository in {@code workdir}. */
  public List<VerifyStage> plan(Path workdir) {
    List<VerifyStage> stages = new ArrayList<>();
    String lint = settings.lint().command();
    if (lint == null) {
      lint = tool.lintCommand(workdir, settings.command());
    }
    if (lint != null && !lint.isBlank()) {
      stages.add(new VerifyStage("lint", lint, settings.lint().timeout()));
    }
    String compile = settings.compile().command();
    if (compile == null) {
      compile = tool.compileCommand(settings.command());
    }
    if (compile != null && !compile.isBlank()) {
      stages.add(new VerifyStage("compile", compile, settings.compile().timeout()));
    }
    stages.add(new VerifyStage("test", settings.command(), settings.timeout()));
    return stages;
  }

  @Override
  public VerifyResult verify(Path workdir, Path logDir, String label) throws BuildException {
    try {
      deleteBuildOutput(workdir);
    } catch (IOException | UncheckedIOException e) {
      throw new BuildException("cannot delete old build output in " + workdir + ": " + e.getMessage(), e);
    }
    List<VerifyResult.StageRun> runs = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    TestCounts tests = TestCounts.NONE;
    for (VerifyStage stage : plan(workdir)) {
      Path log = logDir.resolve(label + "-" + stage.name() + ".log");
      BuildResult build = slots == null
          ? builds.run(workdir, stage.command(), stage.timeout(), log)
          : slots.run(() -> builds.run(workdir, stage.command(), stage.timeout(), log));
      VerifyResult.StageRun run = new VerifyResult.StageRun(stage, build);
      if (stage.name().equals("test")) {
        MavenDiagnostics.TestReports reports = MavenDiagnostics.testReports(workdir);
        tests = reports.counts();
        // The reports decide, not the exit code: a build told to ignore failing tests exits 0.
        run = new VerifyResult.StageRun(stage, build, reportsRed(tool, build, tests, workdir));
        if (!run.green()) {
          diagnostics.addAll(MavenDiagnostics.located(tool.log(), build.log(), workdir, Diagnostic.Kind.COMPILE));
          diagnostics.addAll(reports.failures());
        }
      } else if (!build.green()) {
        Diagnostic.Kind kind = stage.name().equals("lint") ? Diagnostic.Kind.LINT : Diagnostic.Kind.COMPILE;
        diagnostics.addAll(MavenDiagnostics.located(tool.log(), build.log(), workdir, kind));
      }
      runs.add(run);
      if (!run.green()) {
        if (diagnostics.isEmpty() && !build.timedOut()) {
          diagnostics.addAll(run.reportsRed() == null ? MavenDiagnostics.firstError(tool.log(), build.log()) : List.of(Diagnostic.build(run.reportsRed())));
        }
        break;
      }
    }
    int total = (int) diagnostics.stream().map(Diagnostic::key).distinct().count();
    return new VerifyResult(runs, MavenDiagnostics.rank(diagnostics, MAX_DIAGNOSTICS), total, tests);
  }

  /**
   * Why {@code build} (run by {@code tool}'s launcher or not) is red by its test reports although it exited 0, or {@code null}: its
   * reports ({@code counts}, every module's Surefire and Failsafe XML) show failing or erroring
   * tests. The words name the setting that made the build ignore them when one is found, e.g.
   * "1 test failure in the reports although Maven exited 0 (the build ignores test failures:
   * testFailureIgnore)".
   */
  public static @Nullable String reportsRed(BuildTool tool, BuildResult build, TestCounts counts, Path workdir) {
    if (!build.green() || counts.failures() + counts.errors() == 0) {
      return null;
    }
    List<String> what = new ArrayList<>();
    if (counts.failures() > 0) {
      what.add(counts.failures() + " test failure" + (counts.failures() == 1 ? "" : "s"));
    }
    if (counts.errors() > 0) {
      what.add(counts.errors() + " test error" + (counts.errors() == 1 ? "" : "s"));
    }
    List<String> ignoring = TestHidingSettings.failureIgnoring(workdir, build.command());
    return String.join(" and ", what) + " in the reports although " + (tool.launcher(build.command()) == null ? "the build" : tool.name())
        + " exited 0" + (ignoring.isEmpty() ? "" : " (the build ignores test failures: " + String.join(", ", ignoring) + ")");
  }

  /** Stale classes or reports of a deleted test must not pass for it, nor count as executed. */
  public static void deleteBuildOutput(Path root) throws IOException {
    List<Path> targets;
    try (Stream<Path> walk = Files.walk(root, 6)) {
      targets =
          walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("target"))
              .filter(Files::isDirectory)
              .filter(p -> Files.isRegularFile(p.resolveSibling("pom.xml")))
              .filter(p -> !p.toString().contains("/.git/"))
              .toList();
    }
    for (Path target : targets) {
      try (Stream<Path> walk = Files.walk(target)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
