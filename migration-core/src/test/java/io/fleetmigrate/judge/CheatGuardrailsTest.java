package io.fleetmigrate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.verify.TestCounts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ways a model asked to make a red build green can make it look green instead, each on
 * before/after text, and the honest fixes that must still pass.
 */
class CheatGuardrailsTest {
  private static final String PATH = "src/test/java/com/example/PriceTest.java";
  private static final String TEST = """
      package com.example;

      import static org.junit.jupiter.api.Assertions.assertEquals;
      import static org.junit.jupiter.api.Assertions.assertTrue;

      import org.junit.jupiter.api.Test;

      class PriceTest {
          private final Price price = new Price();

          @Test
          void addsVat() {
              assertEquals(120, price.withVat(100));
          }

          @Test
          void roundsHalfUp() {
              int rounded = price.round(2.5);
              assertTrue(rounded > 2);
              assertEquals(3, rounded);
          }
      }
      """;
  private static final String ASSERTION = "        assertEquals(120, price.withVat(100));\n";

  private static final String POM = """
      <project>
        <modelVersion>4.0.0</modelVersion>
        <groupId>com.example</groupId>
        <artifactId>prices</artifactId>
        <version>1</version>
        <properties>
          <maven.compiler.release>17</maven.compiler.release>
        </properties>
        <build>
          <plugins>
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-surefire-plugin</artifactId>
              <version>3.5.2</version>
            </plugin>
          </plugins>
        </build>
      </project>
      """;
  private static final String SUREFIRE = "<version>3.5.2</version>\n";

  private final Guardrails rules = Guardrails.of(CampaignSpec.Guardrails.DEFAULT);

  private static ModelChange change(String path, String before, String after) {
    Map<String, String> a = new HashMap<>();
    a.put(path, after);
    Map<String, String> b = new HashMap<>();
    b.put(path, before);
    return new ModelChange(b, a);
  }

  private List<String> broken(String path, String before, String after) {
    return rules.check(change(path, before, after)).stream().map(Violation::rule).toList();
  }

  private List<String> brokenInTest(String after) {
    return broken(PATH, TEST, after);
  }

  private List<String> brokenInPom(String surefireConfiguration) {
    return broken("pom.xml", POM, POM.replace(SUREFIRE, SUREFIRE + surefireConfiguration + "\n"));
  }

  // --- assertions per test method must not decrease ---

  @Test
  void deletingTheFailingAssertionButKeepingTheMethodIsRejected() {
    assertThat(rules.check(change(PATH, TEST, TEST.replace(ASSERTION, "        price.withVat(100);\n"))))
        .containsExactly(new Violation(Guardrails.NO_FEWER_ASSERTIONS,
            PATH + ": PriceTest.addsVat/0 has 0 assertion(s), 1 before (a tautology such as assertTrue(true) is none)"));
    assertThat(brokenInTest(TEST.replace(ASSERTION, ""))).containsExactly(Guardrails.NO_FEWER_ASSERTIONS);
  }

  @Test
  void commentingTheAssertionOutIsDeletingIt() {
    assertThat(brokenInTest(TEST.replace(ASSERTION, "        // " + ASSERTION.strip() + "\n        price.withVat(100);\n")))
        .containsExactly(Guardrails.NO_FEWER_ASSERTIONS);
  }

  @Test
  void replacingAnAssertionWithATautologyIsDeletingIt() {
    for (String tautology : List.of(
        "assertTrue(true);", "assertEquals(120, 120);", "assertEquals(price.withVat(100), price.withVat(100));",
        "assertTrue(1 + 1 == 2);", "assertThat(true).isTrue();", "assertThat(price).isEqualTo(price);",
        "assertThat(price.withVat(100));", "assertThat(price, is(price));", "assertNotNull(new Object());")) {
      assertThat(brokenInTest(TEST.replace(ASSERTION, "        " + tautology + "\n")))
          .as(tautology).containsExactly(Guardrails.NO_FEWER_ASSERTIONS);
    }
  }

  @Test
  void removingOneOfTwoAssertionsOrAFailOrAVerifyIsRejected() {
    assertThat(brokenInTest(TEST.replace("        assertTrue(rounded > 2);\n", ""))).containsExactly(Guardrails.NO_FEWER_ASSERTIONS);
    String withFail = TEST.replace(ASSERTION, ASSERTION + "        if (price == null) fail(\"no price\");\n");
    assertThat(broken(PATH, withFail, TEST)).containsExactly(Guardrails.NO_FEWER_ASSERTIONS);
    String withVerify = TEST.replace(ASSERTION, ASSERTION + "        verify(audit).record(120);\n");
    assertThat(broken(PATH, withVerify, TEST)).containsExactly(Guardrails.NO_FEWER_ASSERTIONS);
  }

