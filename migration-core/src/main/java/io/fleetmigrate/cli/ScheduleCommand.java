package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.CampaignBusyException;
import io.fleetmigrate.campaign.CampaignService.RunOptions;
import io.fleetmigrate.campaign.CampaignService.RunSummary;
import io.fleetmigrate.campaign.CampaignSpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fleet schedule}: a long-lived process that runs campaigns on a cron expression. Two runs of
 * the same campaign never overlap: each run holds the campaign's lock in the database, so a run
 * still going (here or in another process) makes the next one skip, with a message.
 */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Run campaigns on a cron schedule in a long-lived process.",
    description = {
      "Runs each SPEC at every time CRON names (crontab's five fields, e.g. '0 2 * * 1-5', or six with seconds first,"
          + " or @hourly, @daily, @weekly). A run still in progress, in this process or another sharing the data"
          + " directory, is never overlapped: that turn is skipped. Stop with Ctrl-C or SIGTERM. For cron, systemd"
          + " timers or Kubernetes CronJobs, call 'fleet campaign run' instead: see scripts/schedule/."
    })
public class ScheduleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--cron", required = true, paramLabel = "CRON", description = "When to run, in the server's time zone.")
  String cron;

  @Parameters(paramLabel = "SPEC", arity = "1..*", description = "Campaign specs to run at each turn, one after the other.")
  List<Path> specs = new ArrayList<>();

  @Option(names = "--now", description = "Also run once right away.")
  boolean now;

  @Option(names = "--turns", paramLabel = "N", description = "Stop after N turns (default: run until stopped).")
  @Nullable Integer turns;

  @Option(names = "--concurrency", paramLabel = "N", description = "Builds run at once (default: each spec's rollout.concurrency); FLEET_PREFETCH (default 2) more repositories are in flight.")
  @Nullable Integer concurrency;

  @Override
  public Integer call() throws Exception {
    FleetCommand.of(spec).buildSettings(); // a mistyped build setting is a usage error before anything starts
    CronExpression expression = parse(cron);
    for (Path specFile : specs) {
      CampaignCommand.checkJdks(FleetCommand.of(spec), CampaignSpecReader.read(specFile)); // fail now, not at 2 a.m.
    }
    PrintWriter out = spec.commandLine().getOut();
    FleetCommand root = FleetCommand.of(spec);
    root.app(); // open the store once, up front
    int turn = 0;
    if (now) {
      runAll(root, out);
      turn++;
    }
    while (turns == null || turn < turns) {
      ZonedDateTime next = expression.next(ZonedDateTime.now());
      if (next == null) {
        out.println("schedule: '" + cron + "' names no future time; stopping");
        out.flush();
        return ExitCode.OK.code();
      }
      out.printf("schedule: next turn at %s%n", next);
      out.flush();
      Duration wait = Duration.between(ZonedDateTime.now(), next);
      if (!wait.isNegative()) {
        Thread.sleep(wait.toMillis());
      }
      runAll(root, out);
      turn++;
    }
    return ExitCode.OK.code();
  }

  private void runAll(FleetCommand root, PrintWriter out) {
    for (Path specFile : specs) {
      out.printf("schedule: %s: starting %s%n", ZonedDateTime.now().withNano(0), specFile);
      out.flush();
      try {
        io.fleetmigrate.campaign.SpecFile file = io.fleetmigrate.campaign.SpecFile.read(specFile);
        CampaignCommand.checkJdks(root, file.spec()); // the spec, or the machine's JDKs, may have changed since the last turn
        RunSummary summary =
            CampaignCommand.runWithProgress(root, file, new RunOptions(false, false, List.of(), null, concurrency), out, RunPrinter.Mode.PLAIN);
        out.printf("schedule: %s run %d ended %s%n", summary.campaign(), summary.runId(), summary.jobStatus());
      } catch (CampaignBusyException e) {
        out.printf("schedule: skipped this turn: %s%n", e.getMessage());
      } catch (Exception e) {
        // One bad turn (a spec edited into an error, Maven missing for a while) must not end the schedule.
        out.printf("schedule: %s failed: %s%n", specFile, e.getMessage());
        org.slf4j.LoggerFactory.getLogger(ScheduleCommand.class).warn("scheduled run of {} failed", specFile, e);
      }
      out.flush();
    }
  }

  private CronExpression parse(String text) {
    String expression = text.strip();
    if (!expression.startsWith("@") && expression.split("\\s+").length == 5) {
      expression = "0 " + expression; // crontab has no seconds field; Spring's expressions start with one
    }
    try {
      return CronExpression.parse(expression);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--cron '" + text + "' is not a cron expression: " + e.getMessage());
    }
  }
}
