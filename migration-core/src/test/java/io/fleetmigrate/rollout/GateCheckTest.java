package io.fleetmigrate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.store.PullRequestStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class GateCheckTest {
  static final CampaignSpec.Gate GATE = new CampaignSpec.Gate(80, 100, Duration.ofHours(24));
  static final OffsetDateTime T0 = OffsetDateTime.parse("2026-12-01T10:00:00Z");
  static final List<String> WAVE = List.of("a", "b", "c", "d", "e");

  final Map<String, OutcomeStatus> latest = new HashMap<>();
  final Map<String, TrackedPullRequest> prs = new HashMap<>();

  private void pr(String repo, int number, String state, @Nullable String checks) {
    latest.put(repo, OutcomeStatus.PR_OPENED);
    prs.put(repo, new TrackedPullRequest(repo, number, PullRequestStatus.of(state), checks, T0, "MERGED".equals(state) ? T0.plusHours(5) : null));
  }

  private GateCheck.Verdict check(Duration open) {
    return GateCheck.check(GATE, WAVE, latest, prs, open);
  }

  @Test
  void fourOfFiveMergedAndTheFifthGreenAfterADayOpensTheNextWave() {
    pr("a", 1, "MERGED", "success");
    pr("b", 2, "MERGED", null);
    pr("c", 3, "MERGED", "success");
    pr("d", 4, "MERGED", "success");
    pr("e", 5, "OPEN", "success");

    GateCheck.Verdict verdict = check(Duration.ofHours(25));

    assertThat(verdict.kind()).isEqualTo(GateCheck.Kind.OPEN);
    assertThat(verdict.reason()).isEqualTo("4 of 5 merged, checks green on 5");
  }

  @Test
  void tooFewMergedOrTooYoungWaitsAndNamesWhatItWaitsOn() {
    pr("a", 1, "MERGED", "success");
    pr("b", 2, "MERGED", "success");
    pr("c", 3, "MERGED", "success");
    pr("d", 4, "OPEN", "pending");
    pr("e", 5, "OPEN", "success");

    GateCheck.Verdict verdict = check(Duration.ofHours(3));

    assertThat(verdict.kind()).isEqualTo(GateCheck.Kind.WAIT);
    assertThat(verdict.reason()).isEqualTo("3 of 5 pull requests merged (gate: 80%); checks green on 4 of 5 (gate: 100%);"
        + " the wave has been open 3h of the gate's 1d; waiting on d, e");
    assertThat(verdict.holders()).containsExactly("d", "e");
  }

  @Test
  void aPullRequestClosedWithoutMergingOrWithRedChecksPausesWithItsName() {
    pr("a", 1, "MERGED", "success");
    pr("b", 2, "CLOSED", null);
    pr("c", 3, "OPEN", "failure");
    pr("d", 4, "MERGED", "success");
    pr("e", 5, "MERGED", "success");

    GateCheck.Verdict verdict = check(Duration.ofDays(3));

    assertThat(verdict.kind()).isEqualTo(GateCheck.Kind.PAUSE);
    assertThat(verdict.reason()).isEqualTo("closed without merging: b#2; checks red: c#3");
    assertThat(verdict.holders()).containsExactly("b", "c");
  }

  @Test
  void repositoriesOfTheWaveNotDeliveredYetHoldItWhileFailuresAndNoChangesDoNot() {
    pr("a", 1, "MERGED", "success");
    latest.put("b", OutcomeStatus.WAITING);
    latest.put("c", OutcomeStatus.NEEDS_HUMAN);
    latest.put("d", OutcomeStatus.NO_CHANGES);

    assertThat(check(Duration.ofDays(2)).reason()).isEqualTo("not delivered yet: b, e");

    latest.put("b", OutcomeStatus.BASELINE_RED);
    latest.put("e", OutcomeStatus.NO_CHANGES);
    GateCheck.Verdict verdict = check(Duration.ofDays(2));
    assertThat(verdict.kind()).isEqualTo(GateCheck.Kind.OPEN);
    assertThat(verdict.reason()).isEqualTo("1 of 1 merged, checks green on 1");
  }

  @Test
  void aWaveWithNothingToProposeOpensTheNextAtOnce() {
    WAVE.forEach(r -> latest.put(r, OutcomeStatus.NO_CHANGES));

    GateCheck.Verdict verdict = check(Duration.ZERO);

    assertThat(verdict.kind()).isEqualTo(GateCheck.Kind.OPEN);
    assertThat(verdict.reason()).isEqualTo("no pull request in the wave to wait for");
  }
}
