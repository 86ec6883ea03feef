package io.fleetmigrate.recipes.java;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Option;
import org.openrewrite.ScanningRecipe;
import org.openrewrite.SourceFile;
import org.openrewrite.Tree;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.marker.JavaProject;
import org.openrewrite.java.tree.JavaSourceFile;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.maven.AddDependencyVisitor;
import org.openrewrite.maven.ExcludeDependency;
import org.openrewrite.maven.MavenIsoVisitor;
import org.openrewrite.maven.RemoveDependency;
import org.openrewrite.text.PlainText;
import org.openrewrite.text.PlainTextParser;
import org.openrewrite.xml.tree.Xml;

/**
 * A {@code module-info.java} that {@code requires junit} stops compiling once the JUnit 5 migration
 * has removed JUnit 4 ("module not found: junit"), and so does one that requires Hamcrest 1.x by its
 * automatic module name ({@code hamcrest.core}), which came with JUnit 4. Putting Hamcrest 2 next to
 * what is left of Hamcrest 1 (or {@code java-hamcrest}, which the migration's {@code hamcrest-junit}
 * brings) then splits the {@code org.hamcrest} package over two modules, which the module system
 * refuses. This recipe, run after the migration:
 * <ul>
 *   <li>in every {@code module-info.java}: {@code requires junit} becomes {@code requires
 *       org.junit.jupiter.api}; the Hamcrest 1.x module names become {@code org.hamcrest}; {@code
 *       exports P to junit} becomes {@code opens P to org.junit.platform.commons} (Jupiter calls
 *       non-public test methods by reflection);
 *   <li>in the POM of a module whose descriptor required Hamcrest: one Hamcrest, {@code
 *       org.hamcrest:hamcrest}, in test scope; {@code hamcrest-junit}, {@code java-hamcrest}, {@code
 *       hamcrest-core} and {@code hamcrest-library} removed as direct dependencies and excluded as
 *       transitive ones, unless the code uses {@code org.hamcrest.junit} itself.
 * </ul>
 */
public class MigrateJUnit4ModuleInfo extends ScanningRecipe<MigrateJUnit4ModuleInfo.Accumulator> {
  static final Pattern REQUIRES_JUNIT = Pattern.compile("(requires\\s+(?:(?:static|transitive)\\s+)*)junit(\\s*;)");
  static final Pattern REQUIRES_OLD_HAMCREST =
      Pattern.compile("(requires\\s+(?:(?:static|transitive)\\s+)*)(?:hamcrest\\.core|hamcrest\\.library|hamcrest\\.all|java\\.hamcrest|org\\.hamcrest\\.core)(\\s*;)");
  static final Pattern EXPORTS_TO_JUNIT =
      Pattern.compile("\\b(exports|opens)(\\s+[\\w.]+\\s+to\\s+)([\\w.,\\s]*?)(?<![\\w.])junit(?![\\w.])([\\w.,\\s]*;)");
  static final List<String> OLD_HAMCREST = List.of("hamcrest-junit", "java-hamcrest", "hamcrest-core", "hamcrest-library", "hamcrest-all");

  @Option(
      displayName = "Hamcrest version",
      description = "The version of `org.hamcrest:hamcrest` to use where a module descriptor requires Hamcrest. Default `3.0`.",
      example = "3.0",
      required = false)
  private final @Nullable String hamcrestVersion;

  @JsonCreator
  public MigrateJUnit4ModuleInfo(@JsonProperty("hamcrestVersion") @Nullable String hamcrestVersion) {
    this.hamcrestVersion = hamcrestVersion;
  }

  public MigrateJUnit4ModuleInfo() {
    this(null);
  }

  public @Nullable String getHamcrestVersion() {
    return hamcrestVersion;
  }

  /** The projects whose descriptors require Hamcrest, and those whose code uses hamcrest-junit's own API. */
  public static class Accumulator {
    final Set<JavaProject> requireHamcrest = new HashSet<>();
    final Set<JavaProject> useHamcrestJUnit = new HashSet<>();
  }

  @Override
  public String getDisplayName() {
    return "Migrate `module-info.java` from JUnit 4 to JUnit 5";
  }

  @Override
  public String getDescription() {
    return "Rewrites `requires junit` to `requires org.junit.jupiter.api` and Hamcrest 1.x module names to `org.hamcrest` "
        + "in module descriptors, opens packages exported to JUnit 4 to the JUnit Platform instead, and leaves a single "
        + "Hamcrest (`org.hamcrest:hamcrest`) on the module path so the `org.hamcrest` package is not split.";
  }

