package io.fleetmigrate.recipes.java;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.openrewrite.ExecutionContext;
import org.openrewrite.ScanningRecipe;
import org.openrewrite.Tree;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.marker.JavaProject;
import org.openrewrite.java.marker.JavaSourceSet;
import org.openrewrite.java.tree.JavaSourceFile;
import org.openrewrite.maven.AddDependencyVisitor;
import org.openrewrite.maven.MavenIsoVisitor;
import org.openrewrite.maven.tree.MavenResolutionResult;
import org.openrewrite.maven.tree.ResolvedDependency;
import org.openrewrite.maven.tree.Scope;
import org.openrewrite.xml.tree.Xml;

/**
 * The JUnit 5 migration removes {@code junit:junit} from every POM, also where the main (not test)
 * code ships JUnit 4 API: a library of rules ({@code TestRule}, {@code ExternalResource}), runners
 * or assertions for its users. Such code stops compiling. Run after the migration, this puts JUnit 4
 * back in those modules, with the version, scope and optional flag the POM had before, and leaves
 * every module whose main code does not use JUnit 4 alone. Porting a published rule to a JUnit 5
 * extension changes the library's API: that is a decision for its owners, not for a recipe.
 */
public class KeepJUnit4ForMainCode extends ScanningRecipe<KeepJUnit4ForMainCode.Accumulator> {
  static final String GROUP = "junit";
  static final String ARTIFACT = "junit";

  /** Per project: whether its main code uses JUnit 4, and how the POM declared JUnit 4 before. */
  public static class Accumulator {
    final Set<JavaProject> mainUsesJUnit4 = new java.util.HashSet<>();
    final Map<JavaProject, Declared> declared = new HashMap<>();
  }

  /** JUnit 4 as the POM had it before the migration. */
  record Declared(String version, @Nullable String scope, @Nullable Boolean optional) {}

  @Override
  public String getDisplayName() {
    return "Keep JUnit 4 where main code uses it";
  }

  @Override
  public String getDescription() {
    return "Puts `junit:junit` back, with its former version, scope and optional flag, in modules whose main (non-test) "
        + "code uses JUnit 4 API such as `TestRule` or `ExternalResource`, after the JUnit 5 migration removed it, "
        + "so the main code still compiles.";
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
        if (tree instanceof JavaSourceFile file) {
          JavaProject project = file.getMarkers().findFirst(JavaProject.class).orElse(null);
          JavaSourceSet sourceSet = file.getMarkers().findFirst(JavaSourceSet.class).orElse(null);
          if (project != null && sourceSet != null && !"test".equals(sourceSet.getName()) && JUnit4Types.uses(file)) {
            acc.mainUsesJUnit4.add(project);
          }
        } else if (tree instanceof Xml.Document pom) {
          JavaProject project = pom.getMarkers().findFirst(JavaProject.class).orElse(null);
          MavenResolutionResult maven = pom.getMarkers().findFirst(MavenResolutionResult.class).orElse(null);
          if (project != null && maven != null) {
            declaredJUnit4(maven).ifPresent(d -> acc.declared.put(project, d));
          }
        }
        return tree;
      }
    };
  }

  private static java.util.Optional<Declared> declaredJUnit4(MavenResolutionResult maven) {
    for (Scope scope : new Scope[] {Scope.Compile, Scope.Provided, Scope.Runtime, Scope.Test}) {
      for (ResolvedDependency dependency : maven.getDependencies().getOrDefault(scope, java.util.List.of())) {
        if (dependency.isDirect() && GROUP.equals(dependency.getGroupId()) && ARTIFACT.equals(dependency.getArtifactId())) {
          String declaredScope = dependency.getRequested().getScope();
          return java.util.Optional.of(new Declared(dependency.getVersion(), declaredScope, optional(dependency.getRequested().getOptional())));
        }
      }
    }
    return java.util.Optional.empty();
  }

  private static @Nullable Boolean optional(@Nullable String text) {
    return text == null ? null : Boolean.valueOf(text.strip());
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getVisitor(Accumulator acc) {
    return new MavenIsoVisitor<ExecutionContext>() {
      @Override
      public Xml.Document visitDocument(Xml.Document document, ExecutionContext ctx) {
        JavaProject project = document.getMarkers().findFirst(JavaProject.class).orElse(null);
        if (project == null || !acc.mainUsesJUnit4.contains(project)) {
          return document;
        }
        boolean stillDeclared = getResolutionResult().getPom().getRequestedDependencies().stream()
            .anyMatch(d -> GROUP.equals(d.getGroupId()) && ARTIFACT.equals(d.getArtifactId()));
        if (stillDeclared) {
          return document;
        }
        Declared before = acc.declared.getOrDefault(project, new Declared("4.13.2", null, null));
        // Main code compiles against compile or provided scope; a test scope there was never enough.
        String scope = before.scope() == null || "test".equals(before.scope()) || "runtime".equals(before.scope()) ? null : before.scope();
        return (Xml.Document) new AddDependencyVisitor(
                GROUP, ARTIFACT, before.version(), null, scope, null, null, null, before.optional(), null)
            .visitNonNull(document, ctx);
      }
    };
  }
}
