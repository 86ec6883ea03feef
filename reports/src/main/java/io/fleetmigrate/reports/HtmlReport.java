package io.fleetmigrate.reports;

import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * One self-contained HTML page (inline styles, no scripts or fonts from the network): summary
 * figures, a status bar and the per-repository table. Thymeleaf escapes every value, and every
 * value that came from a repository is inserted as text, never as markup.
 */
public final class HtmlReport {
  private static final TemplateEngine ENGINE = engine();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

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
    Context context = new Context();
    context.setVariable("report", report);
    context.setVariable("shares", report.statusShares());
    context.setVariable("total", report.rows().size());
    context.setVariable("started", report.startedAt().withOffsetSameInstant(ZoneOffset.UTC).format(TIME));
    context.setVariable(
        "ended", report.endedAt() == null ? "still running" : report.endedAt().withOffsetSameInstant(ZoneOffset.UTC).format(TIME));
    ENGINE.process("report", context, out);
  }
}
