package io.fleetmigrate.judge;

import io.fleetmigrate.verify.TestHidingSettings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Rules on what a model does to the build: no setting that skips tests, runs fewer or ignores
 * their failures, wherever Maven reads it (a POM, {@code .mvn/maven.config}, {@code
 * .mvn/jvm.config}); and no change to the files the verify command itself runs. Build files stay
 * editable otherwise: many real fixes of a migration are in {@code pom.xml}.
 */
final class BuildConfigRules {
  private static final Set<String> TEST_PLUGINS = Set.of("maven-surefire-plugin", "maven-failsafe-plugin");
  /** Elements that hide tests wherever they appear in a POM (properties, any plugin's configuration). */
  private static final Set<String> ANYWHERE = Set.of("skipTests", "maven.test.skip", "maven.test.skip.exec", "skipITs",
      "testFailureIgnore", "maven.test.failure.ignore", "testSourceDirectory", "testExcludes", "testExclude");
  /** Elements whose value {@code false} is the default: adding them as false changes nothing. */
  private static final Pattern SWITCH = Pattern.compile("(?i).*(skip|ignore).*");
  private static final Pattern D_OPTION = Pattern.compile("-D([^=\\s]+)(?:=(\\S*))?");
  private static final Pattern ELEMENT_NAME = Pattern.compile("<([\\w.-]+)[\\s>]");
  /** Files the Maven wrapper runs. */
  private static final List<String> WRAPPER = List.of("mvnw", "mvnw.cmd", ".mvn/wrapper/maven-wrapper.properties",
      ".mvn/wrapper/maven-wrapper.jar", ".mvn/wrapper/MavenWrapperDownloader.java");

  private BuildConfigRules() {}

  static Guardrail noTestSkippingConfig() {
    return Guardrails.rule(Guardrails.NO_TEST_SKIPPING_CONFIG, change -> {
      for (String path : change.paths()) {
        String before = change.before().get(path);
        String after = change.after().get(path);
        if (after == null) {
          continue;
        }
        List<String> was;
        List<String> is;
        String name = Path.of(path).getFileName().toString();
        if (name.equals("pom.xml")) {
          was = pomSettings(before);
          is = pomSettings(after);
        } else if (path.equals(".mvn/maven.config") || path.endsWith("/.mvn/maven.config")
            || path.equals(".mvn/jvm.config") || path.endsWith("/.mvn/jvm.config")) {
          was = configSettings(before);
          is = configSettings(after);
        } else {
          continue;
        }
        String added = firstAdded(was, is);
        if (added != null) {
          return Optional.of(new Violation(Guardrails.NO_TEST_SKIPPING_CONFIG,
              path + " adds " + added + ": tests would be skipped, fewer would run, or their failures would not fail the build"));
        }
      }
      return Optional.empty();
    });
  }

  static Guardrail noVerifyCommandChange(List<String> verifyCommands) {
    Set<String> runs = new LinkedHashSet<>(List.of(".mvn/extensions.xml"));
    for (String command : verifyCommands) {
      runs.addAll(filesRun(command));
    }
    return Guardrails.rule(Guardrails.NO_VERIFY_COMMAND_CHANGE, change -> {
      for (String path : change.paths()) {
        if (runs.contains(Path.of(path).normalize().toString())) {
          return Optional.of(new Violation(Guardrails.NO_VERIFY_COMMAND_CHANGE,
              path + " is part of how verify builds (" + String.join("; ", verifyCommands) + "): a model may not change it"));
        }
      }
      return Optional.empty();
    });
  }

  /** Repository files a verify command runs: the Maven wrapper, a script named by path, a Makefile. */
  static Set<String> filesRun(String command) {
    Set<String> files = new LinkedHashSet<>();
    for (String token : command.strip().split("[\\s;&|()]+")) {
      if (token.equals("./mvnw") || token.equals("mvnw") || token.equals("mvnw.cmd")) {
        files.addAll(WRAPPER);
      } else if (token.equals("make")) {
        files.addAll(List.of("Makefile", "makefile", "GNUmakefile"));
      } else if ((token.startsWith("./") || token.contains("/") && !token.startsWith("/") && !token.startsWith("-")) && !token.endsWith("pom.xml")) {
        files.add(Path.of(token).normalize().toString());
      }
    }
    return files;
  }

  /** The first entry of {@code is} that {@code was} has fewer of, or {@code null}. */
  private static @Nullable String firstAdded(List<String> was, List<String> is) {
    Map<String, Integer> counts = new HashMap<>();
    was.forEach(s -> counts.merge(s, 1, Integer::sum));
    for (String s : is) {
      if (counts.merge(s, -1, Integer::sum) < 0) {
        return s;
      }
    }
    return null;
  }

