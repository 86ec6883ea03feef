package io.fleetmigrate.rollout;

import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.campaign.SpecException;
import io.fleetmigrate.deliver.PullRequestTracker;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.reports.MergeRate;
import io.fleetmigrate.store.CampaignStore;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A campaign's rollout in waves. At the start of each run it refreshes the tracked pull requests
 * (when the host is remote), opens the next wave when the gate holds for the latest one, pauses
 * when a pull request of that wave was closed unmerged or has red checks, and says which
 * repositories the run holds back ({@code WAITING}). A person can advance, pause and resume it.
 *
 * <p>A repository that already has a pull request is never held back: its pull request is
 * updated as before. A paused rollout opens no new pull request.
 */
@Component
public class Rollout {
  private final RolloutStore rollouts;
  private final CampaignStore store;
  private final @Nullable PullRequestTracker tracker;
  private final Clock clock;

  @Autowired
  public Rollout(RolloutStore rollouts, CampaignStore store, @Nullable PullRequestTracker tracker) {
    this(rollouts, store, tracker, Clock.systemUTC());
  }

  /** @param tracker {@code null}: the store's pull request states are taken as they are (no host to ask) */
  public Rollout(RolloutStore rollouts, CampaignStore store, @Nullable PullRequestTracker tracker, Clock clock) {
    this.rollouts = rollouts;
    this.store = store;
    this.tracker = tracker;
    this.clock = clock;
  }

  /**
   * What a run does about the rollout.
   *
   * @param held the repositories the run holds back, with their reason
   * @param verdict the gate's verdict this time, or {@code null} when it was not asked (paused, last wave)
   */
  public record Plan(RolloutState state, Waves waves, Map<String, String> held, GateCheck.@Nullable Verdict verdict) {
    public Plan {
      held = Map.copyOf(held);
    }
  }

  /**
   * Decides the rollout for a run of {@code spec} over {@code selection} (the spec's whole selection,
   * before a run's own narrowing, so waves do not depend on {@code --repo} or {@code --limit}).
   */
  public Plan plan(CampaignSpec spec, List<RepoRef> selection, Consumer<String> notice) {
    String campaign = spec.name();
    refresh(spec, notice);
    OffsetDateTime now = OffsetDateTime.now(clock);
    Waves waves = Waves.of(spec.rollout(), selection);
    RolloutState state = rollouts.stateOrStart(campaign, now);
    Map<String, TrackedPullRequest> prs = byRepository(rollouts.pullRequests(campaign));
    GateCheck.Verdict verdict = null;
    if (!state.paused() && state.wave() < waves.last()) {
      Map<String, OutcomeStatus> latest = store.outcomes().latestOutcomes(campaign).values().stream()
          .collect(Collectors.toMap(RepoOutcome::repository, RepoOutcome::status));
      verdict = GateCheck.check(spec.rollout().gate(), waves.added(state.wave()), latest, prs, Duration.between(state.waveOpenedAt(), now));
      RolloutState next = switch (verdict.kind()) {
        case OPEN -> state.at(state.wave() + 1, now);
        case PAUSE -> state.paused(RolloutState.BY_GATE, "wave " + (state.wave() + 1) + ": " + verdict.reason(), now);
        case WAIT -> state.waiting("wave " + (state.wave() + 1) + ": " + verdict.reason(), now);
      };
      if (rollouts.save(next, state.wave())) {
        if (verdict.kind() == GateCheck.Kind.OPEN) {
          notice.accept("Rollout of " + campaign + ": the gate held for wave " + (state.wave() + 1) + " (" + verdict.reason() + "); "
              + waves.describe(next.wave()) + " opens.");
        } else if (verdict.kind() == GateCheck.Kind.PAUSE) {
          notice.accept("Rollout of " + campaign + " paused: " + next.reason() + ". Resume with 'fleet campaign resume-rollout "
              + campaign + "' once fixed, or widen anyway with 'fleet campaign advance " + campaign + "'.");
        }
        state = next;
      } else {
        state = rollouts.state(campaign).orElseThrow(); // a slice run of the campaign decided first
      }
    }
    Set<String> open = state.paused() ? Set.of() : new HashSet<>(waves.members(state.wave()));
    String why = state.paused()
        ? "green; not delivered: the rollout is paused (" + state.reason() + ")"
        : "green; not delivered yet: past the rollout's " + waves.describe(state.wave());
    Map<String, String> held = new LinkedHashMap<>();
    for (String name : waves.order()) {
      if (!open.contains(name) && !prs.containsKey(name)) {
        held.put(name, why);
      }
    }
    return new Plan(state, waves, held, verdict);
  }

  /** A remote host's pull requests are asked about first: the gate decides on what is true now. */
  private void refresh(CampaignSpec spec, Consumer<String> notice) {
    if (tracker == null || "local".equals(spec.codeHost().type()) || rollouts.pullRequests(spec.name()).isEmpty()) {
      return;
    }
    try {
      for (PullRequestTracker.Refreshed r : tracker.refresh(spec.name())) {
        if (r.error() != null) {
          notice.accept("Rollout of " + spec.name() + ": " + r.pr().repository() + " #" + r.pr().number()
              + " could not be refreshed (" + r.error() + "); the gate uses its last known state");
        }
      }
    } catch (SpecException e) {
      notice.accept("Rollout of " + spec.name() + ": pull requests not refreshed (" + e.getMessage() + ")");
    }
  }

