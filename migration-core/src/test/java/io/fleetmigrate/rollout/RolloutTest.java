package io.fleetmigrate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.PullRequestStore;
import io.fleetmigrate.testing.MovingClock;
import io.fleetmigrate.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A three-wave rollout over the real store: the first wave's pull request merged opens the second
 * on the next run, one closed without merging pauses it with its name, {@code advance} widens by
 * hand, and a person's pause holds back every repository without a pull request.
 */
class RolloutTest {
  static final String SPEC = """
      name: c
      recipes: [a.B]
      rollout:
        waves: [1, 2, 100%]
        pin: [canary]
        gate: {merged: 100%, checksGreen: 100%, minAge: 1h}
      """;

  final List<RepoRef> selection = List.of(repo("r1"), repo("r2"), new RepoRef("r3", "file:///r3", "main", null, List.of("canary"), "t"),
      repo("r4"), repo("r5"));
  final MovingClock clock = new MovingClock(Instant.parse("2026-12-01T10:00:00Z"));
  CampaignStore store;
  RolloutStore rollouts;
  Rollout rollout;
  CampaignSpec spec;
  final List<String> notices = new ArrayList<>();

  private static RepoRef repo(String name) {
    return new RepoRef(name, "file:///" + name, "main", null, List.of(), "t");
  }

  @BeforeEach
  void setUp() throws Exception {
    DataSource ds = TestDatabase.migrated();
    store = CampaignStore.of(ds);
    rollouts = new RolloutStore(ds);
    rollout = new Rollout(rollouts, store, null, clock);
    spec = CampaignSpecReader.parse(SPEC, "spec.yaml");
    store.runs().saveCampaign("c", "", null, SPEC);
  }

  /** A run: the plan, then each repository's outcome as the pipeline would give it (a pull request where it may deliver). */
  private Rollout.Plan run() {
    Rollout.Plan plan = rollout.plan(spec, selection, notices::add);
    long runId = store.runs().createRun("c", SPEC, "", false, 1, "t");
    rollouts.hold(runId, plan.held());
    for (RepoRef repo : selection) {
      String held = rollouts.window(runId).holds(repo.name());
      var pr = store.pullRequests().find("c", repo.name());
      if (held == null && pr.isEmpty()) {
        setPr(repo.name(), "OPEN");
      }
      OutcomeStatus status = held != null ? OutcomeStatus.WAITING : pr.isEmpty() ? OutcomeStatus.PR_OPENED : OutcomeStatus.PR_UPDATED;
      store.outcomes().saveOutcome(runId, new RepoOutcome(repo.name(), status, held != null ? held : "delivered", RepoOutcome.Stage.DONE, 1,
          "abc", "def", 1, null, null, Duration.ofSeconds(1)));
    }
    return plan;
  }

  private void setPr(String repository, String state) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    var existing = store.pullRequests().find("c", repository);
    int number = existing.map(PullRequestStore.PullRequestRecord::number).orElse(store.pullRequests().list("c").size() + 1);
    store.pullRequests().save(new PullRequestStore.PullRequestRecord("c", repository, "local", number, null, "fleet/c", "main", "t", "b", PullRequestStatus.of(state),
        "def", null, existing.map(PullRequestStore.PullRequestRecord::createdAt).orElse(now), now));
  }

  @Test
  void aMergedFirstWaveOpensTheSecondAClosedPullRequestPausesAndAdvanceWidensByHand() throws Exception {
    Rollout.Plan first = run();
    assertThat(first.state().wave()).isZero();
    assertThat(first.held()).as("only the pinned canary is delivered").containsOnlyKeys("r1", "r2", "r4", "r5");
    assertThat(first.held().get("r1")).isEqualTo("green; not delivered yet: past the rollout's wave 1 of 3 (1: 1 of 5 repositories)");

    clock.pass(Duration.ofMinutes(30));
    Rollout.Plan young = run();
    assertThat(young.verdict().kind()).isEqualTo(GateCheck.Kind.WAIT);
    assertThat(young.state().reason()).isEqualTo(
        "wave 1: 0 of 1 pull requests merged (gate: 100%); the wave has been open 30m of the gate's 1h; waiting on r3");
    assertThat(young.held()).containsOnlyKeys("r1", "r2", "r4", "r5");

    setPr("r3", "MERGED");
    clock.pass(Duration.ofHours(1));
    Rollout.Plan second = run();
    assertThat(second.state().wave()).isEqualTo(1);
    assertThat(second.held()).as("r1 joins in the second wave").containsOnlyKeys("r2", "r4", "r5");
    assertThat(notices).anyMatch(n -> n.startsWith("Rollout of c: the gate held for wave 1 (1 of 1 merged"));

    setPr("r1", "CLOSED");
    clock.pass(Duration.ofHours(2));
    Rollout.Plan paused = run();
    assertThat(paused.state().paused()).isTrue();
    assertThat(paused.state().reason()).isEqualTo("wave 2: closed without merging: r1#2");
    assertThat(paused.held()).containsOnlyKeys("r2", "r4", "r5");
    assertThat(paused.held().get("r2")).isEqualTo("green; not delivered: the rollout is paused (wave 2: closed without merging: r1#2)");
    assertThat(rollout.view("c", selection).waveLine())
        .isEqualTo("wave 2 of 3 (2: 2 of 5 repositories), paused by the gate: wave 2: closed without merging: r1#2");

    clock.pass(Duration.ofHours(2));
    assertThat(run().state().paused()).as("a paused rollout stays paused run after run").isTrue();

    RolloutState advanced = rollout.advance("c");
    assertThat(advanced.wave()).isEqualTo(2);
    assertThat(advanced.paused()).isFalse();
    Rollout.Plan last = run();
    assertThat(last.held()).as("the last wave: everything").isEmpty();
    assertThat(last.verdict()).isNull();
    assertThatThrownBy(() -> rollout.advance("c")).isInstanceOf(CampaignException.class)
        .hasMessage("the rollout of 'c' is at its last wave already (100%); there is nothing to advance to");

    var rate = rollout.view("c", selection).mergeRate();
    assertThat(rate.summary()).isEqualTo("5 opened, 1 merged, 1 closed unmerged, 3 open; merge rate 20%; median time to merge 30m");
  }

  @Test
  void aPersonsPauseOpensNoNewPullRequestUntilResumed() throws Exception {
    run();
    rollout.pause("c");
    assertThatThrownBy(() -> rollout.pause("c")).hasMessageStartingWith("the rollout of 'c' is already paused: paused with 'fleet campaign pause-rollout'");
    setPr("r3", "MERGED");
    clock.pass(Duration.ofHours(2));

    Rollout.Plan paused = run();
    assertThat(paused.state().wave()).as("no gate while paused").isZero();
    assertThat(paused.held()).containsOnlyKeys("r1", "r2", "r4", "r5");

    rollout.resume("c");
    assertThat(run().state().wave()).as("resumed: the gate is asked again and holds").isEqualTo(1);
    assertThatThrownBy(() -> rollout.resume("c")).hasMessage("the rollout of 'c' is not paused");
  }

  @Test
  void aCampaignWithoutWavesHasNoRolloutToChange() {
    store.runs().saveCampaign("plain", "", null, "name: plain\nrecipes: [a.B]\n");

    assertThatThrownBy(() -> rollout.advance("plain")).isInstanceOf(CampaignException.class)
        .hasMessageStartingWith("campaign 'plain' has no 'rollout.waves' in the spec it last ran with");
    assertThatThrownBy(() -> rollout.pause("nope")).hasMessage("no campaign named 'nope'");
  }
}