  @Test
  void assertionsMovedOutOfAHelperStillCount() {
    String helper = TEST.replace(ASSERTION, "        check(120);\n").replace("class PriceTest {",
        "class PriceTest {\n    private void check(int expected) {\n        assertEquals(expected, price.withVat(100));\n    }\n");
    assertThat(broken(PATH, helper, helper.replace("        assertEquals(expected, price.withVat(100));\n", "")))
        .containsExactly(Guardrails.NO_FEWER_ASSERTIONS);
  }

  @Test
  void renamingATestWhileDroppingItsAssertionIsRejectedAndADeletedTestIsReportedOnce() {
    assertThat(brokenInTest(TEST.replace(ASSERTION, "").replace("void addsVat()", "void addsVatLater()")))
        .containsExactly(Guardrails.NO_FEWER_ASSERTIONS);
    String deleted = TEST.replace("    @Test\n    void addsVat() {\n" + ASSERTION + "    }\n\n", "");
    assertThat(deleted).isNotEqualTo(TEST);
    assertThat(brokenInTest(deleted)).containsExactly(Guardrails.NO_DELETED_TESTS);
  }

  // --- no swallowed failures ---

  @Test
  void wrappingTheAssertionInACatchOfAssertionErrorIsRejected() {
    String wrapped = TEST.replace(ASSERTION, "        try {\n    " + ASSERTION + "        } catch (AssertionError ignored) {\n        }\n");
    assertThat(rules.check(change(PATH, TEST, wrapped)))
        .containsExactly(new Violation(Guardrails.NO_SWALLOWED_FAILURES, PATH + ": PriceTest.addsVat/0 newly catches or expects a test "
            + "failure (AssertionError, AssertionFailedError, Error or Throwable): a failing assertion there can no longer fail the test"));
  }

  @Test
  void catchingThrowableErrorOrAFailureInAMultiCatchIsRejected() {
    for (String type : List.of("Throwable", "Error", "java.lang.AssertionError", "org.opentest4j.AssertionFailedError",
        "IllegalStateException | AssertionError")) {
      String wrapped = TEST.replace(ASSERTION, "        try {\n    " + ASSERTION + "        } catch (" + type + " e) {\n        }\n");
      assertThat(brokenInTest(wrapped)).as(type).containsExactly(Guardrails.NO_SWALLOWED_FAILURES);
    }
  }

  @Test
  void expectingAnyThrowableAroundABodyThatAssertedIsRejected() {
    String thrown = TEST.replace(ASSERTION, "        assertThrows(Throwable.class, () -> " + ASSERTION.strip().replace(";", "") + ");\n");
    assertThat(brokenInTest(thrown)).containsExactly(Guardrails.NO_SWALLOWED_FAILURES);
    String junit4 = TEST.replace("import org.junit.jupiter.api.Test;", "import org.junit.Test;");
    assertThat(broken(PATH, junit4, junit4.replaceFirst("@Test", "@Test(expected = AssertionError.class)")))
        .containsExactly(Guardrails.NO_SWALLOWED_FAILURES);
    assertThat(broken(PATH, junit4, junit4.replaceFirst("@Test", "@Test(expected = Throwable.class)")))
        .containsExactly(Guardrails.NO_SWALLOWED_FAILURES);
  }

  // --- honest fixes still pass ---

  @Test
  void honestFixesOfTestCodePass() {
    // The search-indexer fix: JUnit 4's ArrayComparisonFailure becomes opentest4j's AssertionFailedError.
    String junit4Catch = TEST.replace(ASSERTION,
        "        try {\n            assertEquals(1, 2);\n            fail(\"differ\");\n        } catch (ArrayComparisonFailure expected) {\n        }\n");
    assertThat(broken(PATH, junit4Catch, junit4Catch.replace("ArrayComparisonFailure", "AssertionFailedError"))).isEmpty();
    // A changed expectation, a new assertion, a changed import.
    assertThat(brokenInTest(TEST.replace("assertEquals(120,", "assertEquals(121,"))).isEmpty();
    assertThat(brokenInTest(TEST.replace(ASSERTION, ASSERTION + "        assertTrue(price.withVat(0) == 0);\n"))).isEmpty();
    assertThat(brokenInTest(TEST.replace("import org.junit.jupiter.api.Test;", "import org.junit.jupiter.api.*;"))).isEmpty();
    // A catch of an ordinary exception is not a swallowed failure.
    assertThat(brokenInTest(TEST.replace(ASSERTION, "        try {\n    " + ASSERTION + "        } catch (IllegalStateException e) {\n"
        + "            fail(e);\n        }\n"))).isEmpty();
    // Code that does not parse is the compile stage's business, not a guardrail's.
    assertThat(brokenInTest(TEST.replace(ASSERTION, "        assertEquals(120, price.withVat(100)\n"))).isEmpty();
  }

