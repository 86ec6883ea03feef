package io.fleetmigrate.recipes.java;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.openrewrite.ExecutionContext;
import org.openrewrite.ScanningRecipe;
import org.openrewrite.Tree;
import org.openrewrite.TreeVisitor;
import org.openrewrite.maven.MavenIsoVisitor;
import org.openrewrite.maven.MavenDownloadingException;
import org.openrewrite.maven.RemoveExclusion;
import org.openrewrite.maven.internal.MavenPomDownloader;
import org.openrewrite.maven.tree.Dependency;
import org.openrewrite.maven.tree.GroupArtifactVersion;
import org.openrewrite.maven.tree.Pom;
import org.openrewrite.maven.tree.GroupArtifact;
import org.openrewrite.maven.tree.MavenResolutionResult;
import org.openrewrite.maven.tree.ResolvedDependency;
import org.openrewrite.maven.tree.Scope;
import org.openrewrite.xml.tree.Xml;

/**
 * The JUnit 5 migration excludes {@code junit:junit} from every dependency that brings it, so no
 * JUnit 4 is left on the test classpath. A test-helper library whose own POM depends on JUnit 4
 * (Guava's {@code guava-testlib}, say, whose {@code EqualsTester} asserts with JUnit's classes)
 * then fails at run time with {@code NoClassDefFoundError}, although everything compiles. Run after
 * the migration, this removes the {@code junit:junit} exclusion again from the dependencies that
 * needed JUnit 4 before (their POM says so), and only from those; exclusions the project had written
 * itself stay. The tests keep running on the JUnit Platform: JUnit 4 is only a library for them.
 */
public class KeepJUnit4ForTestHelpers extends ScanningRecipe<KeepJUnit4ForTestHelpers.Accumulator> {
  /** Per POM: the direct dependencies that brought JUnit 4 before the migration. */
  public static class Accumulator {
    final Map<Path, Set<GroupArtifact>> needJUnit4 = new HashMap<>();
  }

  @Override
  public String getDisplayName() {
    return "Keep JUnit 4 for test helpers that need it at run time";
  }

  @Override
  public String getDescription() {
    return "Removes the `junit:junit` exclusion the JUnit 5 migration adds to dependencies whose own POM depends on "
        + "JUnit 4 (test-helper libraries that call `org.junit.Assert` at run time), so their tests do not fail with "
        + "`NoClassDefFoundError`. Exclusions that were there before the migration are kept.";
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
            Set<GroupArtifact> helpers = new HashSet<>();
            for (ResolvedDependency dependency : maven.getDependencies().getOrDefault(Scope.Test, List.of())) {
              if (dependency.isDirect()
                  && !isJUnit4(dependency.getGroupId(), dependency.getArtifactId())
                  && !excludesJUnit4Already(dependency)
                  && needsJUnit4(dependency, maven, ctx)) {
                helpers.add(new GroupArtifact(dependency.getGroupId(), dependency.getArtifactId()));
              }
            }
            if (!helpers.isEmpty()) {
              acc.needJUnit4.put(pom.getSourcePath(), helpers);
            }
          });
        }
        return tree;
      }
    };
  }

  private static boolean isJUnit4(String groupId, String artifactId) {
    return KeepJUnit4ForMainCode.GROUP.equals(groupId) && KeepJUnit4ForMainCode.ARTIFACT.equals(artifactId);
  }

  /** Whether the project had excluded JUnit 4 from this dependency itself, before the migration. */
  private static boolean excludesJUnit4Already(ResolvedDependency dependency) {
    List<GroupArtifact> exclusions = dependency.getRequested().getExclusions();
    return exclusions != null && exclusions.stream().anyMatch(e -> isJUnit4(e.getGroupId(), e.getArtifactId()));
  }

  /**
   * Whether a dependency's own POM declares JUnit 4 as a dependency it needs at run time (compile or
   * runtime scope, not optional). Read from the POM itself: in the resolved tree a JUnit 4 the
   * project declares directly hides the one under the helper.
   */
  private static boolean needsJUnit4(ResolvedDependency dependency, MavenResolutionResult maven, ExecutionContext ctx) {
    try {
      Pom pom = new MavenPomDownloader(java.util.Map.of(), ctx, maven.getMavenSettings(), maven.getActiveProfiles()).download(
          new GroupArtifactVersion(dependency.getGroupId(), dependency.getArtifactId(), dependency.getVersion()),
          null, maven.getPom(), maven.getPom().getRepositories());
      for (Dependency declared : pom.getDependencies()) {
        String scope = declared.getScope();
        if (isJUnit4(declared.getGroupId(), declared.getArtifactId())
            && (scope == null || "compile".equals(scope) || "runtime".equals(scope))
            && !"true".equals(declared.getOptional())) {
          return true;
        }
      }
      return false;
    } catch (MavenDownloadingException e) {
      return false; // a POM we cannot read: leave the migration's exclusion as it is
    }
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getVisitor(Accumulator acc) {
    return new MavenIsoVisitor<ExecutionContext>() {
      @Override
      public Xml.Document visitDocument(Xml.Document document, ExecutionContext ctx) {
        Set<GroupArtifact> helpers = acc.needJUnit4.get(document.getSourcePath());
        if (helpers == null) {
          return document;
        }
        Xml.Document d = document;
        for (GroupArtifact helper : helpers) {
          d = (Xml.Document) new RemoveExclusion(
                  helper.getGroupId(), helper.getArtifactId(), KeepJUnit4ForMainCode.GROUP, KeepJUnit4ForMainCode.ARTIFACT, false)
              .getVisitor().visitNonNull(d, ctx);
        }
        return d;
      }
    };
  }
}
