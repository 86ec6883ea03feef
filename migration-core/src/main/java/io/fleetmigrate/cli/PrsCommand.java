package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.deliver.PullRequestTracker;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStore.PullRequestRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleet prs}: the pull requests a campaign opened. */
@Command(
    name = "prs",
    mixinStandardHelpOptions = true,
    description = "The pull requests campaigns opened.",
    subcommands = {PrsCommand.ListPrs.class, PrsCommand.Refresh.class})
public class PrsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One pull request in {@code prs list --json}. */
  record PrJson(String repository, int number, String branch, String state, String host, @Nullable String url, String title, String headCommit) {}

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every pull request CAMPAIGN opened.")
  static class ListPrs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign's name.")
    String campaign;

    @Option(names = "--json", description = "Print JSON: a list of {repository, number, branch, state, host, url, title, headCommit}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      CampaignStore store = CampaignStore.of(FleetCommand.of(spec).dataSource());
      if (!store.runs().campaignExists(campaign)) {
        throw new CampaignException("no campaign named '" + campaign + "'");
      }
      List<PrJson> prs =
          store.pullRequests().list(campaign).stream()
              .map(p -> new PrJson(p.repository(), p.number(), p.branch(), p.state().name(), p.host(), p.url(), p.title(), p.headCommit()))
              .toList();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(prs));
      } else if (prs.isEmpty()) {
        out.println("Campaign " + campaign + " has opened no pull request.");
      } else {
        Table table = new Table("REPOSITORY", "PR", "STATE", "BRANCH", "TITLE");
        prs.forEach(p -> table.row(p.repository(), "#" + p.number(), p.state(), p.branch(), p.title()));
        table.print(out);
      }
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "refresh",
      mixinStandardHelpOptions = true,
      header = "Ask the code host where each pull request stands.",
      description = {
        "For every pull request of CAMPAIGN (of every campaign when none is named): state (OPEN, MERGED, CLOSED),"
            + " draft, review decision (APPROVED, CHANGES_REQUESTED, REVIEW_REQUIRED, NONE) and checks (success,"
            + " pending, failure, none: commit statuses and check runs together). Each answer is stored with its time,"
            + " so reports can draw progress over time. With the campaign's review gates (rollout.draft, rollout.autoMerge)"
            + " a draft whose checks are green is marked ready for review, and an approved one with green checks is merged."
            + " A pull request that cannot be read is reported and the others go on (exit code 1)."
      })
  static class Refresh implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", arity = "0..1", description = "The campaign's name (default: every campaign).")
    @Nullable String campaign;

    @Override
    public Integer call() throws Exception {
      FleetCommand fleet = FleetCommand.of(spec);
      CampaignStore store = fleet.bean(CampaignStore.class);
      List<String> campaigns;
      if (campaign != null) {
        if (!store.runs().campaignExists(campaign)) {
          throw new CampaignException("no campaign named '" + campaign + "'");
        }
        campaigns = List.of(campaign);
      } else {
        campaigns = store.runs().campaignNames();
      }
      PrintWriter out = spec.commandLine().getOut();
      Table table = new Table("CAMPAIGN", "REPOSITORY", "PR", "STATE", "DRAFT", "REVIEW", "CHECKS", "DONE");
      int failed = 0;
      int gateFailed = 0;
      int refreshed = 0;
      for (String c : campaigns) {
        for (PullRequestTracker.Refreshed r : fleet.bean(PullRequestTracker.class).refresh(c)) {
          if (r.snapshot() == null) {
            failed++;
            table.row(c, r.pr().repository(), "#" + r.pr().number(), "ERROR", "", "", r.error(), "");
          } else {
            refreshed++;
            if (r.error() != null) {
              gateFailed++; // read, but the review gate's step failed
            }
            table.row(c, r.pr().repository(), "#" + r.pr().number(), r.snapshot().state(),
                Boolean.TRUE.equals(r.snapshot().draft()) ? "yes" : "no", r.snapshot().reviewDecision(), r.snapshot().checks(),
                r.error() != null ? "NOT done: " + r.error() : r.done() == null ? "" : r.done());
          }
        }
      }
      if (refreshed + failed == 0) {
        out.println("No pull request to refresh.");
      } else {
        table.print(out);
        out.printf("%d refreshed, %d could not be read%s%n", refreshed, failed,
            gateFailed == 0 ? "" : ", " + gateFailed + " not marked ready or merged as the review gates say");
      }
      out.flush();
      return failed + gateFailed == 0 ? ExitCode.OK.code() : ExitCode.REPOSITORIES_FAILED.code();
    }
  }
}
