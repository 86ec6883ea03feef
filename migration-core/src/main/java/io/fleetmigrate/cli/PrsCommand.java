package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.CampaignStore.PullRequestRecord;
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
    subcommands = {PrsCommand.ListPrs.class})
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
      CampaignStore store = FleetCommand.of(spec).bean(CampaignStore.class);
      if (!store.campaignExists(campaign)) {
        throw new CampaignException("no campaign named '" + campaign + "'");
      }
      List<PrJson> prs =
          store.pullRequests(campaign).stream()
              .map(p -> new PrJson(p.repository(), p.number(), p.branch(), p.state(), p.host(), p.url(), p.title(), p.headCommit()))
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
}
