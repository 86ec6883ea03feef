package io.fleetmigrate.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import io.fleetmigrate.build.BuildLog;
import org.jspecify.annotations.Nullable;
import org.xml.sax.SAXException;

/**
 * What a Maven build left behind, as the fix loop's diagnostics: the located errors and
 * misformatted files of its log (read by the build tool's {@link BuildLog}: Maven's is {@code MavenLog},
 * the one log reader, which also words the outcome's reason), and the Surefire/Failsafe XML reports (failing tests and the executed count).
 * Reports are preferred to the log for tests: they are structured, per test method, and survive
 * {@code -q}.
 */
public final class MavenDiagnostics {

  private MavenDiagnostics() {}

  /** The reports of one build: what ran, and what failed. */
  public record TestReports(TestCounts counts, List<Diagnostic> failures) {
    public TestReports {
      failures = List.copyOf(failures);
    }
  }

  /**
   * Located errors in a build log, as {@code kind} ({@link Diagnostic.Kind#COMPILE} for the
   * compile stage, {@link Diagnostic.Kind#LINT} for the lint stage). Paths are made relative to
   * {@code workdir}. Warnings are kept only for lint: a linter's violations are often warnings
   * that fail the build at the end.
   */
  public static List<Diagnostic> located(BuildLog reader, Path log, Path workdir, Diagnostic.Kind kind) {
    boolean lint = kind == Diagnostic.Kind.LINT;
    List<Diagnostic> found = new ArrayList<>();
    for (BuildLog.Located l : reader.located(log, workdir)) {
      if (l.error() || lint) {
        found.add(lint ? Diagnostic.lint(l.file(), l.line(), l.column(), l.message()) : Diagnostic.compile(l.file(), l.line(), l.column(), l.message()));
      }
    }
    if (lint) {
      reader.misformatted(log, workdir).forEach(file -> found.add(Diagnostic.lint(file, 0, 0, "format violation (run the formatter: spotless:apply)")));
    }
    return found;
  }

  /** The first {@code [ERROR]} line that says why, for builds none of the parsers understood. */
  public static List<Diagnostic> firstError(BuildLog reader, Path log) {
    // The same reading as the outcome's reason: never a separator line or Maven's boilerplate.
    String error = reader.firstError(log);
    if (error != null) {
      return List.of(Diagnostic.build(error));
    }
    String last = reader.lastLine(log);
    return List.of(Diagnostic.build(last == null ? "build failed with no output" : last));
  }

  /**
   * Every {@code TEST-*.xml} under {@code target/surefire-reports} and {@code
   * target/failsafe-reports} of every module. A report that does not parse is skipped: a crashed
   * fork can leave half a file, and the log still says the build failed.
   */
  /**
   * Whether {@code relative} is a module's own report ({@code [module/…]target/X-reports/TEST-*.xml}),
   * not one inside build output: projects that maven-invoker-plugin builds under {@code target/it},
   * which often fail on purpose, are not this build's tests.
   */
  static boolean moduleReport(Path relative) {
    int n = relative.getNameCount();
    if (n < 3 || !relative.getName(n - 3).toString().equals("target")) {
      return false;
    }
    for (int i = 0; i < n - 3; i++) {
      String segment = relative.getName(i).toString();
      if (segment.equals("target") || segment.equals(".git")) {
        return false;
      }
    }
    return true;
  }

