package io.fleetmigrate.rollout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * How much of the main code a change touches its tests cover. Real coverage when the repository's
 * own baseline build wrote a JaCoCo XML report (a module's {@code target/site/jacoco}, {@code jacoco-ut} or the like, holding {@code jacoco.xml}):
 * the line coverage of the changed main files. Without one, a proxy that says so: the share of the
 * changed main classes whose simple name any test source mentions. Main code is a {@code .java}
 * file under a {@code src/main/java} directory (Maven's convention); other changes (tests, build
 * files, resources) do not count.
 */
public final class ChangeCoverage {
  private ChangeCoverage() {}

  /** Line counters of one source file in a JaCoCo report: {@code module} relative to the checkout ("" at its root). */
  public record FileLines(String module, String sourcePath, int covered, int missed) {}

  /**
   * What the baseline's JaCoCo reports say, read before anything else builds in the checkout (the
   * verify build deletes {@code target}).
   */
  public record Baseline(List<FileLines> files) {
    public static final Baseline NONE = new Baseline(List.of());

    public Baseline {
      files = List.copyOf(files);
    }
  }

  /**
   * The measure of one change.
   *
   * @param percent covered share, 0 to 100
   * @param basis how it was measured, for the reason a person reads
   */
  public record Measure(int percent, String basis) {}

  private static final Pattern MAIN_SOURCE = Pattern.compile("(?:^|.*/)src/main/java/(.+)\\.java");

  /** The JaCoCo XML reports in the checkout's modules ({@code target/site/jacoco*}{@code /jacoco.xml}). */
  public static Baseline read(Path checkout) throws IOException {
    try {
      return readReports(checkout);
    } catch (IOException | UncheckedIOException e) {
      // A tree the walk cannot read (a directory a test left unreadable) costs the measure, not the repository.
      return Baseline.NONE;
    }
  }

  private static Baseline readReports(Path checkout) throws IOException {
    List<Path> reports;
    try (Stream<Path> walk = Files.walk(checkout, 8)) {
      reports = walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("jacoco.xml"))
          // The build wrote these files: a link or a pipe by that name is not read (outside the checkout, or forever).
          .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .filter(p -> p.getParent().getFileName().toString().startsWith("jacoco")
              && p.getParent().getParent().getFileName().toString().equals("site")
              && p.getParent().getParent().getParent().getFileName().toString().equals("target"))
          .filter(p -> !checkout.relativize(p).toString().startsWith(".git/"))
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<FileLines> files = new ArrayList<>();
    for (Path report : reports) {
      Path moduleDir = report.getParent().getParent().getParent().getParent();
      String module = checkout.relativize(moduleDir).toString().replace('\\', '/');
      files.addAll(jacoco(report, module));
    }
    return new Baseline(files);
  }

  /** Each {@code <sourcefile>}'s LINE counter of one JaCoCo XML report. An unreadable report counts as none. */
  static List<FileLines> jacoco(Path report, String module) throws IOException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // JaCoCo's reports carry a DOCTYPE: it is neither loaded nor trusted.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    List<FileLines> files = new ArrayList<>();
    try (InputStream in = Files.newInputStream(report)) {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      String pkg = "";
      String source = null;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (xml.getLocalName()) {
            case "package" -> pkg = attribute(xml, "name");
            case "sourcefile" -> source = attribute(xml, "name");
            case "counter" -> {
              if (source != null && "LINE".equals(xml.getAttributeValue(null, "type"))) {
                files.add(new FileLines(module, (pkg.isEmpty() ? "" : pkg + "/") + source,
                    Integer.parseInt(attribute(xml, "covered")), Integer.parseInt(attribute(xml, "missed"))));
              }
            }
            default -> {}
          }
        } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("sourcefile")) {
          source = null;
        }
      }
      xml.close();
    } catch (XMLStreamException | NumberFormatException e) {
      return List.of();
    }
    return files;
  }

  private static String attribute(XMLStreamReader xml, String name) {
    String value = xml.getAttributeValue(null, name);
    return value == null ? "" : value;
  }

  /** The changed paths that are main code ({@code .java} under {@code src/main/java}). */
  public static List<String> mainFiles(Collection<String> changed) {
    return changed.stream().filter(p -> MAIN_SOURCE.matcher(p).matches()).sorted().toList();
  }

  /**
   * The coverage of the main files among {@code changed}, or {@code null} when the change touches
   * no main code. JaCoCo's line coverage when the baseline's reports know any of those files (files
   * without executable lines are not in a report and do not count); else the share of the changed
   * main classes that a test source names.
   */
  public static @Nullable Measure of(Path checkout, Collection<String> changed, Baseline baseline) throws IOException {
    List<String> main = mainFiles(changed);
    if (main.isEmpty()) {
      return null;
    }
    int covered = 0;
    int total = 0;
    int known = 0;
    for (String path : main) {
      FileLines lines = find(baseline, path);
      if (lines != null) {
        known++;
        covered += lines.covered();
        total += lines.covered() + lines.missed();
      }
    }
    if (known > 0) {
      int percent = total == 0 ? 100 : (int) ((100L * covered) / total);
      return new Measure(percent, "JaCoCo's baseline report covers " + covered + " of " + total + " lines (" + percent + "%) of the "
          + known + " changed main file" + (known == 1 ? "" : "s") + " it knows");
    }
    List<String> named = namedByTests(checkout, main);
    int percent = (int) ((100L * named.size()) / main.size());
    return new Measure(percent, named.size() + " of the " + main.size() + " changed main class" + (main.size() == 1 ? "" : "es")
        + " (" + percent + "%) named by any test source (no JaCoCo report in the baseline, so this stands in for coverage)");
  }

  /** The report entry for a main file: its own module's first, else any module's (an aggregate report). */
  private static @Nullable FileLines find(Baseline baseline, String path) {
    Matcher m = MAIN_SOURCE.matcher(path);
    if (!m.matches()) {
      return null;
    }
    String source = m.group(1) + ".java";
    String module = path.substring(0, path.length() - ("src/main/java/" + source).length());
    module = module.endsWith("/") ? module.substring(0, module.length() - 1) : module;
    FileLines other = null;
    for (FileLines f : baseline.files()) {
      if (f.sourcePath().equals(source)) {
        if (f.module().equals(module)) {
          return f;
        }
        other = other == null ? f : other;
      }
    }
    return other;
  }

  /** Which of the main files' class names any file under a {@code src/test} directory mentions as a word. */
  static List<String> namedByTests(Path checkout, List<String> mainFiles) throws IOException {
    List<String> names = mainFiles.stream().map(p -> p.substring(p.lastIndexOf('/') + 1, p.length() - ".java".length())).toList();
    Pattern any = Pattern.compile("\\b(" + names.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")\\b");
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<Path> tests = new ArrayList<>();
    Files.walkFileTree(checkout, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        // Not git's objects, build output or installed packages: only the sources a person wrote.
        return !dir.equals(checkout) && (name.equals(".git") || name.equals("target") || name.equals("node_modules"))
            ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
        String rel = checkout.relativize(file).toString().replace('\\', '/');
        if (attrs.isRegularFile() && (rel.startsWith("src/test/") || rel.contains("/src/test/"))) {
          tests.add(file);
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
    for (Path test : tests) {
      String text;
      try {
        text = Files.readString(test, StandardCharsets.UTF_8);
      } catch (java.nio.charset.MalformedInputException e) {
        continue; // not text
      }
      Matcher m = any.matcher(text);
      while (m.find()) {
        seen.add(m.group(1));
      }
      if (seen.size() == names.size()) {
        break;
      }
    }
    List<String> named = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (seen.contains(names.get(i))) {
        named.add(mainFiles.get(i));
      }
    }
    return named;
  }
}