  // --- no test-skipping or failure-hiding build configuration ---

  @Test
  void ignoringTestFailuresInTheSurefireConfigurationIsRejected() {
    assertThat(rules.check(change("pom.xml", POM, POM.replace(SUREFIRE, SUREFIRE + "<configuration><testFailureIgnore>true</testFailureIgnore></configuration>\n"))))
        .containsExactly(new Violation(Guardrails.NO_TEST_SKIPPING_CONFIG, "pom.xml adds maven-surefire-plugin "
            + "<testFailureIgnore>true</testFailureIgnore>: tests would be skipped, fewer would run, or their failures would not fail the build"));
  }

  @Test
  void skippingOrFilteringTestsInThePomIsRejected() {
    for (String configuration : List.of(
        "<configuration><skip>true</skip></configuration>",
        "<configuration><skipTests>true</skipTests></configuration>",
        "<configuration><excludes><exclude>**/PriceTest.java</exclude></excludes></configuration>",
        "<configuration><test>OtherTest</test></configuration>",
        "<configuration><groups>fast</groups></configuration>",
        "<executions><execution><configuration><skip>${quick}</skip></configuration></execution></executions>")) {
      assertThat(brokenInPom(configuration)).as(configuration).containsExactly(Guardrails.NO_TEST_SKIPPING_CONFIG);
    }
    for (String property : List.of("<skipTests>true</skipTests>", "<maven.test.skip>true</maven.test.skip>",
        "<maven.test.failure.ignore>true</maven.test.failure.ignore>", "<skipITs>true</skipITs>")) {
      assertThat(broken("pom.xml", POM, POM.replace("<properties>\n", "<properties>\n    " + property + "\n")))
          .as(property).containsExactly(Guardrails.NO_TEST_SKIPPING_CONFIG);
    }
    // Failsafe too.
    String failsafe = POM.replace("maven-surefire-plugin", "maven-failsafe-plugin");
    assertThat(broken("module/pom.xml", failsafe, failsafe.replace(SUREFIRE, SUREFIRE + "<configuration><skipITs>true</skipITs></configuration>\n")))
        .containsExactly(Guardrails.NO_TEST_SKIPPING_CONFIG);
  }

  @Test
  void turningOnAPropertyThatAnExistingSkipReadsIsRejected() {
    // The POM already reads a property into <skipTests>; setting that property is the cheat.
    String reading = POM.replace(SUREFIRE, SUREFIRE + "<configuration><skipTests>${skipUnitTests}</skipTests></configuration>\n");
    assertThat(broken("pom.xml", reading, reading.replace("<properties>\n", "<properties>\n    <skipUnitTests>true</skipUnitTests>\n")))
        .containsExactly(Guardrails.NO_TEST_SKIPPING_CONFIG);
    // An unrelated property stays an honest change.
    assertThat(broken("pom.xml", reading, reading.replace("<properties>\n", "<properties>\n    <junit.version>5.11.4</junit.version>\n")))
        .isEmpty();
  }

  @Test
  void honestPomFixesPass() {
    assertThat(brokenInPom("<configuration><argLine>--add-opens java.base/java.lang=ALL-UNNAMED</argLine></configuration>")).isEmpty();
    assertThat(brokenInPom("<configuration><skipTests>false</skipTests></configuration>")).isEmpty();
    assertThat(broken("pom.xml", POM, POM.replace("3.5.2", "3.5.3").replace("<build>",
        "<dependencies><dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>"
            + "<version>5.11.4</version><scope>test</scope></dependency></dependencies>\n  <build>"))).isEmpty();
    // Removing a skip a repository had is fine.
    String skipping = POM.replace(SUREFIRE, SUREFIRE + "<configuration><skipTests>true</skipTests></configuration>\n");
    assertThat(broken("pom.xml", skipping, POM)).isEmpty();
  }

