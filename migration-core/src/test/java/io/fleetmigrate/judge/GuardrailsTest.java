package io.fleetmigrate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.verify.TestCounts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardrailsTest {
  private static final String TEST = """
      class FooTest {
        @Test
        void a() { assertTrue(true); }

        @Test
        void b() { assertTrue(true); }
      }
      """;

  private final Guardrails rules = Guardrails.of(CampaignSpec.Guardrails.DEFAULT);

  private static ModelChange change(String path, String before, String after) {
    Map<String, String> a = new HashMap<>();
    a.put(path, after);
    Map<String, String> b = new HashMap<>();
    b.put(path, before);
    return new ModelChange(b, a);
  }

  @Test
  void aSmallFixPassesEveryRule() {
    assertThat(rules.check(change("src/test/java/FooTest.java", TEST, TEST.replace("assertTrue(true)", "assertEquals(1, 1)")))).isEmpty();
  }

  @Test
  void deletingATestMethodOrATestFileIsRejected() {
    String oneLess = TEST.replace("  @Test\n  void b() { assertTrue(true); }\n", "");
    assertThat(rules.check(change("src/test/java/FooTest.java", TEST, oneLess)))
        .containsExactly(new Violation("no-deleted-tests", "src/test/java/FooTest.java has 1 test methods, 2 before"));
    assertThat(rules.check(change("src/test/java/FooTest.java", TEST, null)))
        .extracting(Violation::rule).contains("no-deleted-tests");
  }

  @Test
  void disablingOrAssumingAwayATestIsRejected() {
    assertThat(rules.check(change("src/test/java/FooTest.java", TEST, TEST.replaceFirst("@Test", "@Disabled @Test"))))
        .containsExactly(new Violation("no-disabled-tests", "src/test/java/FooTest.java adds @Disabled"));
    assertThat(rules.check(change("src/test/java/FooTest.java", TEST, TEST.replaceFirst("@Test", "@org.junit.Ignore @Test"))))
        .extracting(Violation::rule).containsExactly("no-disabled-tests");
    assertThat(rules.check(change("src/test/java/FooTest.java", TEST, TEST.replace("void a() {", "void a() { assumeTrue( false );"))))
        .extracting(Violation::rule).containsExactly("no-disabled-tests");
    // Cousins a reviewer found: a message after the constant, abort(), conditions no build machine meets.
    for (String skip : List.of("void a() { assumeTrue(false, \"flaky\");", "void a() { assumeFalse(Boolean.TRUE);",
        "void a() { Assumptions.abort(\"later\");", "@EnabledOnOs(OS.AIX) void a() {", "@EnabledForJreRange(min = JRE.JAVA_8, max = JRE.JAVA_8) void a() {")) {
      assertThat(rules.check(change("src/test/java/FooTest.java", TEST, TEST.replace("void a() {", skip))))
          .as(skip).extracting(Violation::rule).contains("no-disabled-tests");
    }
  }

  @Test
  void ciConfigurationAndPathsOutsideTheAllowedOnesAreRejected() {
    assertThat(rules.check(change(".github/workflows/ci.yml", "run: mvn verify", "run: mvn -DskipTests verify")))
        .containsExactly(new Violation("allowed-paths", ".github/workflows/ci.yml matches the denied pattern '.github/**'"));
    Guardrails srcOnly = Guardrails.of(new CampaignSpec.Guardrails(List.of("src/**"), List.of(), 200));
    assertThat(srcOnly.check(change("pom.xml", "<a/>", "<b/>"))).extracting(Violation::rule).containsExactly("allowed-paths");
    assertThat(srcOnly.check(change("src/main/java/A.java", "a", "b"))).isEmpty();
  }

  @Test
  void tooLargeAChangeIsRejected() {
    Guardrails small = Guardrails.of(new CampaignSpec.Guardrails(List.of(), List.of(), 3));
    assertThat(small.check(change("src/A.java", "a\nb\n", "a\nc\n"))).isEmpty();
    assertThat(small.check(change("src/A.java", "a\nb\n", "x\ny\n"))).containsExactly(new Violation("size-cap", "4 lines changed by the model, at most 3 allowed"));
  }

  @Test
  void fewerExecutedTestsThanTheBaselineIsRejected() {
    assertThat(Guardrails.testCount(new TestCounts(5, 0, 0, 0), new TestCounts(5, 0, 0, 1)))
        .contains(new Violation(Guardrails.TEST_COUNT, "4 tests executed, 5 before the change"));
    assertThat(Guardrails.testCount(new TestCounts(5, 0, 0, 0), new TestCounts(6, 0, 0, 0))).isEmpty();
  }
}
