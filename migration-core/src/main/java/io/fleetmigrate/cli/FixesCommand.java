package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.FixMemoryStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleet fixes}: the fixes a campaign remembers (fix memory), and forgetting one. */
@Command(
    name = "fixes",
    mixinStandardHelpOptions = true,
    description = "The fixes a campaign remembers: accepted fixes replayed, without a model call, on later repositories with the same failure.",
    subcommands = {FixesCommand.ListFixes.class, FixesCommand.DeleteFix.class})
public class FixesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One remembered fix in {@code fixes list --json}. */
  record FixJson(long id, String learntIn, String signature, int edits, List<String> files, int reused, int worked, String createdAt) {}

  private static void requireCampaign(CommandSpec spec, String campaign) throws Exception {
    if (!FleetCommand.of(spec).bean(CampaignStore.class).runs().campaignExists(campaign)) {
      throw new CampaignException("no campaign named '" + campaign + "'");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the fixes CAMPAIGN remembers, with how often each was reused and how often that turned a repository green.")
  static class ListFixes implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign's name.")
    String campaign;

    @Option(names = "--json", description = "Print JSON: a list of {id, learntIn, signature, edits, files, reused, worked, createdAt}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      requireCampaign(spec, campaign);
      List<FixJson> fixes = FleetCommand.of(spec).bean(FixMemoryStore.class).list(campaign).stream()
          .map(e -> new FixJson(e.id(), e.repository(), e.signature(), e.edits().size(),
              e.edits().stream().map(io.fleetmigrate.fix.Edit::path).distinct().toList(), e.reused(), e.worked(), e.createdAt().toString()))
          .toList();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(fixes));
      } else if (fixes.isEmpty()) {
        out.println("Campaign " + campaign + " remembers no fix yet.");
      } else {
        Table table = new Table("ID", "LEARNT IN", "REUSED", "WORKED", "FILES", "SIGNATURE");
        fixes.forEach(f -> table.row("#" + f.id(), f.learntIn(), String.valueOf(f.reused()), String.valueOf(f.worked()),
            String.join(", ", f.files()), f.signature().replace('\n', ' ')));
        table.print(out);
      }
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Forget fix ID of CAMPAIGN: later repositories with its failure go to the model again.")
  static class DeleteFix implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "The campaign's name.")
    String campaign;

    @Parameters(index = "1", paramLabel = "ID", description = "The fix's number, as fixes list shows it (with or without #).")
    String id;

    @Override
    public Integer call() throws Exception {
      requireCampaign(spec, campaign);
      long number;
      try {
        number = Long.parseLong(id.startsWith("#") ? id.substring(1) : id);
      } catch (NumberFormatException e) {
        throw new CampaignException("'" + id + "' is not a fix number; see fleet fixes list " + campaign);
      }
      if (!FleetCommand.of(spec).bean(FixMemoryStore.class).delete(campaign, number)) {
        throw new CampaignException("campaign " + campaign + " remembers no fix #" + number + "; see fleet fixes list " + campaign);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Forgot fix #" + number + " of " + campaign + ".");
      out.flush();
      return ExitCode.OK.code();
    }
  }
}
