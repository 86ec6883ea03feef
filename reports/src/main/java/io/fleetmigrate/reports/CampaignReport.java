package io.fleetmigrate.reports;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One run of a campaign, as reports show it, with the campaign's progress over time.
 *
 * @param campaign the campaign's name
 * @param description what the campaign is for
 * @param runId the run
 * @param dryRun whether the run delivered nothing
 * @param runStatus the run's state (RUNNING, COMPLETED, FAILED)
 * @param startedAt when the run started
 * @param endedAt when it ended, if it has
 * @param rows one per repository of the run, in repository order
 * @param pullRequests every pull request of the campaign (all runs), by state
 * @param burndown repositories still to migrate over time, oldest first
 * @param mergeRate how the campaign's pull requests ended (all runs)
 * @param rollout where the rollout in waves stands, in words; {@code null} without waves
 * @param lowTestCoverage the campaign's open pull requests flagged for low test coverage (all runs), by repository
 */
public record CampaignReport(
    String campaign,
    String description,
    long runId,
    boolean dryRun,
    String runStatus,
    OffsetDateTime startedAt,
    @Nullable OffsetDateTime endedAt,
    List<Row> rows,
    Map<String, Long> pullRequests,
    List<BurndownPoint> burndown,
    MergeRate mergeRate,
    @Nullable String rollout,
    List<Flagged> lowTestCoverage) {

  /**
   * An open pull request flagged for low test coverage.
   *
   * @param pullRequest {@code billing#3}
   * @param url where the host shows it, when it has an address
   * @param why why it was flagged, e.g. {@code the baseline ran 3 tests (rollout.minTests: 10)}
   */
  public record Flagged(String repository, String pullRequest, @Nullable String url, String why) {}

  /** Statuses in the order reports show them. */
  public static final List<String> STATUS_ORDER =
      List.of(
          "PR_OPENED", "PR_UPDATED", "READY", "WAITING", "NO_CHANGES", "NEEDS_HUMAN", "BASELINE_RED", "RECIPE_REFUSED",
          "GUARDRAIL_REJECTED", "HUMAN_EDITED", "SKIPPED", "ERROR", "PENDING");

  private static final Set<String> GOOD = Set.of("PR_OPENED", "PR_UPDATED", "READY", "NO_CHANGES");
  private static final Set<String> BAD = Set.of("NEEDS_HUMAN", "BASELINE_RED", "RECIPE_REFUSED", "GUARDRAIL_REJECTED", "ERROR");

  public CampaignReport {
    rows = List.copyOf(rows);
    pullRequests = Map.copyOf(pullRequests);
    burndown = List.copyOf(burndown);
    lowTestCoverage = List.copyOf(lowTestCoverage);
  }

  /** A report without merge figures or a rollout. */
  public CampaignReport(
      String campaign, String description, long runId, boolean dryRun, String runStatus, OffsetDateTime startedAt,
      @Nullable OffsetDateTime endedAt, List<Row> rows, Map<String, Long> pullRequests, List<BurndownPoint> burndown) {
    this(campaign, description, runId, dryRun, runStatus, startedAt, endedAt, rows, pullRequests, burndown, MergeRate.NONE, null, List.of());
  }

  /**
   * One repository's outcome in the run.
   *
   * @param owner owning team, when known
   * @param recipeFilesChanged files the recipes changed
   * @param fixAttempts model fix attempts (0 without a model)
   * @param tokensIn model input tokens spent on this repository
   * @param tokensOut model output tokens
   * @param pullRequest a reference such as {@code billing-service#3}, when a pull request exists
   * @param pullRequestUrl where it can be opened, when the host has web pages
   * @param pullRequestState OPEN, MERGED, CLOSED, when there is a pull request
   * @param checks the pull request's combined check status, when the host reports one
   * @param detail what the detail section shows
   * @param wave the rollout wave (1-based) the repository belongs to; {@code null} without waves
   * @param timeToMerge from its pull request's opening to its merge; {@code null} unless merged
   */
  public record Row(
      String repository,
      @Nullable String owner,
      String status,
      String reason,
      String stage,
      int recipeFilesChanged,
      int fixAttempts,
      long tokensIn,
      long tokensOut,
      Duration duration,
      @Nullable String pullRequest,
      @Nullable String pullRequestUrl,
      @Nullable String pullRequestState,
      @Nullable String checks,
      @Nullable String logDir,
      @Nullable String diffPath,
      Detail detail,
      @Nullable Integer wave,
      @Nullable Duration timeToMerge) {

    public Row(
        String repository, @Nullable String owner, String status, String reason, String stage, int recipeFilesChanged, int fixAttempts,
        long tokensIn, long tokensOut, Duration duration, @Nullable String pullRequest, @Nullable String pullRequestUrl,
        @Nullable String pullRequestState, @Nullable String checks, @Nullable String logDir, @Nullable String diffPath, Detail detail) {
      this(repository, owner, status, reason, stage, recipeFilesChanged, fixAttempts, tokensIn, tokensOut, duration, pullRequest,
          pullRequestUrl, pullRequestState, checks, logDir, diffPath, detail, null, null);
    }

    public String tone() {
      return CampaignReport.tone(status);
    }

    /** {@code #3} for {@code billing#3}: the repository is already in its own column. */
    public @Nullable String pullRequestLabel() {
      return pullRequest == null ? null : pullRequest.substring(pullRequest.lastIndexOf('#'));
    }

    public String durationText() {
      long s = duration.toSeconds();
      return s < 60 ? s + "s" : (s / 60) + "m " + (s % 60) + "s";
    }

    /** An HTML id for the repository's detail section. */
    public String anchor() {
      return "repo-" + repository.replaceAll("[^A-Za-z0-9_-]", "-");
    }
  }

  /** What the detail section of a repository shows. */
  public record Detail(List<Stage> stages, List<FileStat> diffstat, List<String> diagnostics) {
    public Detail {
      stages = List.copyOf(stages);
      diffstat = List.copyOf(diffstat);
      diagnostics = List.copyOf(diagnostics);
    }

    public static Detail empty() {
      return new Detail(List.of(), List.of(), List.of());
    }
  }

  /**
   * One command run for the repository (baseline, verify, a fix attempt).
   *
   * @param isolation the build sandbox it ran in, in words (empty when not recorded)
   */
  public record Stage(
      String name, String command, @Nullable Integer exitCode, boolean timedOut, Duration duration, String summary, @Nullable String log,
      String isolation) {
    public Stage(String name, String command, @Nullable Integer exitCode, boolean timedOut, Duration duration, String summary, @Nullable String log) {
      this(name, command, exitCode, timedOut, duration, summary, log, "");
    }

    public String result() {
      return timedOut ? "timed out" : exitCode == null ? "-" : exitCode == 0 ? "green" : "red (exit " + exitCode + ")";
    }

    public String durationText() {
      return duration.toSeconds() + "s";
    }
  }

  /** Lines added and removed in one file of the change. */
  public record FileStat(String path, int added, int removed) {}

  /** Repositories still to migrate, and pull requests open, at a moment. */
  public record BurndownPoint(OffsetDateTime at, int remaining, int prsOpen) {}

  // ------------------------------------------------------------------ derived figures

  public static String tone(String status) {
    return GOOD.contains(status) ? "good" : BAD.contains(status) ? "bad" : "neutral";
  }

  /** Repositories per status, in {@link #STATUS_ORDER}, leaving out statuses nobody has. */
  public Map<String, Long> statusCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String status : STATUS_ORDER) {
      long n = rows.stream().filter(r -> r.status().equals(status)).count();
      if (n > 0) {
        counts.put(status, n);
      }
    }
    rows.stream().map(Row::status).filter(s -> !counts.containsKey(s)).distinct()
        .forEach(s -> counts.put(s, rows.stream().filter(r -> r.status().equals(s)).count()));
    return counts;
  }

  /** A status's share of the run, for the breakdown chart. */
  public record StatusShare(String status, long count, String tone, double percent) {}

  public List<StatusShare> statusShares() {
    int total = Math.max(1, rows.size());
    return statusCounts().entrySet().stream()
        .map(e -> new StatusShare(e.getKey(), e.getValue(), tone(e.getKey()), e.getValue() * 100.0 / total))
        .toList();
  }

  /** How many repositories have {@code status}. */
  public long count(String status) {
    return countAny(List.of(status));
  }

  /** How many repositories have one of {@code statuses}. */
  public long countAny(Collection<String> statuses) {
    return rows.stream().filter(r -> statuses.contains(r.status())).count();
  }

  public long pullRequestsIn(String state) {
    return pullRequests.getOrDefault(state, 0L);
  }

  /** One team's share of the run. */
  public record TeamLine(String team, int repositories, int done, int attention, int prsOpen, int other) {}

  public List<TeamLine> teams() {
    Map<String, List<Row>> byTeam =
        rows.stream().collect(Collectors.groupingBy(r -> r.owner() == null ? "(no owner)" : r.owner(), TreeMap::new, Collectors.toList()));
    List<TeamLine> lines = new ArrayList<>();
    byTeam.forEach(
        (team, teamRows) -> {
          int done = (int) teamRows.stream().filter(r -> GOOD.contains(r.status())).count();
          int attention = (int) teamRows.stream().filter(r -> BAD.contains(r.status())).count();
          int open = (int) teamRows.stream().filter(r -> "OPEN".equals(r.pullRequestState())).count();
          lines.add(new TeamLine(team, teamRows.size(), done, attention, open, teamRows.size() - done - attention));
        });
    return lines;
  }

  /** A failure reason and how many repositories share it. */
  public record ReasonCount(String status, String reason, long count) {}

  private static final Pattern LOCATION = Pattern.compile("\\S+\\.(java|kt|groovy|xml):\\d+(:\\d+)?: ");
  private static final Pattern MORE = Pattern.compile(" \\(\\+\\d+ more [^)]*\\)| \\(Tests run: [^)]*\\)");

  /**
   * The most common reasons among repositories that need attention, with file positions and counts
   * taken out so the same cause in many repositories groups into one line.
   */
  public List<ReasonCount> topFailureReasons(int limit) {
    Map<List<String>, Long> grouped =
        rows.stream()
            .filter(r -> BAD.contains(r.status()))
            .collect(Collectors.groupingBy(r -> List.of(r.status(), normalize(r.reason())), LinkedHashMap::new, Collectors.counting()));
    return grouped.entrySet().stream()
        .map(e -> new ReasonCount(e.getKey().get(0), e.getKey().get(1), e.getValue()))
        .sorted(Comparator.comparingLong(ReasonCount::count).reversed().thenComparing(ReasonCount::reason))
        .limit(limit)
        .toList();
  }

  static String normalize(String reason) {
    return MORE.matcher(LOCATION.matcher(reason).replaceAll("")).replaceAll("").strip();
  }
}
