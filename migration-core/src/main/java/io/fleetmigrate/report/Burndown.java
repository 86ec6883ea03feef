package io.fleetmigrate.report;

import io.fleetmigrate.reports.CampaignReport.BurndownPoint;
import io.fleetmigrate.store.CampaignHistory.Event;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Repositories still to migrate over time. A repository is migrated once its pull request is
 * merged, or once a run found nothing to change in it; until then it is still to migrate, whatever
 * else happened (an open pull request is progress, drawn as its own line, not the end).
 */
final class Burndown {
  private Burndown() {}

  static List<BurndownPoint> points(List<String> scope, List<Event> events, OffsetDateTime start, OffsetDateTime now) {
    Map<String, String> lastOutcome = new HashMap<>();
    Map<String, String> lastPrState = new HashMap<>();
    List<BurndownPoint> points = new ArrayList<>();
    points.add(new BurndownPoint(start, scope.size(), 0));
    for (Event event : events) {
      if (!scope.contains(event.repository())) {
        continue;
      }
      (event.kind() == Event.Kind.OUTCOME ? lastOutcome : lastPrState).put(event.repository(), event.value());
      BurndownPoint point = snapshot(scope, lastOutcome, lastPrState, event.at());
      BurndownPoint previous = points.get(points.size() - 1);
      if (previous.remaining() != point.remaining() || previous.prsOpen() != point.prsOpen()) {
        points.add(point);
      }
    }
    BurndownPoint last = points.get(points.size() - 1);
    if (now.isAfter(last.at())) {
      points.add(new BurndownPoint(now, last.remaining(), last.prsOpen()));
    }
    return points;
  }

  private static BurndownPoint snapshot(
      List<String> scope, Map<String, String> lastOutcome, Map<String, String> lastPrState, OffsetDateTime at) {
    int remaining = 0;
    int open = 0;
    for (String repo : scope) {
      String pr = lastPrState.get(repo);
      boolean migrated = "MERGED".equals(pr) || (pr == null && "NO_CHANGES".equals(lastOutcome.get(repo)));
      if (!migrated) {
        remaining++;
      }
      if ("OPEN".equals(pr)) {
        open++;
      }
    }
    return new BurndownPoint(at, remaining, open);
  }
}