  public static TestReports testReports(Path workdir) {
    List<Path> reports;
    try (Stream<Path> walk = Files.walk(workdir, 8)) {
      reports =
          walk.filter(p -> {
                String dir = p.getParent() == null ? "" : p.getParent().getFileName().toString();
                String name = p.getFileName().toString();
                return (dir.equals("surefire-reports") || dir.equals("failsafe-reports"))
                    && name.startsWith("TEST-") && name.endsWith(".xml")
                    && moduleReport(workdir.relativize(p));
              })
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      return new TestReports(TestCounts.NONE, List.of());
    }
    TestCounts counts = TestCounts.NONE;
    List<Diagnostic> failures = new ArrayList<>();
    for (Path report : reports) {
      try {
        Element suite = parse(report).getDocumentElement();
        NodeList cases = suite.getElementsByTagName("testcase");
        // A test that failed and then passed when Surefire ran it again (rerunFailingTestsCount) is
        // flaky, not failed: Maven's verdict is green. Some Surefire versions still count it in the
        // suite's errors or failures; its case holds only flakyError / flakyFailure.
        int flakyErrors = 0;
        int flakyFailures = 0;
        for (int i = 0; i < cases.getLength(); i++) {
          Element testcase = (Element) cases.item(i);
          if (firstChild(testcase, "failure", "error") == null) {
            flakyErrors += firstChild(testcase, "flakyError") != null ? 1 : 0;
            flakyFailures += firstChild(testcase, "flakyFailure") != null && firstChild(testcase, "flakyError") == null ? 1 : 0;
          }
        }
        counts = counts.plus(new TestCounts(intAttr(suite, "tests"), Math.max(0, intAttr(suite, "failures") - flakyFailures),
            Math.max(0, intAttr(suite, "errors") - flakyErrors), intAttr(suite, "skipped")));
        for (int i = 0; i < cases.getLength(); i++) {
          Element testcase = (Element) cases.item(i);
          Element problem = firstChild(testcase, "failure", "error");
          if (problem != null) {
            String message = problem.getAttribute("message");
            String type = problem.getAttribute("type");
            String text = message.isBlank() ? type : (type.isBlank() ? message : type + ": " + message);
            failures.add(Diagnostic.test(testcase.getAttribute("classname"), testcase.getAttribute("name"), text, problem.getTextContent()));
          }
        }
      } catch (IOException | SAXException | ParserConfigurationException | RuntimeException e) {
        // skipped, see the method comment
      }
    }
    return new TestReports(counts, failures);
  }

  /**
   * Deduplicated (same key = same problem), grouped and ranked: compile errors first (nothing runs
   * until they are fixed), then lint, tests, the rest; in file and line order within a kind.
   * Failing tests with the same message are one diagnostic that names how many more failed that
   * way — one broken cause (a converted parameterized test, a missing class) can fail hundreds. At
   * most {@code max} are kept.
   */
  public static List<Diagnostic> rank(List<Diagnostic> diagnostics, int max) {
    Map<String, Diagnostic> unique = new LinkedHashMap<>();
    diagnostics.forEach(d -> unique.putIfAbsent(d.key(), d));
    Map<String, List<Diagnostic>> tests = new LinkedHashMap<>();
    List<Diagnostic> grouped = new ArrayList<>();
    Map<Diagnostic, Integer> weight = new java.util.IdentityHashMap<>();
    for (Diagnostic d : unique.values()) {
      if (d.kind() == Diagnostic.Kind.TEST) {
        tests.computeIfAbsent(d.message(), m -> new ArrayList<>()).add(d);
      } else {
        grouped.add(d);
      }
    }
    for (List<Diagnostic> same : tests.values()) {
      Diagnostic first = same.get(0);
      if (same.size() == 1) {
        grouped.add(first);
        continue;
      }
      String others = same.stream().skip(1).limit(3).map(d -> d.testClass() + "." + d.testMethod()).collect(java.util.stream.Collectors.joining(", "));
      String more = " [and " + (same.size() - 1) + " more test(s) failed with this message: " + others + (same.size() > 4 ? ", ..." : "") + "]";
      Diagnostic group = new Diagnostic(first.kind(), null, 0, 0, first.testClass(), first.testMethod(), first.message() + more, first.trace());
      weight.put(group, same.size());
      grouped.add(group);
    }
    return grouped.stream()
        .sorted(Comparator.comparing(Diagnostic::kind)
            .thenComparing(d -> -weight.getOrDefault(d, 1)) // the cause that fails most tests first
            .thenComparing(d -> d.file() == null ? "" : d.file())
            .thenComparingInt(Diagnostic::line)
            .thenComparing(d -> d.testClass() == null ? "" : d.testClass()))
        .limit(max)
        .toList();
  }

  private static Document parse(Path report) throws IOException, SAXException, ParserConfigurationException {
    // The reports come from code we did not write: no DTDs, no external entities.
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    try (InputStream in = Files.newInputStream(report)) {
      return builder.parse(in);
    }
  }

  private static @Nullable Element firstChild(Element parent, String... names) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && List.of(names).contains(e.getTagName())) {
        return e;
      }
    }
    return null;
  }

  private static int intAttr(Element e, String name) {
    String v = e.getAttribute(name);
    try {
      return v.isBlank() ? 0 : (int) Double.parseDouble(v);
    } catch (NumberFormatException ex) {
      return 0;
    }
  }
}
