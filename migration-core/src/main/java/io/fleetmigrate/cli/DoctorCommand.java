package io.fleetmigrate.cli;

import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.build.jdk.KnownJdks;
import io.fleetmigrate.build.Sandbox;
import io.fleetmigrate.cli.doctor.Check;
import io.fleetmigrate.cli.doctor.CodeHostCheck;
import io.fleetmigrate.cli.doctor.DataDirCheck;
import io.fleetmigrate.cli.doctor.DatabaseCheck;
import io.fleetmigrate.cli.doctor.Finding;
import io.fleetmigrate.cli.doctor.JavaCheck;
import io.fleetmigrate.cli.doctor.JdksCheck;
import io.fleetmigrate.cli.doctor.SettingsCheck;
import io.fleetmigrate.cli.doctor.MavenCheck;
import io.fleetmigrate.cli.doctor.ModelCheck;
import io.fleetmigrate.cli.doctor.SandboxCheck;
import io.fleetmigrate.deliver.github.GitHubConnections;
import io.fleetmigrate.deliver.gitlab.GitLabConnections;
import io.fleetmigrate.fix.ModelProviders;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleet doctor}: checks what a run needs, and says how to fix each missing piece. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    header = "Check what a run needs: Java, Maven, the data directory, the sandbox, the database, the JDKs to build on, the code host, the model.",
    description = {
      "Each check prints OK, WARNING (works, but worse), SKIPPED (not configured) or MISSING (a run needs it), and"
          + " every finding but OK one hint. Exit 0 when nothing a run needs is missing, else 4.",
      "With --spec, also the spec's code host (one API call), fix model (one short call) and JDKs (verify.jdk and the builds rules' jdk among the known ones)."
    })
public class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--spec", paramLabel = "SPEC", description = "Also check this campaign spec's code host, fix model and JDKs.")
  @Nullable Path specFile;

  @Option(names = "--json", description = "Print the findings as one JSON object.")
  boolean json;

  /** The checks, in the order a run meets what they check. */
  List<Check> checks(FleetCommand root) {
    // Bound once, by the one reader; a mistype is the settings check's finding, and what needs the
    // settings is skipped.
    io.fleetmigrate.build.BuildSettings settings;
    IllegalArgumentException invalid;
    try {
      settings = io.fleetmigrate.build.BuildSettings.fromEnvironment();
      invalid = null;
    } catch (IllegalArgumentException e) {
      settings = null;
      invalid = e;
    }
    io.fleetmigrate.build.BuildSettings builds = settings;
    IllegalArgumentException why = invalid;
    boolean valid = builds != null;
    return List.of(
        JavaCheck.ofThisJvm(),
        new SettingsCheck(() -> {
          if (why != null) {
            throw why;
          }
          return builds;
        }),
        valid ? new MavenCheck(() -> MavenToolchain.of(builds)) : SettingsCheck.skipped("maven"),
        new DataDirCheck(root.home()),
        valid ? new SandboxCheck(() -> Sandbox.detect(builds.sandbox())) : SettingsCheck.skipped("sandbox"),
        valid ? new DatabaseCheck(root.store().describe(), root::app) : SettingsCheck.skipped("database"),
        valid ? new JdksCheck(() -> KnownJdks.of(builds), specFile) : SettingsCheck.skipped("jdks"),
        valid ? new CodeHostCheck(specFile, () -> root.bean(GitHubConnections.class),
            () -> root.bean(GitLabConnections.class)) : SettingsCheck.skipped("code-host"),
        new ModelCheck(specFile, ModelProviders.fromEnvironment()));
  }

  @Override
  public Integer call() {
    FleetCommand root = FleetCommand.of(spec);
    List<Finding> findings = new ArrayList<>();
    for (Check check : checks(root)) {
      findings.add(check.run());
    }
    boolean ready = findings.stream().noneMatch(f -> f.status() == Finding.Status.MISSING);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ready", ready);
      doc.put("checks", findings);
      out.println(Json.write(doc));
    } else {
      for (Finding f : findings) {
        out.printf("%-8s %-10s %s%n", f.status(), f.check(), f.detail());
        if (f.hint() != null) {
          out.printf("%-8s %-10s -> %s%n", "", "", f.hint());
        }
      }
      out.println(ready ? "Ready: nothing a run needs is missing." : "Not ready: fix what is MISSING above, then run 'fleet doctor' again.");
    }
    out.flush();
    return ready ? ExitCode.OK.code() : ExitCode.ENVIRONMENT.code();
  }
}
