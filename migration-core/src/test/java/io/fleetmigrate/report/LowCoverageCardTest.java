package io.fleetmigrate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.reports.CampaignReport;
import io.fleetmigrate.rollout.Rollout;
import io.fleetmigrate.rollout.RolloutStore;
import io.fleetmigrate.store.CampaignHistory;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.PullRequestStore;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's low-coverage card comes from the store: every open flagged pull request of the campaign, whichever run delivered it. */
class LowCoverageCardTest {
  static final String SPEC = "name: c\nrecipes: [a.B]\n";

  @TempDir Path home;

  @Test
  void theCardListsEveryOpenFlaggedPullRequestOfTheCampaignNotOnlyThoseOfTheReportedRun() throws Exception {
    DataSource ds = TestDatabase.migrated();
    CampaignStore store = CampaignStore.of(ds);
    store.runs().saveCampaign("c", "", null, SPEC);
    List<RepoRef> repos = List.of(repo("billing"), repo("ledger"), repo("payments"), repo("search"));
    new InventoryStore(ds).upsert(repos);

    // Run 1 delivers all four; billing and payments are flagged, search is flagged and later merged.
    long first = run(store, repos);
    for (RepoRef r : repos) {
      pullRequest(store, r.name(), "OPEN");
      store.outcomes().saveOutcome(first, outcome(r.name(), OutcomeStatus.PR_OPENED));
    }
    store.pullRequests().saveRisk("c", "billing", "low test coverage: the baseline ran 3 tests (rollout.minTests: 10), so the pull request is a draft"
        + " labelled fleet:low-test-coverage with the owner asked to review", List.of());
    store.pullRequests().saveRisk("c", "payments", "low test coverage: the change touches main code its tests cover little of: JaCoCo's baseline report"
        + " covers 3 of 20 lines (15%) of the 1 changed main file it knows (rollout.minCoverage: 50%), so the pull request is a draft"
        + " labelled fleet:low-test-coverage with the owners asked to review", List.of("@alice"));
    store.pullRequests().saveRisk("c", "search", "low test coverage: the baseline ran 0 tests (rollout.minTests: 10), so ...", List.of());
    store.pullRequests().saveRisk("c", "ledger", null, List.of("@bob"));
    pullRequest(store, "search", "MERGED");

    // Run 2 only touches ledger (--repo ledger): its report still lists billing and payments.
    long second = run(store, List.of(repo("ledger")));
    store.outcomes().saveOutcome(second, outcome("ledger", OutcomeStatus.PR_UPDATED));

    ReportService reports = new ReportService(store, new CampaignHistory(ds), new FleetHome(home),
        new Rollout(new RolloutStore(ds), store, null, Clock.systemUTC()), new InventoryStore(ds));
    CampaignReport report = reports.load(second);

    assertThat(report.lowTestCoverage()).containsExactly(
        new CampaignReport.Flagged("billing", "billing#1", null, "the baseline ran 3 tests (rollout.minTests: 10)"),
        new CampaignReport.Flagged("payments", "payments#3", null, "the change touches main code its tests cover little of: JaCoCo's"
            + " baseline report covers 3 of 20 lines (15%) of the 1 changed main file it knows (rollout.minCoverage: 50%)"));
    assertThat(store.pullRequests().owners("c", "ledger")).containsExactly("@bob");
    assertThat(store.pullRequests().owners("c", "billing")).isEmpty();
  }

  @Test
  void aWideChangeWithMoreOwnersThanTheColumnHoldsKeepsTheFirstWholeOnesAndTheDeliveryItsRow() throws Exception {
    DataSource ds = TestDatabase.migrated();
    CampaignStore store = CampaignStore.of(ds);
    store.runs().saveCampaign("c", "", null, SPEC);
    pullRequest(store, "monorepo", "OPEN");
    List<String> owners = java.util.stream.IntStream.range(0, 80).mapToObj(i -> "@acme-corp/platform-team-" + i).toList();

    store.pullRequests().saveRisk("c", "monorepo", "x".repeat(5000), owners);

    List<String> kept = store.pullRequests().owners("c", "monorepo");
    assertThat(kept).isNotEmpty().hasSizeLessThan(80).isEqualTo(owners.subList(0, kept.size()));
    assertThat(String.join(" ", kept).length()).isLessThanOrEqualTo(2000);
  }

  private static RepoRef repo(String name) {
    return new RepoRef(name, "file:///" + name, "main", null, List.of(), "t");
  }

  private static long run(CampaignStore store, List<RepoRef> repos) {
    long runId = store.runs().createRun("c", SPEC, "", false, 1, "t");
    store.runs().snapshot(runId, repos, 1);
    return runId;
  }

  private static RepoOutcome outcome(String repository, OutcomeStatus status) {
    return new RepoOutcome(repository, status, "delivered", RepoOutcome.Stage.DONE, 1, "abc", "def", 1, null, null, Duration.ofSeconds(1));
  }

  private static void pullRequest(CampaignStore store, String repository, String state) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    var existing = store.pullRequests().find("c", repository);
    int number = existing.map(PullRequestStore.PullRequestRecord::number).orElse(store.pullRequests().list("c").size() + 1);
    store.pullRequests().save(new PullRequestStore.PullRequestRecord("c", repository, "local", number, null, "fleet/c", "main", "t", "b",
        PullRequestStatus.valueOf(state), "def", null, existing.map(PullRequestStore.PullRequestRecord::createdAt).orElse(now), now));
  }
}