  @Override
  public Set<String> getTags() {
    return Set.of("junit", "testing", "jpms");
  }

  @Override
  public Accumulator getInitialValue(ExecutionContext ctx) {
    return new Accumulator();
  }

  static boolean isModuleInfo(SourceFile file) {
    return file.getSourcePath().getFileName() != null && "module-info.java".equals(file.getSourcePath().getFileName().toString());
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getScanner(Accumulator acc) {
    return new TreeVisitor<Tree, ExecutionContext>() {
      @Override
      public @Nullable Tree visit(@Nullable Tree tree, ExecutionContext ctx) {
        if (!(tree instanceof SourceFile file)) {
          return tree;
        }
        JavaProject project = file.getMarkers().findFirst(JavaProject.class).orElse(null);
        if (project == null) {
          return tree;
        }
        if (isModuleInfo(file) && REQUIRES_OLD_HAMCREST.matcher(file.printAll()).find()) {
          acc.requireHamcrest.add(project);
        } else if (file instanceof JavaSourceFile java && usesHamcrestJUnit(java)) {
          acc.useHamcrestJUnit.add(project);
        }
        return tree;
      }
    };
  }

  private static boolean usesHamcrestJUnit(JavaSourceFile file) {
    for (JavaType type : file.getTypesInUse().getTypesInUse()) {
      if (type instanceof JavaType.FullyQualified fq && fq.getFullyQualifiedName().startsWith("org.hamcrest.junit.")) {
        return true;
      }
    }
    return false;
  }

  /** The descriptor's text with JUnit 4 and Hamcrest 1.x module names replaced. */
  static String migrate(String text) {
    String out = REQUIRES_JUNIT.matcher(text).replaceAll("$1org.junit.jupiter.api$2");
    out = REQUIRES_OLD_HAMCREST.matcher(out).replaceAll("$1org.hamcrest$2");
    Matcher exports = EXPORTS_TO_JUNIT.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (exports.find()) {
      exports.appendReplacement(sb, Matcher.quoteReplacement("opens" + exports.group(2) + exports.group(3) + "org.junit.platform.commons" + exports.group(4)));
    }
    exports.appendTail(sb);
    return dropRepeatedRequires(sb.toString());
  }

  /** Two Hamcrest 1.x modules both become {@code org.hamcrest}: keep the first such line only. */
  private static String dropRepeatedRequires(String text) {
    Set<String> seen = new HashSet<>();
    StringBuilder out = new StringBuilder();
    for (String line : text.split("(?<=\n)", -1)) {
      String key = line.strip();
      if (key.startsWith("requires ") && key.endsWith(";") && !seen.add(key.replaceAll("\\s+", " "))) {
        continue;
      }
      out.append(line);
    }
    return out.toString();
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getVisitor(Accumulator acc) {
    return new TreeVisitor<Tree, ExecutionContext>() {
      @Override
      public @Nullable Tree visit(@Nullable Tree tree, ExecutionContext ctx) {
        if (!(tree instanceof SourceFile file)) {
          return tree;
        }
        if (isModuleInfo(file)) {
          String before = file.printAll();
          String after = migrate(before);
          if (after.equals(before)) {
            return tree;
          }
          PlainText text = PlainTextParser.convert(file);
          return text.withText(after);
        }
        JavaProject project = file.getMarkers().findFirst(JavaProject.class).orElse(null);
        if (file instanceof Xml.Document pom && project != null && acc.requireHamcrest.contains(project)
            && !acc.useHamcrestJUnit.contains(project)) {
          return oneHamcrest(pom, ctx);
        }
        return tree;
      }
    };
  }

  private Xml.Document oneHamcrest(Xml.Document pom, ExecutionContext ctx) {
    Xml.Document d = pom;
    for (String artifact : OLD_HAMCREST) {
      d = (Xml.Document) new RemoveDependency("org.hamcrest", artifact, null).getVisitor().visitNonNull(d, ctx);
      d = (Xml.Document) new ExcludeDependency("org.hamcrest", artifact, null).getVisitor().visitNonNull(d, ctx);
    }
    return (Xml.Document) new AddDependencyVisitor(
            "org.hamcrest", "hamcrest", hamcrestVersion == null ? "3.0" : hamcrestVersion, null, "test", null, null, null, null, null)
        .visitNonNull(d, ctx);
  }
}
