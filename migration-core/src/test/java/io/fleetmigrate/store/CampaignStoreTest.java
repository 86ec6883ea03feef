package io.fleetmigrate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.testing.TestDatabase;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

class CampaignStoreTest {
  private final DataSource ds = TestDatabase.migrated();
  private final CampaignStore store = CampaignStore.of(ds);
  private final OffsetDateTime at = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

  @Test
  void aRunMovesFromStartingToRunningToItsEndAndKeepsItsSnapshotInOrder() {
    store.runs().saveCampaign("c", "d", null, "name: c\n");
    long run = store.runs().createRun("c", "name: c\n", "", false, 2, "all");
    assertThat(store.runs().run(run).orElseThrow().status()).isEqualTo(RunStatus.STARTING);
    store.runs().attachJobExecution(run, 42);
    assertThat(store.runs().run(run).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(store.runs().run(run).orElseThrow().jobExecutionId()).isEqualTo(42L);
    store.runs().finishRun(run, RunStatus.COMPLETED);
    RunStore.Run done = store.runs().latestRun("c").orElseThrow();
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.endedAt()).isNotNull();

    store.runs().snapshot(run, List.of(repo("a"), repo("b"), repo("c")), 2);
    assertThat(store.runs().shards(run)).containsExactly(0, 1);
    assertThat(store.runs().shard(run, 0)).extracting(RunStore.SnapshotEntry::repository).containsExactly("a", "c");
    assertThat(store.runs().snapshot(run)).extracting(RunStore.SnapshotEntry::repository).containsExactly("a", "b", "c");
  }

  @Test
  void everyEndOfAJobIsARunStatusAndOnlyCompletedAndAbandonedRunsAreNotResumed() {
    for (BatchStatus job : BatchStatus.values()) {
      assertThat(RunStatus.of(job).name()).isEqualTo(job.name());
    }
    assertThat(Arrays.stream(RunStatus.values()).filter(s -> !s.resumable()))
        .containsExactlyInAnyOrder(RunStatus.COMPLETED, RunStatus.ABANDONED);
  }

  @Test
  void aPullRequestStateTheHostNamesIsReadAndAnUnknownOneIsAClearError() {
    assertThat(PullRequestStatus.of("MERGED")).isEqualTo(PullRequestStatus.MERGED);
    assertThatThrownBy(() -> PullRequestStatus.of("DRAFT")).hasMessage("unknown pull request state 'DRAFT' (expected OPEN, MERGED or CLOSED)");
  }

  @Test
  void aRedoneRepositoryReplacesItsOutcomeAndAPullRequestStateChangeIsAnEvent() {
    store.runs().saveCampaign("c", "d", null, "name: c\n");
    long run = store.runs().createRun("c", "name: c\n", "", false, 1, "all");
    store.outcomes().saveOutcome(run, outcome("a", OutcomeStatus.NEEDS_HUMAN));
    store.outcomes().saveOutcome(run, outcome("a", OutcomeStatus.PR_OPENED));
    assertThat(store.outcomes().outcomes(run)).extracting(RepoOutcome::status).containsExactly(OutcomeStatus.PR_OPENED);

    store.pullRequests().save(pr("a", PullRequestStatus.PENDING));
    store.pullRequests().save(pr("a", PullRequestStatus.OPEN));
    store.pullRequests().save(pr("a", PullRequestStatus.OPEN));
    assertThat(store.pullRequests().find("c", "a").orElseThrow().state()).isEqualTo(PullRequestStatus.OPEN);
    assertThat(store.pullRequests().events("c", "a")).extracting(PullRequestStore.PullRequestSnapshot::state)
        .as("a pending row is no event, and an unchanged state is recorded once").containsExactly(PullRequestStatus.OPEN);
  }

  /**
   * Every table that holds a campaign's rows (a {@code campaign} or {@code run_id} column) is empty
   * after the campaign is deleted. The tables are found in the schema, so a new one that the
   * deletion misses fails here; each must hold a row before, so the test cannot pass on empty tables.
   */
  @Test
  void deletingACampaignLeavesNoRowOfItInAnyTable() throws Exception {
    CampaignRows rows = new CampaignRows(ds);
    rows.fill("gone");
    rows.fill("kept");
    Map<String, Integer> before = rows.count(null);
    assertThat(before).as("every campaign-owned table has rows before the deletion (add the new table to CampaignRows.fill)")
        .allSatisfy((table, n) -> assertThat(n).as(table).isGreaterThan(0));

    store.runs().deleteCampaign("gone");

    assertThat(rows.count("gone")).as("rows of the deleted campaign, per table").allSatisfy((table, n) -> assertThat(n).as(table).isZero());
    assertThat(rows.count("kept")).as("rows of the other campaign, per table").allSatisfy((table, n) -> assertThat(n).as(table).isGreaterThan(0));
    assertThat(store.runs().campaignNames()).containsExactly("kept");
  }

  static RepoRef repo(String name) {
    return new RepoRef(name, "/tmp/" + name + ".git", "main", null, List.of(), "test");
  }

  static RepoOutcome outcome(String repository, OutcomeStatus status) {
    return new RepoOutcome(repository, status, "why", RepoOutcome.Stage.DELIVER, 1, "base", "head", 1, null, null, Duration.ofSeconds(3));
  }

  private PullRequestStore.PullRequestRecord pr(String repository, PullRequestStatus state) {
    return pr(repository, state, at);
  }

  static PullRequestStore.PullRequestRecord pr(String repository, PullRequestStatus state, OffsetDateTime at) {
    return new PullRequestStore.PullRequestRecord("c", repository, "local", 1, null, "fleet/c", "main", "t", "b", state, "head",
        null, at, at);
  }
}
