package io.fleetmigrate.build.jdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A POM of a checkout with its parents inside the checkout: its properties (a child's over its
 * parents'), its plugins' configuration, and the modules it lists. Only what the POMs say; no
 * Maven runs, so parents outside the checkout and profiles are not seen.
 */
final class MavenPom {
  /** A value and where it is written. */
  record Located(String value, String where) {}

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");
  private static final int MAX_PARENTS = 20;

  private final Path checkout;
  private final Path file;
  private final PomXml xml;
  private final @Nullable MavenPom parent;

  private MavenPom(Path checkout, Path file, PomXml xml, @Nullable MavenPom parent) {
    this.checkout = checkout;
    this.file = file;
    this.xml = xml;
    this.parent = parent;
  }

  /** The POM {@code file} of {@code checkout}, with its parents found by {@code relativePath}, or empty when it cannot be read. */
  static Optional<MavenPom> read(Path checkout, Path file) {
    return read(checkout, file, 0);
  }

  private static Optional<MavenPom> read(Path checkout, Path file, int depth) {
    Optional<PomXml> xml = JdkRequirement.inside(checkout, file) ? PomXml.read(file) : Optional.empty();
    if (xml.isEmpty() || !xml.get().name().equals("project")) {
      return Optional.empty();
    }
    MavenPom parent = null;
    PomXml parentElement = xml.get().child("parent");
    if (parentElement != null && depth < MAX_PARENTS) {
      String relative = parentElement.text("relativePath");
      if (relative == null) {
        relative = "../pom.xml";
      }
      if (!relative.isBlank()) {
        Path parentFile = file.getParent().resolve(relative).normalize();
        if (Files.isDirectory(parentFile)) {
          parentFile = parentFile.resolve("pom.xml");
        }
        String artifactId = parentElement.text("artifactId");
        if (parentFile.startsWith(checkout)) {
          MavenPom candidate = read(checkout, parentFile, depth + 1).orElse(null);
          // Maven takes the file at relativePath only when it is the parent named; else from a repository we do not read.
          if (candidate != null && (artifactId == null || artifactId.equals(candidate.xml.text("artifactId")))) {
            parent = candidate;
          }
        }
      }
    }
    return Optional.of(new MavenPom(checkout, file, xml.get(), parent));
  }

  /** This POM and the modules it lists, recursively (inside the checkout, each once). */
  List<MavenPom> withModules() {
    List<MavenPom> all = new ArrayList<>();
    collect(this, all, new HashSet<>());
    return all;
  }

  private static void collect(MavenPom pom, List<MavenPom> all, Set<Path> seen) {
    if (!seen.add(pom.file) || seen.size() > 1000) {
      return;
    }
    all.add(pom);
    for (PomXml module : pom.xml.all("modules/module")) {
      Path path = pom.file.getParent().resolve(module.text()).normalize();
      if (Files.isDirectory(path)) {
        path = path.resolve("pom.xml");
      }
      if (path.startsWith(pom.checkout)) {
        read(pom.checkout, path).ifPresent(m -> collect(m, all, seen));
      }
    }
  }

  /** {@code pom.xml:12} for an element of this file. */
  String where(PomXml element) {
    return checkout.relativize(file) + ":" + element.line();
  }

  /** The property {@code name} as this POM sees it (its own, else its nearest parent's), unresolved. */
  @Nullable Located property(String name) {
    for (MavenPom pom = this; pom != null; pom = pom.parent) {
      PomXml properties = pom.xml.child("properties");
      PomXml property = properties == null ? null : properties.child(name);
      if (property != null) {
        return new Located(property.text(), pom.where(property));
      }
    }
    return null;
  }

  /**
   * {@code value} with its {@code ${...}} references replaced by this POM's properties (and
   * {@code project.*}-free built-ins left alone), or {@code null} when one cannot be resolved.
   */
  @Nullable String resolve(String value) {
    String text = value;
    for (int round = 0; round < 10 && text.contains("${"); round++) {
      Matcher m = REFERENCE.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        Located property = property(m.group(1));
        if (property == null) {
          return null;
        }
        m.appendReplacement(out, Matcher.quoteReplacement(property.value()));
      }
      m.appendTail(out);
      text = out.toString();
    }
    return text.contains("${") ? null : text;
  }

  /**
   * The configuration parameter {@code parameter} of the plugin {@code artifactId} as this POM sees
   * it: in its own {@code build/plugins}, then its {@code pluginManagement}, then its parents'.
   * {@code parameter} may be a path ({@code toolchains/jdk/version}).
   */
  @Nullable Located pluginParameter(String artifactId, String parameter) {
    for (MavenPom pom = this; pom != null; pom = pom.parent) {
      for (String plugins : List.of("build/plugins/plugin", "build/pluginManagement/plugins/plugin")) {
        for (PomXml plugin : pom.xml.all(plugins)) {
          if (artifactId.equals(plugin.text("artifactId"))) {
            for (PomXml configuration : plugin.all("configuration")) {
              List<PomXml> found = configuration.all(parameter);
              if (!found.isEmpty()) {
                return new Located(found.get(0).text(), pom.where(found.get(0)));
              }
            }
          }
        }
      }
    }
    return null;
  }
}
