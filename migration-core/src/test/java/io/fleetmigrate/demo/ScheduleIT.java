package io.fleetmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.cli.ExitCode;
import io.fleetmigrate.cli.FleetMain;
import io.fleetmigrate.testing.GitFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleet schedule} runs its specs at the times its cron expression names, then stops after its turns. */
class ScheduleIT {
  @TempDir Path tmp;

  private int fleet(StringWriter out, String... args) {
    return FleetMain.run(args, new PrintWriter(out, true), new PrintWriter(out, true));
  }

  @Test
  void runsTheCampaignAtEveryTurnOfTheCronExpression() throws Exception {
    Path data = tmp.resolve("data");
    Path docs = GitFixtures.origin(tmp, "docs", Map.of("README.md", "# docs\n"));
    Files.writeString(tmp.resolve("fleet.csv"), "name,clone_url\ndocs," + docs + "\n");
    assertThat(fleet(new StringWriter(), "--data-dir", data.toString(), "inventory", "import", tmp.resolve("fleet.csv").toString())).isZero();
    Files.writeString(tmp.resolve("nightly.yaml"), "name: nightly\nrecipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]\n");

    StringWriter out = new StringWriter();
    int exit = fleet(out, "--data-dir", data.toString(), "schedule", "--cron", "*/2 * * * * *", "--turns", "2", tmp.resolve("nightly.yaml").toString());

    assertThat(exit).as(out.toString()).isEqualTo(ExitCode.OK.code());
    assertThat(out.toString()).contains("schedule: next turn at", "nightly run 1 ended COMPLETED", "nightly run 2 ended COMPLETED");
    StringWriter status = new StringWriter();
    fleet(status, "--data-dir", data.toString(), "campaign", "status", "nightly", "--json");
    assertThat(status.toString()).contains("\"id\" : 2", "\"status\" : \"SKIPPED\"");
  }

  @Test
  void aMalformedCronExpressionIsAUsageError() throws Exception {
    Files.writeString(tmp.resolve("nightly.yaml"), "name: nightly\nrecipes: [a.B]\n");
    StringWriter out = new StringWriter();

    int exit = fleet(out, "--data-dir", tmp.resolve("data").toString(), "schedule", "--cron", "every night", tmp.resolve("nightly.yaml").toString());

    assertThat(exit).isEqualTo(ExitCode.USAGE.code());
    assertThat(out.toString()).contains("--cron 'every night' is not a cron expression");
  }
}
