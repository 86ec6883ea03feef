package io.fleetmigrate.rollout;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.reports.MergeRate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether the next wave may open, from the latest wave's outcomes and tracked pull requests. A
 * pull request closed without merging, or one with red checks, pauses the rollout: a person should
 * look before more repositories get the change. Anything else short of the gate (too few merged,
 * checks still pending, the wave too young, repositories not delivered yet) just waits.
 */
public final class GateCheck {
  private GateCheck() {}

  public enum Kind {
    /** The gate holds: the next wave opens. */
    OPEN,
    /** Not yet; a later run looks again. */
    WAIT,
    /** Something went wrong in the wave; the rollout stops until a person resumes or advances it. */
    PAUSE
  }

  /**
   * @param reason what held or paused it, naming the repositories; what held when it opened
   * @param holders the repositories that hold the gate shut
   */
  public record Verdict(Kind kind, String reason, List<String> holders) {
    public Verdict {
      holders = List.copyOf(holders);
    }
  }

  /**
   * @param wave the repositories the latest wave added
   * @param latest each repository's latest outcome status in the campaign (absent: never processed)
   * @param prs the campaign's tracked pull requests by repository
   * @param open how long the wave has been open
   */
  public static Verdict check(
      CampaignSpec.Gate gate, List<String> wave, Map<String, OutcomeStatus> latest, Map<String, TrackedPullRequest> prs, Duration open) {
    List<TrackedPullRequest> ours = wave.stream().map(prs::get).filter(java.util.Objects::nonNull).toList();
    List<TrackedPullRequest> closed = ours.stream().filter(TrackedPullRequest::closedUnmerged).toList();
    List<TrackedPullRequest> red = ours.stream().filter(TrackedPullRequest::red).toList();
    if (!closed.isEmpty() || !red.isEmpty()) {
      List<String> parts = new ArrayList<>();
      if (!closed.isEmpty()) {
        parts.add("closed without merging: " + labels(closed));
      }
      if (!red.isEmpty()) {
        parts.add("checks red: " + labels(red));
      }
      List<String> holders = new ArrayList<>();
      closed.forEach(p -> holders.add(p.repository()));
      red.forEach(p -> holders.add(p.repository()));
      return new Verdict(Kind.PAUSE, String.join("; ", parts), holders);
    }
    List<String> undelivered = wave.stream()
        .filter(r -> latest.get(r) == null || latest.get(r) == OutcomeStatus.WAITING || latest.get(r) == OutcomeStatus.READY)
        .toList();
    if (!undelivered.isEmpty()) {
      return new Verdict(Kind.WAIT, "not delivered yet: " + names(undelivered), undelivered);
    }
    List<String> unmet = new ArrayList<>();
    List<String> holders = new ArrayList<>();
    int n = ours.size();
    long merged = ours.stream().filter(TrackedPullRequest::merged).count();
    long green = ours.stream().filter(TrackedPullRequest::green).count();
    // A pull request whose host reports no checks at all (the local host, a repository without CI)
    // neither helps nor hurts the checks share.
    long checked = ours.stream().filter(TrackedPullRequest::checked).count();
    if (n > 0 && merged * 100 < (long) gate.merged() * n) {
      unmet.add(merged + " of " + n + " pull requests merged (gate: " + gate.merged() + "%)");
      ours.stream().filter(p -> !p.merged()).forEach(p -> holders.add(p.repository()));
    }
    if (checked > 0 && green * 100 < (long) gate.checksGreen() * checked) {
      unmet.add("checks green on " + green + " of " + checked + " (gate: " + gate.checksGreen() + "%)");
      ours.stream().filter(p -> p.checked() && !p.green() && !holders.contains(p.repository())).forEach(p -> holders.add(p.repository()));
    }
    if (n > 0 && open.compareTo(gate.minAge()) < 0) {
      unmet.add("the wave has been open " + MergeRate.text(open) + " of the gate's " + MergeRate.text(gate.minAge()));
    }
    if (!unmet.isEmpty()) {
      return new Verdict(Kind.WAIT, String.join("; ", unmet) + (holders.isEmpty() ? "" : "; waiting on " + names(holders)), holders);
    }
    return new Verdict(Kind.OPEN, n == 0 ? "no pull request in the wave to wait for"
        : merged + " of " + n + " merged, checks green on " + green, List.of());
  }

  private static String labels(List<TrackedPullRequest> prs) {
    return prs.stream().map(TrackedPullRequest::label).collect(Collectors.joining(", "));
  }

  /** At most ten names, then a count, so a reason stays one line. */
  static String names(List<String> names) {
    return names.size() <= 10 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more";
  }
}
