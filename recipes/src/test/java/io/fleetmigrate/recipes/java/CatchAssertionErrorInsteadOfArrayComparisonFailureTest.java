package io.fleetmigrate.recipes.java;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class CatchAssertionErrorInsteadOfArrayComparisonFailureTest implements RewriteTest {
  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new CatchAssertionErrorInsteadOfArrayComparisonFailure())
        .parser(JavaParser.fromJavaVersion().classpath("junit", "hamcrest-core"));
  }

  @Test
  void catchesAssertionErrorAndDropsTheImport() {
    rewriteRun(
        java(
            """
            import static org.junit.Assert.assertArrayEquals;
            import static org.junit.Assert.fail;

            import org.junit.internal.ArrayComparisonFailure;

            class TokenizerTest {
                void differs() {
                    try {
                        assertArrayEquals(new String[] {"a"}, new String[] {"b"});
                        fail("arrays differ");
                    } catch (ArrayComparisonFailure expected) {
                        // fine
                    }
                }
            }
            """,
            """
            import static org.junit.Assert.assertArrayEquals;
            import static org.junit.Assert.fail;

            class TokenizerTest {
                void differs() {
                    try {
                        assertArrayEquals(new String[] {"a"}, new String[] {"b"});
                        fail("arrays differ");
                    } catch (AssertionError expected) {
                        // fine
                    }
                }
            }
            """));
  }

  @Test
  void keepsTheImportWhileTheTypeIsStillUsedElsewhere() {
    rewriteRun(
        java(
            """
            import org.junit.internal.ArrayComparisonFailure;

            class Helper {
                String message(ArrayComparisonFailure failure) {
                    return failure.getMessage();
                }

                void check(Runnable r) {
                    try {
                        r.run();
                    } catch (ArrayComparisonFailure e) {
                        throw e;
                    }
                }
            }
            """,
            """
            import org.junit.internal.ArrayComparisonFailure;

            class Helper {
                String message(ArrayComparisonFailure failure) {
                    return failure.getMessage();
                }

                void check(Runnable r) {
                    try {
                        r.run();
                    } catch (AssertionError e) {
                        throw e;
                    }
                }
            }
            """));
  }

  @Test
  void leavesOtherCatchClausesAlone() {
    rewriteRun(
        java(
            """
            class Plain {
                void run(Runnable r) {
                    try {
                        r.run();
                    } catch (IllegalStateException | AssertionError e) {
                        throw e;
                    }
                }
            }
            """));
  }
}
