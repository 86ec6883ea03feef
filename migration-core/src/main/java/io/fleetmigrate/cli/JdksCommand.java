package io.fleetmigrate.cli;

import io.fleetmigrate.build.jdk.Jdk;
import io.fleetmigrate.build.jdk.KnownJdks;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleet jdks}: the JDKs repositories can build on. Reads only this machine's folders: no application, no store. */
@Command(
    name = "jdks",
    mixinStandardHelpOptions = true,
    header = "List the JDKs Fleet knows: version, vendor, home, where it was found, JDK or JRE.",
    description = {
      "Found: the JDK Fleet runs on, JAVA_HOME, /usr/lib/jvm/*, ~/.sdkman/candidates/java/*, ~/.jdks/*, and the homes"
          + " listed in $FLEET_JDKS (separated by ':', ';' on Windows). Each is read from its 'release' file;"
          + " a JRE (no bin/javac) is listed but cannot build.",
      "Exit 4 when an entry of FLEET_JDKS is not a JDK (each is named on the error output)."
    })
public class JdksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the JDKs (and the FLEET_JDKS entries that are not JDKs) as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    KnownJdks known = KnownJdks.of(FleetCommand.of(spec).buildSettings());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("jdks", known.jdks().stream().map(JdksCommand::row).toList());
      doc.put("problems", known.problems());
      out.println(Json.write(doc));
    } else {
      Table table = new Table("VERSION", "KIND", "VENDOR", "FOUND IN", "HOME");
      known.jdks().forEach(j -> table.row(j.fullVersion(), j.kind(), j.vendor(), String.join(", ", j.foundIn()), j.home()));
      table.print(out);
      out.println();
      out.println(known.jdks().size() + " known; more with " + KnownJdks.FLEET_JDKS + "=/path/to/jdk" + java.io.File.pathSeparator + "/path/to/other");
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    known.problems().forEach(err::println);
    err.flush();
    return known.problems().isEmpty() ? ExitCode.OK.code() : ExitCode.ENVIRONMENT.code();
  }

  private static Map<String, Object> row(Jdk jdk) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("version", jdk.version());
    row.put("fullVersion", jdk.fullVersion());
    row.put("kind", jdk.kind());
    row.put("vendor", jdk.vendor());
    row.put("home", jdk.home().toString());
    row.put("foundIn", List.copyOf(jdk.foundIn()));
    return row;
  }
}
