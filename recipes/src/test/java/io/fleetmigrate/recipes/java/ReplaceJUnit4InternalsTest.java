package io.fleetmigrate.recipes.java;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.config.Environment;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

/** The declarative {@code io.fleetmigrate.recipes.junit.ReplaceJUnit4Internals} (fleet-migrate.yml). */
class ReplaceJUnit4InternalsTest implements RewriteTest {
  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(Environment.builder().scanRuntimeClasspath().build().activateRecipes("io.fleetmigrate.recipes.junit.ReplaceJUnit4Internals"))
        .parser(JavaParser.fromJavaVersion().classpath("junit", "hamcrest"));
  }

  @Test
  void movesInternalMatchersToHamcrest() {
    rewriteRun(
        java(
            """
            import static org.junit.matchers.JUnitMatchers.containsString;
            import static org.junit.matchers.JUnitMatchers.everyItem;

            import java.util.List;
            import org.hamcrest.Description;
            import org.hamcrest.Matcher;
            import org.junit.internal.matchers.TypeSafeMatcher;

            class TokenMatchers {
                static Matcher<String> lowerCase() {
                    return new TypeSafeMatcher<String>() {
                        @Override
                        public boolean matchesSafely(String item) {
                            return item.equals(item.toLowerCase());
                        }

                        @Override
                        public void describeTo(Description description) {
                            description.appendText("lower case");
                        }
                    };
                }

                static Matcher<Iterable<String>> allLowerCase() {
                    return everyItem(lowerCase());
                }

                static Matcher<String> mentionsFleet() {
                    return containsString("fleet");
                }
            }
            """,
            """
            import static org.hamcrest.CoreMatchers.containsString;
            import static org.hamcrest.CoreMatchers.everyItem;

            import java.util.List;
            import org.hamcrest.Description;
            import org.hamcrest.Matcher;
            import org.hamcrest.TypeSafeMatcher;

            class TokenMatchers {
                static Matcher<String> lowerCase() {
                    return new TypeSafeMatcher<String>() {
                        @Override
                        public boolean matchesSafely(String item) {
                            return item.equals(item.toLowerCase());
                        }

                        @Override
                        public void describeTo(Description description) {
                            description.appendText("lower case");
                        }
                    };
                }

                static Matcher<Iterable<String>> allLowerCase() {
                    return everyItem(lowerCase());
                }

                static Matcher<String> mentionsFleet() {
                    return containsString("fleet");
                }
            }
            """));
  }

  @Test
  void leavesPublicHamcrestAlone() {
    rewriteRun(
        java(
            """
            import static org.hamcrest.CoreMatchers.containsString;

            import org.hamcrest.Matcher;

            class Public {
                Matcher<String> fleet() {
                    return containsString("fleet");
                }
            }
            """));
  }
}
