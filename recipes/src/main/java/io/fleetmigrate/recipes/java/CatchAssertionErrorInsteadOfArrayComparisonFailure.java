package io.fleetmigrate.recipes.java;

import java.util.Set;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Preconditions;
import org.openrewrite.Recipe;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.search.UsesType;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.java.tree.TypeTree;
import org.openrewrite.java.tree.TypeUtils;

/**
 * Tests that catch JUnit 4's internal {@code org.junit.internal.ArrayComparisonFailure} stop
 * compiling once JUnit 4 is gone: the JUnit 5 migration has no mapping for it, and it is the most
 * common JUnit 4 internal on real repositories. It is an {@link AssertionError}, and so is what
 * JUnit 5's {@code assertArrayEquals} throws; catching {@code AssertionError} keeps the test's
 * meaning under both. Only catch clauses change: any other use of the type is left for a person,
 * because there is no equivalent to construct.
 */
public class CatchAssertionErrorInsteadOfArrayComparisonFailure extends Recipe {
  static final String ARRAY_COMPARISON_FAILURE = "org.junit.internal.ArrayComparisonFailure";
  private static final JavaType.FullyQualified ASSERTION_ERROR = JavaType.ShallowClass.build("java.lang.AssertionError");

  @Override
  public String getDisplayName() {
    return "Catch `AssertionError` instead of JUnit 4's internal `ArrayComparisonFailure`";
  }

  @Override
  public String getDescription() {
    return "Replaces `org.junit.internal.ArrayComparisonFailure` in catch clauses with `AssertionError`, its superclass "
        + "and the type JUnit 5's `assertArrayEquals` throws, so tests still compile after the JUnit 5 migration.";
  }

  @Override
  public Set<String> getTags() {
    return Set.of("junit", "testing");
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getVisitor() {
    return Preconditions.check(
        new UsesType<>(ARRAY_COMPARISON_FAILURE, false),
        new JavaIsoVisitor<ExecutionContext>() {
          @Override
          public J.Try.Catch visitCatch(J.Try.Catch aCatch, ExecutionContext ctx) {
            J.Try.Catch c = super.visitCatch(aCatch, ctx);
            J.VariableDeclarations parameter = c.getParameter().getTree();
            TypeTree type = parameter.getTypeExpression();
            if (type == null || !TypeUtils.isOfClassType(type.getType(), ARRAY_COMPARISON_FAILURE)) {
              return c; // multi-catch and other types: left alone
            }
            J.Identifier assertionError =
                new J.Identifier(
                    org.openrewrite.Tree.randomId(), type.getPrefix(), type.getMarkers(), java.util.List.of(),
                    "AssertionError", ASSERTION_ERROR, null);
            J.VariableDeclarations changed =
                parameter
                    .withTypeExpression(assertionError)
                    .withVariables(
                        org.openrewrite.internal.ListUtils.map(
                            parameter.getVariables(),
                            v -> v.withType(ASSERTION_ERROR)
                                .withName(v.getName().withType(ASSERTION_ERROR))
                                .withVariableType(v.getVariableType() == null ? null : v.getVariableType().withType(ASSERTION_ERROR))));
            maybeRemoveImport(ARRAY_COMPARISON_FAILURE);
            return c.withParameter(c.getParameter().withTree(changed));
          }
        });
  }
}
