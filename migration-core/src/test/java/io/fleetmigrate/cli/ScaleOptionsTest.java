package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale-out options refuse what cannot work, before anything starts. */
class ScaleOptionsTest {
  @TempDir Path tmp;

  private String[] run(int expected, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = tmp.resolve("data").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int exit = FleetMain.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(exit).as(out + "\n" + err).isEqualTo(expected);
    return new String[] {out.toString(), err.toString()};
  }

  @Test
  void aWorkerNeedsASharedDatabase() {
    String err = run(ExitCode.USAGE.code(), "worker")[1];
    assertThat(err).contains("fleet worker needs a database shared with the other processes: --db-url");
    assertThat(tmp.resolve("data/fleet.mv.db")).doesNotExist();
  }

  @Test
  void aWorkerNeedsABroker() {
    String err = run(ExitCode.USAGE.code(), "--db-url", "jdbc:postgresql://127.0.0.1:1/fleet", "worker")[1];
    assertThat(err).contains("fleet worker needs a broker: --broker-url");
  }

  @Test
  void aRemoteRunNeedsASharedDatabase() throws Exception {
    Path spec = tmp.resolve("s.yaml");
    Files.writeString(spec, "name: s\nrecipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]\n");
    String err = run(ExitCode.USAGE.code(), "campaign", "run", spec.toString(), "--remote", "--broker-url", "tcp://127.0.0.1:1")[1];
    assertThat(err).contains("campaign run --remote needs a database shared");
  }

  @Test
  void aRemoteResumeNeedsASharedDatabase() {
    String err = run(ExitCode.USAGE.code(), "campaign", "resume", "s", "--remote", "--broker-url", "tcp://127.0.0.1:1")[1];
    assertThat(err).contains("campaign resume --remote needs a database shared");
  }

  @Test
  void anUnsupportedDatabaseUrlIsAUsageError() {
    String err = run(ExitCode.USAGE.code(), "--db-url", "jdbc:mysql://db/fleet", "inventory", "list")[1];
    assertThat(err).contains("unsupported database URL 'jdbc:mysql://db/fleet'");
  }

  @Test
  void sliceOptionsGoTogether() throws Exception {
    Path spec = tmp.resolve("s.yaml");
    Files.writeString(spec, "name: s\nrecipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]\n");
    assertThat(run(ExitCode.USAGE.code(), "campaign", "run", spec.toString(), "--shard-index", "1")[1])
        .contains("--shard-count K goes with --shard-index I");
    assertThat(run(ExitCode.USAGE.code(), "campaign", "run", spec.toString(), "--shard-index", "4", "--shard-count", "4")[1])
        .contains("0 <= index < count");
  }
}
