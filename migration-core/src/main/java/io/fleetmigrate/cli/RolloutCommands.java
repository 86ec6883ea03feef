package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.rollout.Rollout;
import io.fleetmigrate.rollout.RolloutState;
import io.fleetmigrate.rollout.RolloutStore;
import io.fleetmigrate.store.CampaignStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fleet campaign advance | pause-rollout | resume-rollout}: a person's hand on a rollout in
 * waves. They change only the store (no code host is asked); the next run acts on it.
 */
final class RolloutCommands {
  private RolloutCommands() {}

  /** What a command does to the rollout. */
  @FunctionalInterface
  interface Step {
    RolloutState apply(Rollout rollout, String campaign) throws CampaignException;
  }

  /** One of the three: the campaign it names, what it does to the rollout, and what it says it did. */
  abstract static class Change implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign's name (the spec's 'name').")
    String campaign;

    private final Step step;
    private final String done;

    Change(Step step, String done) {
      this.step = step;
      this.done = done;
    }

    @Override
    public Integer call() throws Exception {
      DataSource ds = FleetCommand.of(spec).dataSource();
      RolloutState state = step.apply(new Rollout(new RolloutStore(ds), CampaignStore.of(ds), null), campaign);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Rollout of %s: %s (wave %d of the spec's rollout.waves)%s%n", campaign, done, state.wave() + 1,
          state.paused() ? "; paused: " + state.reason() : "");
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "advance",
      mixinStandardHelpOptions = true,
      header = "Open the next wave of CAMPAIGN's rollout by hand, whatever the gate says.",
      description = {"The next run delivers to the wider wave. A paused rollout is resumed by it."})
  static class Advance extends Change {
    Advance() {
      super(Rollout::advance, "the next wave is open");
    }
  }

  @Command(
      name = "pause-rollout",
      mixinStandardHelpOptions = true,
      header = "Stop CAMPAIGN's rollout: no new pull request until resume-rollout.",
      description = {"Runs still update the pull requests already open; the other green repositories end WAITING."})
  static class Pause extends Change {
    Pause() {
      super(Rollout::pause, "paused");
    }
  }

  @Command(
      name = "resume-rollout",
      mixinStandardHelpOptions = true,
      header = "Resume CAMPAIGN's paused rollout.",
      description = {"The next run asks the gate again: a pull request still closed unmerged or red pauses it again"
          + " ('advance' widens past it by hand)."})
  static class Resume extends Change {
    Resume() {
      super(Rollout::resume, "resumed");
    }
  }
}