  /** Opens the next wave by hand, whatever the gate says; a pause ends with it. */
  public RolloutState advance(String campaign) throws CampaignException {
    CampaignSpec spec = spec(campaign);
    RolloutState state = rollouts.stateOrStart(campaign, OffsetDateTime.now(clock));
    int last = spec.rollout().waves().size() - 1;
    if (state.wave() >= last) {
      throw new CampaignException("the rollout of '" + campaign + "' is at its last wave already (" + spec.rollout().waves().get(last)
          + "); there is nothing to advance to");
    }
    return save(state.at(state.wave() + 1, OffsetDateTime.now(clock)), state.wave());
  }

  /** Stops opening pull requests until {@link #resume}; existing ones are still updated. */
  public RolloutState pause(String campaign) throws CampaignException {
    spec(campaign);
    OffsetDateTime now = OffsetDateTime.now(clock);
    RolloutState state = rollouts.stateOrStart(campaign, now);
    if (state.paused()) {
      throw new CampaignException("the rollout of '" + campaign + "' is already paused: " + state.reason());
    }
    return save(state.paused(RolloutState.BY_PERSON, "paused with 'fleet campaign pause-rollout' at " + now.withNano(0), now), state.wave());
  }

  /**
   * Ends a pause. The gate is asked again at the next run: a pull request still closed or red pauses
   * it again (then {@link #advance} widens past it by hand).
   */
  public RolloutState resume(String campaign) throws CampaignException {
    spec(campaign);
    RolloutState state = rollouts.stateOrStart(campaign, OffsetDateTime.now(clock));
    if (!state.paused()) {
      throw new CampaignException("the rollout of '" + campaign + "' is not paused");
    }
    return save(state.waiting("", OffsetDateTime.now(clock)), state.wave());
  }

  private RolloutState save(RolloutState next, int expectedWave) throws CampaignException {
    if (!rollouts.save(next, expectedWave)) {
      throw new CampaignException("the rollout of '" + next.campaign() + "' changed meanwhile (another run decided); look again with"
          + " 'fleet campaign status " + next.campaign() + "'");
    }
    return next;
  }

  /**
   * Where the rollout stands, for {@code campaign status} and the reports.
   *
   * @param state {@code null} for a campaign without waves or before its first run
   * @param waves the waves over the current selection, {@code null} without waves
   */
  public record View(@Nullable RolloutState state, @Nullable Waves waves, MergeRate mergeRate) {
    /** The wave (1-based) {@code repository} belongs to, or {@code null} without waves or outside the selection. */
    public @Nullable Integer waveOf(String repository) {
      return waves == null ? null : waves.waveOf(repository);
    }

    /** One line, e.g. "wave 2 of 4 (10%: 12 of 120 repositories), paused by the gate: ...". */
    public @Nullable String waveLine() {
      if (waves == null) {
        return null;
      }
      if (state == null) {
        return waves.describe(0) + ", from the first run";
      }
      return waves.describe(state.wave()) + (state.paused() ? ", paused by " + ("gate".equals(state.pausedBy()) ? "the gate" : "a person")
          + ": " + state.reason() : state.reason().isEmpty() ? "" : "; next wave waits: " + state.reason());
    }
  }

  /** The campaign's delivered pull requests, as the store last heard of them. */
  public List<TrackedPullRequest> pullRequests(String campaign) {
    return rollouts.pullRequests(campaign);
  }

  /** The rollout and merge rate of {@code campaign}, its waves laid over its spec's selection of {@code inventory}. */
  public View view(String campaign, List<RepoRef> inventory) throws CampaignException {
    CampaignSpec spec = lastSpec(campaign);
    return new View(rollouts.state(campaign).orElse(null),
        spec.rollout().inWaves() ? Waves.of(spec.rollout(), spec.repositories().apply(inventory)) : null,
        mergeRate(rollouts.pullRequests(campaign)));
  }

  public static MergeRate mergeRate(List<TrackedPullRequest> prs) {
    return MergeRate.of(prs.stream().map(p -> p.state().name()).toList(),
        prs.stream().filter(p -> p.merged() && p.mergedAt() != null)
            .map(p -> Duration.between(p.openedAt(), java.util.Objects.requireNonNull(p.mergedAt()))).toList());
  }

  /** The spec {@code campaign} last ran with, which must roll out in waves. */
  private CampaignSpec spec(String campaign) throws CampaignException {
    CampaignSpec spec = lastSpec(campaign);
    if (!spec.rollout().inWaves()) {
      throw new CampaignException("campaign '" + campaign + "' has no 'rollout.waves' in the spec it last ran with: every green"
          + " repository is delivered at once, so there is no rollout to change");
    }
    return spec;
  }

  private CampaignSpec lastSpec(String campaign) throws CampaignException {
    String yaml = store.runs().specYaml(campaign).orElseThrow(() -> new CampaignException("no campaign named '" + campaign + "'"));
    try {
      return CampaignSpecReader.parse(yaml, "the spec campaign " + campaign + " last ran with");
    } catch (SpecException e) {
      throw new CampaignException(e.getMessage());
    }
  }

  private static Map<String, TrackedPullRequest> byRepository(List<TrackedPullRequest> prs) {
    return prs.stream().collect(Collectors.toMap(TrackedPullRequest::repository, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }
}