  @Test
  void skippingTestsInMavenConfigOrJvmConfigIsRejected() {
    for (String option : List.of("-DskipTests", "-Dmaven.test.skip=true", "-Dmaven.test.failure.ignore=true", "-fn", "--fail-never",
        "-Dtest=OtherTest", "-Pquick", "-pl core")) {
      assertThat(broken(".mvn/maven.config", "-B\n", "-B\n" + option + "\n")).as(option).containsExactly(Guardrails.NO_TEST_SKIPPING_CONFIG);
    }
    assertThat(broken(".mvn/jvm.config", "-Xmx1g", "-Xmx1g -DskipTests=true")).containsExactly(Guardrails.NO_TEST_SKIPPING_CONFIG);
    assertThat(rules.check(change(".mvn/maven.config", null, "-DskipTests"))).containsExactly(new Violation(Guardrails.NO_TEST_SKIPPING_CONFIG,
        ".mvn/maven.config adds -DskipTests: tests would be skipped, fewer would run, or their failures would not fail the build"));
    assertThat(broken(".mvn/jvm.config", "-Xmx1g", "-Xmx1g --add-opens java.base/java.lang=ALL-UNNAMED")).isEmpty();
    assertThat(broken(".mvn/maven.config", "-B", "-B -DskipTests=false")).isEmpty();
  }

  @Test
  void changingWhatTheVerifyCommandRunsIsRejected() {
    Guardrails wrapper = Guardrails.of(CampaignSpec.Guardrails.DEFAULT, List.of("./mvnw -B verify"));
    assertThat(wrapper.check(change("mvnw", "#!/bin/sh\nexec java ...\n", "#!/bin/sh\nexit 0\n")))
        .containsExactly(new Violation(Guardrails.NO_VERIFY_COMMAND_CHANGE,
            "mvnw is part of how verify builds (./mvnw -B verify): a model may not change it"));
    assertThat(wrapper.check(change(".mvn/wrapper/maven-wrapper.properties", "a=1", "a=2"))).extracting(Violation::rule)
        .containsExactly(Guardrails.NO_VERIFY_COMMAND_CHANGE);
    assertThat(rules.check(change(".mvn/extensions.xml", "<extensions/>", "<extensions><extension/></extensions>")))
        .extracting(Violation::rule).containsExactly(Guardrails.NO_VERIFY_COMMAND_CHANGE);
    Guardrails script = Guardrails.of(CampaignSpec.Guardrails.DEFAULT, List.of("./scripts/test.sh --all", "make lint"));
    assertThat(script.check(change("scripts/test.sh", "mvn verify", "true"))).extracting(Violation::rule)
        .containsExactly(Guardrails.NO_VERIFY_COMMAND_CHANGE);
    assertThat(script.check(change("Makefile", "lint:\n\tmvn checkstyle:check\n", "lint:\n\ttrue\n"))).extracting(Violation::rule)
        .containsExactly(Guardrails.NO_VERIFY_COMMAND_CHANGE);
    // With plain mvn, the wrapper is not what runs.
    assertThat(rules.check(change("mvnw", "a", "b"))).isEmpty();
  }

  // --- turned off by name, and only by name ---

  @Test
  void aCampaignCanTurnARuleOffByNameAndOnlyThatRule() {
    Guardrails lenient = Guardrails.of(new CampaignSpec.Guardrails(List.of(), CampaignSpec.Guardrails.CI_PATHS, 200,
        List.of(Guardrails.NO_FEWER_ASSERTIONS, Guardrails.TEST_COUNT)));
    assertThat(lenient.check(change(PATH, TEST, TEST.replace(ASSERTION, "")))).isEmpty();
    String wrapped = TEST.replace(ASSERTION, "        try {\n    " + ASSERTION + "        } catch (AssertionError ignored) {\n        }\n");
    assertThat(lenient.check(change(PATH, TEST, wrapped))).extracting(Violation::rule).containsExactly(Guardrails.NO_SWALLOWED_FAILURES);
    assertThat(lenient.off()).containsExactly(Guardrails.NO_FEWER_ASSERTIONS, Guardrails.TEST_COUNT);
    assertThat(lenient.active()).doesNotContain(Guardrails.NO_FEWER_ASSERTIONS, Guardrails.TEST_COUNT).contains(Guardrails.NO_SWALLOWED_FAILURES);
    assertThat(lenient.floor(new TestCounts(5, 0, 0, 0), new TestCounts(4, 0, 0, 0))).isEmpty();
    assertThat(rules.floor(new TestCounts(5, 0, 0, 0), new TestCounts(4, 0, 0, 0))).isPresent();
    assertThat(rules.active()).containsExactlyElementsOf(Guardrails.NAMES);
  }
}
