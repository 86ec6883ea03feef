package io.fleetmigrate.reports;

import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * One self-contained HTML page: inline styles and script, no fonts, images or scripts from the
 * network. Thymeleaf escapes every value; everything that came from a repository or a model is
 * inserted as text, never as markup.
 */
public final class HtmlReport {
  private static final TemplateEngine ENGINE = engine();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
  static final int TOP_REASONS = 5;

  private HtmlReport() {}

  private static TemplateEngine engine() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(HtmlReport.class.getClassLoader());
    resolver.setPrefix("io/fleetmigrate/reports/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    TemplateEngine engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }

  public static void write(CampaignReport report, Writer out) {
    write(report, out, OffsetDateTime.now(ZoneOffset.UTC));
  }

  /** Renders with a fixed "generated at" time, for reproducible output. */
  public static void write(CampaignReport report, Writer out, OffsetDateTime generatedAt) {
    Context context = new Context();
    context.setVariable("report", report);
    context.setVariable("shares", report.statusShares());
    context.setVariable("reasons", report.topFailureReasons(TOP_REASONS));
    context.setVariable("chart", new BurndownChart(report.burndown()));
    context.setVariable("started", format(report.startedAt()));
    context.setVariable("ended", report.endedAt() == null ? "still running" : format(report.endedAt()));
    context.setVariable("generated", format(generatedAt));
    ENGINE.process("report", context, out);
  }

  private static String format(OffsetDateTime time) {
    return time.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
  }
}