  /** Test-hiding entries of a POM, such as {@code maven-surefire-plugin <testFailureIgnore>true</testFailureIgnore>}. */
  static List<String> pomSettings(@Nullable String pom) {
    if (pom == null || pom.isBlank()) {
      return List.of();
    }
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      root = builder.parse(new InputSource(new StringReader(pom))).getDocumentElement();
    } catch (IOException | SAXException | ParserConfigurationException e) {
      // Maven cannot read it either and the build will be red; still, count by name what is written.
      List<String> names = new ArrayList<>();
      Matcher m = ELEMENT_NAME.matcher(pom);
      while (m.find()) {
        if (ANYWHERE.contains(m.group(1)) || TestHidingSettings.PROPERTIES.contains(m.group(1))) {
          names.add("<" + m.group(1) + ">");
        }
      }
      return names;
    }
    List<String> found = new ArrayList<>();
    collect(root, found);
    // A hiding parameter that reads a property (<skipTests>${skipUnitTests}</skipTests>) is turned on
    // by that property's value: a changed <skipUnitTests> is as much a hiding setting as the parameter.
    java.util.Set<String> referenced = new java.util.LinkedHashSet<>();
    Matcher ref = PROPERTY_REFERENCE.matcher(String.join("\n", found));
    while (ref.find()) {
      referenced.add(ref.group(1));
    }
    if (!referenced.isEmpty()) {
      org.w3c.dom.NodeList properties = root.getElementsByTagName("properties");
      for (int i = 0; i < properties.getLength(); i++) {
        for (Node n = properties.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element property && referenced.contains(property.getTagName())) {
            found.add("<properties><" + property.getTagName() + ">" + property.getTextContent().strip() + "</" + property.getTagName()
                + "> (read by a test-hiding setting)");
          }
        }
      }
    }
    return found;
  }

  private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([\\w.\\-]+)\\}");

  private static void collect(Element e, List<String> found) {
    String name = e.getTagName();
    Element parent = e.getParentNode() instanceof Element p ? p : null;
    String value = leaf(e) ? e.getTextContent().strip() : "";
    boolean off = leaf(e) && SWITCH.matcher(name).matches() && value.equalsIgnoreCase("false");
    if (!off) {
      String plugin = testPlugin(e);
      if (parent != null && parent.getTagName().equals("properties") && TestHidingSettings.PROPERTIES.contains(name)) {
        found.add("<properties><" + name + ">" + value + "</" + name + ">");
      } else if (plugin != null && TestHidingSettings.PLUGIN_PARAMETERS.contains(name)) {
        found.add(plugin + " <" + name + ">" + (leaf(e) ? value : "…") + "</" + name + ">");
      } else if (ANYWHERE.contains(name)) {
        found.add("<" + name + ">" + value + "</" + name + ">");
      }
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        collect(child, found);
      }
    }
  }

  /** The Surefire or Failsafe plugin whose {@code <configuration>} holds {@code e}, or {@code null}. */
  private static @Nullable String testPlugin(Element e) {
    boolean inConfiguration = false;
    for (Node n = e.getParentNode(); n instanceof Element p; n = p.getParentNode()) {
      if (p.getTagName().equals("configuration")) {
        inConfiguration = true;
      }
      if (p.getTagName().equals("plugin")) {
        for (Node c = p.getFirstChild(); c != null; c = c.getNextSibling()) {
          if (c instanceof Element child && child.getTagName().equals("artifactId") && TEST_PLUGINS.contains(child.getTextContent().strip())) {
            return inConfiguration ? child.getTextContent().strip() : null;
          }
        }
        return null;
      }
    }
    return null;
  }

  private static boolean leaf(Element e) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        return false;
      }
    }
    return true;
  }

  /** Test-hiding options of a {@code .mvn/maven.config} or {@code .mvn/jvm.config}: {@code -DskipTests}, {@code -fn}, {@code -Pfast}. */
  static List<String> configSettings(@Nullable String config) {
    List<String> found = new ArrayList<>();
    if (config == null) {
      return found;
    }
    String[] tokens = config.strip().split("\\s+");
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      Matcher d = D_OPTION.matcher(t);
      if (d.matches()) {
        String value = d.group(2) == null ? "" : d.group(2);
        if (TestHidingSettings.PROPERTIES.contains(d.group(1)) && !(SWITCH.matcher(d.group(1)).matches() && value.equalsIgnoreCase("false"))) {
          found.add(t);
        }
        continue;
      }
      String flag = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
      if (TestHidingSettings.OPTIONS.contains(flag)) {
        boolean argument = t.equals(flag) && !flag.equals("-fn") && !flag.equals("--fail-never") && i + 1 < tokens.length;
        found.add(argument ? t + " " + tokens[i + 1] : t);
      } else if (t.length() > 2 && t.startsWith("-P")) {
        found.add(t);
      }
    }
    return found;
  }
}
