package io.fleetmigrate.recipes.java;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Option;
import org.openrewrite.ScanningRecipe;
import org.openrewrite.Tree;
import org.openrewrite.TreeVisitor;
import org.openrewrite.maven.AddManagedDependencyVisitor;
import org.openrewrite.maven.MavenIsoVisitor;
import org.openrewrite.maven.tree.Dependency;
import org.openrewrite.maven.tree.MavenResolutionResult;
import org.openrewrite.maven.tree.Plugin;
import org.openrewrite.maven.tree.ResolvedPom;
import org.openrewrite.xml.tree.Xml;

/**
 * A migration adds dependencies at the version its recipe asks for: the JUnit 5 migration adds
 * {@code mockito-junit-jupiter} 4.x next to a {@code mockito-core} 5.x, and {@code junit-jupiter} at
 * the newest 5.x while other test libraries bring an older {@code junit-jupiter-api}. Maven's
 * Enforcer {@code dependencyConvergence} rule then fails the build before any test runs. Run after
 * the migration, this aligns what the migration added: a dependency that was not in the POM before
 * takes the version (the same text, a property included) of a dependency of the same group that
 * was; and a JUnit Jupiter dependency it added gets the JUnit BOM of its version in {@code
 * dependencyManagement}, so every JUnit artifact on the classpath converges on it.
 */
public class AlignVersionsForDependencyConvergence extends ScanningRecipe<AlignVersionsForDependencyConvergence.Accumulator> {
  @Option(
      displayName = "Only with a convergence rule",
      description = "Align only POMs whose build (or a parent's) runs the Maven Enforcer `dependencyConvergence` rule. "
          + "Default true; false aligns every POM the migration added dependencies to.",
      required = false)
  private final @Nullable Boolean onlyWithConvergenceRule;

  @JsonCreator
  public AlignVersionsForDependencyConvergence(@JsonProperty("onlyWithConvergenceRule") @Nullable Boolean onlyWithConvergenceRule) {
    this.onlyWithConvergenceRule = onlyWithConvergenceRule;
  }

  public AlignVersionsForDependencyConvergence() {
    this(null);
  }

  public @Nullable Boolean getOnlyWithConvergenceRule() {
    return onlyWithConvergenceRule;
  }

  /** Per POM, as it was before the migration: its direct dependencies, group:artifact to the version text. */
  public static class Accumulator {
    final Map<Path, Map<String, String>> before = new HashMap<>();
  }

  @Override
  public String getDisplayName() {
    return "Align the versions a migration added, for dependency convergence";
  }

  @Override
  public String getDescription() {
    return "Gives a dependency the migration added the version of a dependency of the same group the POM already had "
        + "(`mockito-junit-jupiter` that of `mockito-core`), and imports the JUnit BOM of the added JUnit Jupiter "
        + "version, so the Maven Enforcer `dependencyConvergence` rule still passes.";
  }

  @Override
  public Set<String> getTags() {
    return Set.of("junit", "testing", "maven");
  }

  @Override
  public Accumulator getInitialValue(ExecutionContext ctx) {
    return new Accumulator();
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getScanner(Accumulator acc) {
    return new TreeVisitor<Tree, ExecutionContext>() {
      @Override
      public @Nullable Tree visit(@Nullable Tree tree, ExecutionContext ctx) {
        if (tree instanceof Xml.Document pom) {
          pom.getMarkers().findFirst(MavenResolutionResult.class).ifPresent(maven -> {
            Map<String, String> direct = new LinkedHashMap<>();
            for (Dependency d : maven.getPom().getRequestedDependencies()) {
              direct.put(d.getGroupId() + ":" + d.getArtifactId(), d.getVersion() == null ? "" : d.getVersion());
            }
            acc.before.put(pom.getSourcePath(), direct);
          });
        }
        return tree;
      }
    };
  }

  /** Whether the POM's build, with what it inherits, runs the dependencyConvergence rule. */
  static boolean hasConvergenceRule(ResolvedPom pom) {
    for (Plugin plugin : pom.getPlugins()) {
      if (!"maven-enforcer-plugin".equals(plugin.getArtifactId())) {
        continue;
      }
      if (mentionsConvergence(plugin.getConfiguration())) {
        return true;
      }
      for (Plugin.Execution execution : plugin.getExecutions()) {
        if (mentionsConvergence(execution.getConfiguration())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean mentionsConvergence(com.fasterxml.jackson.databind.@Nullable JsonNode configuration) {
    return configuration != null && configuration.toString().contains("dependencyConvergence");
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getVisitor(Accumulator acc) {
    return new MavenIsoVisitor<ExecutionContext>() {
      @Override
      public Xml.Document visitDocument(Xml.Document document, ExecutionContext ctx) {
        Map<String, String> before = acc.before.get(document.getSourcePath());
        if (before == null) {
          return document;
        }
        if (!Boolean.FALSE.equals(onlyWithConvergenceRule) && !hasConvergenceRule(getResolutionResult().getPom())) {
          return document;
        }
        Xml.Document d = super.visitDocument(document, ctx);
        String jupiter = addedJupiterVersion(d, before);
        if (jupiter != null) {
          d = (Xml.Document) new AddManagedDependencyVisitor("org.junit", "junit-bom", jupiter, "import", "pom", null, null)
              .visitNonNull(d, ctx);
        }
        return d;
      }

      /** The version of a JUnit Jupiter dependency the migration added, if it added one with a literal version. */
      private @Nullable String addedJupiterVersion(Xml.Document document, Map<String, String> before) {
        for (Dependency d : getResolutionResult().getPom().getRequestedDependencies()) {
          String key = d.getGroupId() + ":" + d.getArtifactId();
          if ("org.junit.jupiter".equals(d.getGroupId()) && !before.containsKey(key) && d.getVersion() != null
              && !d.getVersion().contains("${")) {
            return d.getVersion();
          }
        }
        return null;
      }

      @Override
      public Xml.Tag visitTag(Xml.Tag tag, ExecutionContext ctx) {
        Xml.Tag t = super.visitTag(tag, ctx);
        if (!isDependencyTag()) {
          return t;
        }
        Map<String, String> before = acc.before.get(getCursor().firstEnclosingOrThrow(Xml.Document.class).getSourcePath());
        String groupId = t.getChildValue("groupId").orElse(null);
        String artifactId = t.getChildValue("artifactId").orElse(null);
        Optional<String> version = t.getChildValue("version");
        if (before == null || groupId == null || artifactId == null || version.isEmpty() || before.containsKey(groupId + ":" + artifactId)) {
          return t; // not added by the migration
        }
        String sibling = null;
        for (Map.Entry<String, String> e : before.entrySet()) {
          if (e.getKey().startsWith(groupId + ":") && !e.getValue().isEmpty()) {
            sibling = e.getValue();
            break;
          }
        }
        if (sibling == null || sibling.equals(version.get())) {
          return t;
        }
        maybeUpdateModel();
        return t.withChildValue("version", sibling);
      }
    };
  }
}
