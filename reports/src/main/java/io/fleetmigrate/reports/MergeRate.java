package io.fleetmigrate.reports;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a campaign's pull requests ended: the figure that says whether the fleet took the change
 * (Sourcegraph calls the share that merges the key success metric).
 *
 * @param opened pull requests opened (whatever became of them)
 * @param merged merged ones
 * @param closedUnmerged closed without merging
 * @param medianTimeToMerge the median time from opened to merged, {@code null} before the first merge
 */
public record MergeRate(int opened, int merged, int closedUnmerged, @Nullable Duration medianTimeToMerge) {
  public static final MergeRate NONE = new MergeRate(0, 0, 0, null);

  /**
   * @param states each pull request's state ({@code OPEN}, {@code MERGED}, {@code CLOSED})
   * @param timesToMerge for each merged one, the time from opened to merged
   */
  public static MergeRate of(List<String> states, List<Duration> timesToMerge) {
    int merged = (int) states.stream().filter("MERGED"::equals).count();
    int closed = (int) states.stream().filter("CLOSED"::equals).count();
    return new MergeRate(states.size(), merged, closed, median(timesToMerge));
  }

  static @Nullable Duration median(List<Duration> durations) {
    if (durations.isEmpty()) {
      return null;
    }
    List<Duration> sorted = durations.stream().sorted().toList();
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
  }

  /** Still open: opened, neither merged nor closed. */
  public int open() {
    return opened - merged - closedUnmerged;
  }

  /** Merged as a whole percentage of those opened, or {@code null} when none was opened. */
  public @Nullable Integer ratePercent() {
    return opened == 0 ? null : (int) Math.round(merged * 100.0 / opened);
  }

  public String rateText() {
    Integer rate = ratePercent();
    return rate == null ? "-" : rate + "%";
  }

  /** The median time to merge as {@link #text}, or {@code -} before the first merge. */
  public String medianText() {
    return medianTimeToMerge == null ? "-" : text(medianTimeToMerge);
  }

  /** A span as people say it: {@code 3d 4h}, {@code 1d}, {@code 5h 10m}, {@code 1h}, {@code 12m}, {@code 40s}. */
  public static String text(Duration d) {
    if (d.toDays() > 0) {
      return d.toDays() + "d" + (d.toHoursPart() == 0 ? "" : " " + d.toHoursPart() + "h");
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h" + (d.toMinutesPart() == 0 ? "" : " " + d.toMinutesPart() + "m");
    }
    return d.toMinutes() > 0 ? d.toMinutes() + "m" : Math.max(0, d.toSeconds()) + "s";
  }

  /** One line: "12 opened, 8 merged, 1 closed unmerged, 3 open; merge rate 67%; median time to merge 2d 3h". */
  public String summary() {
    return opened + " opened, " + merged + " merged, " + closedUnmerged + " closed unmerged, " + open() + " open; merge rate "
        + rateText() + "; median time to merge " + medianText();
  }
}
