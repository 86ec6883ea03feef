package io.fleetmigrate.reports;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The burndown as SVG geometry: step lines of repositories still to migrate and of pull requests
 * open, over the campaign's lifetime. Computed here so the template only draws.
 */
public final class BurndownChart {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 200;
  private static final int LEFT = 40;
  private static final int RIGHT = 10;
  private static final int TOP = 10;
  private static final int BOTTOM = 24;
  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

  private final List<CampaignReport.BurndownPoint> points;
  private final int max;
  private final long spanSeconds;

  public BurndownChart(List<CampaignReport.BurndownPoint> points) {
    this.points = List.copyOf(points);
    this.max = Math.max(1, points.stream().mapToInt(p -> Math.max(p.remaining(), p.prsOpen())).max().orElse(1));
    this.spanSeconds =
        points.size() < 2 ? 1 : Math.max(1, Duration.between(points.get(0).at(), points.get(points.size() - 1).at()).toSeconds());
  }

  public boolean drawable() {
    return points.size() >= 2;
  }

  public int width() {
    return WIDTH;
  }

  public int height() {
    return HEIGHT;
  }

  public String remaining() {
    return polyline(true);
  }

  public String prsOpen() {
    return polyline(false);
  }

  public int maxValue() {
    return max;
  }

  public int lastRemaining() {
    return points.isEmpty() ? 0 : points.get(points.size() - 1).remaining();
  }

  public String firstLabel() {
    return points.isEmpty() ? "" : label(points.get(0).at());
  }

  public String lastLabel() {
    return points.isEmpty() ? "" : label(points.get(points.size() - 1).at());
  }

  public int plotLeft() {
    return LEFT;
  }

  public int plotRight() {
    return WIDTH - RIGHT;
  }

  public int plotTop() {
    return TOP;
  }

  public int plotBottom() {
    return HEIGHT - BOTTOM;
  }

  private String polyline(boolean remaining) {
    StringBuilder line = new StringBuilder();
    Integer previousY = null;
    for (CampaignReport.BurndownPoint p : points) {
      double x = x(p.at());
      double y = y(remaining ? p.remaining() : p.prsOpen());
      if (previousY != null) {
        line.append(fmt(x)).append(',').append(previousY).append(' '); // step: hold the old value until now
      }
      line.append(fmt(x)).append(',').append((int) y).append(' ');
      previousY = (int) y;
    }
    return line.toString().strip();
  }

  private double x(OffsetDateTime at) {
    long offset = points.isEmpty() ? 0 : Duration.between(points.get(0).at(), at).toSeconds();
    return LEFT + (WIDTH - LEFT - RIGHT) * (offset / (double) spanSeconds);
  }

  private double y(int value) {
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / (double) max);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String label(OffsetDateTime at) {
    return at.withOffsetSameInstant(ZoneOffset.UTC).format(LABEL);
  }
}
