package io.fleetmigrate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.judge.Guardrails;
import io.fleetmigrate.testing.SampleRepos;
import io.fleetmigrate.testing.ScriptedChatModel;
import io.fleetmigrate.verify.StagedVerifier;
import io.fleetmigrate.verify.TestCounts;
import io.fleetmigrate.verify.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fix loop on a real sample repository with a real compile error (search-indexer after the
 * JUnit 5 recipe), real Maven builds, and a scripted model. The red verify of the untouched
 * fixture is computed once; each test works on its own copy.
 */
class FixLoopIT {
  private static final String TEST = SampleRepos.SEARCH_TEST;
  private static final TestCounts BASELINE = new TestCounts(2, 0, 0, 0);
  private static final FixContext CONTEXT =
      new FixContext("Move the tests from JUnit 4 to JUnit 5 (Jupiter).", List.of("org.openrewrite.java.testing.junit5.JUnit4to5Migration"),
          "--- a/pom.xml\n+++ b/pom.xml\n-      <artifactId>junit</artifactId>\n+      <artifactId>junit-jupiter</artifactId>\n");

  @TempDir static Path shared;
  private static Path fixture;
  private static VerifyResult red;
  private static StagedVerifier verifier;

  @TempDir Path tmp;
  private Path repo;
  private final List<FixAttempt> recorded = new ArrayList<>();

  @BeforeAll
  static void redFixture() throws Exception {
    fixture = SampleRepos.searchIndexerAfterRecipe(shared.resolve("search-indexer"));
    Files.writeString(fixture.resolve("AGENTS.md"), "Tests use plain JUnit assertions; no AssertJ in this repository.\n");
    verifier = new StagedVerifier(new BuildRunner(MavenToolchain.fromEnvironment()),
        new CampaignSpec.Verify("mvn -B -ntp verify", Duration.ofMinutes(5), CampaignSpec.Stage.AUTO_LINT,
            new CampaignSpec.Stage("mvn -B -ntp test-compile", Duration.ofMinutes(5))));
    red = verifier.verify(fixture, shared.resolve("logs"), "verify");
    assertThat(red.green()).as("the fixture must be red").isFalse();
    assertThat(red.failedStage()).isEqualTo("compile");
    assertThat(red.summary()).contains("compile error: " + TEST);
  }

  @BeforeEach
  void copyFixture() throws Exception {
    repo = SampleRepos.copyWithoutTarget(fixture, tmp.resolve("repo"));
  }

  private FixOutcome run(ScriptedChatModel model, int maxAttempts, long perRepo, long perCampaign, long campaignSpent) throws Exception {
    FixLoop loop = new FixLoop(new ChatFixModel(model, null, 2048), verifier, Guardrails.of(CampaignSpec.Guardrails.DEFAULT),
        new FixLoop.Limits(maxAttempts, perRepo, perCampaign, () -> campaignSpent));
    return loop.run(repo, tmp.resolve("logs"), CONTEXT, red, BASELINE, recorded::add);
  }

  private static String json(String path, String search, String replace) {
    return "{\"explanation\": \"x\", \"edits\": [{\"path\": \"" + path + "\", \"search\": \"" + search.replace("\n", "\\n")
        + "\", \"replace\": \"" + replace.replace("\n", "\\n") + "\"}]}";
  }

  @Test
  void aFixThatTurnsTheBuildGreenOnTheSecondAttemptIsKept() throws Exception {
    String wrong = json(TEST, "import org.junit.internal.ArrayComparisonFailure;", "import org.junit.jupiter.api.ArrayComparisonFailure;");
    String right = """
        JUnit 5 reports array differences with opentest4j's AssertionFailedError.

        src/test/java/com/example/search/TokenizerTest.java
        <<<<<<< SEARCH
        import org.junit.jupiter.api.ArrayComparisonFailure;
        =======
        import org.opentest4j.AssertionFailedError;
        >>>>>>> REPLACE

        src/test/java/com/example/search/TokenizerTest.java
        <<<<<<< SEARCH
                } catch (ArrayComparisonFailure expected) {
        =======
                } catch (AssertionFailedError expected) {
        >>>>>>> REPLACE
        """;
    ScriptedChatModel model = new ScriptedChatModel(List.of(
        new ScriptedChatModel.Reply(wrong, 1500, 100), new ScriptedChatModel.Reply(right, 1800, 150)));

    FixOutcome outcome = run(model, 3, 0, 0, 0);

    assertThat(outcome.verdict()).as(outcome.reason()).isEqualTo(FixOutcome.Verdict.GREEN);
    assertThat(outcome.attempts()).extracting(FixAttempt::result).containsExactly(FixAttempt.Result.RED, FixAttempt.Result.GREEN);
    assertThat(recorded).isEqualTo(outcome.attempts());
    assertThat(outcome.tokens()).isEqualTo(1500 + 100 + 1800 + 150);
    assertThat(outcome.attempts().get(1).testsExecuted()).isEqualTo(2);
    assertThat(outcome.lastVerify().green()).isTrue();
    assertThat(Files.readString(repo.resolve(TEST))).contains("catch (AssertionFailedError expected)").doesNotContain("ArrayComparisonFailure");
    assertThat(outcome.change().paths()).containsExactly(TEST);

    // What the model saw: intent, the repository's AGENTS.md, the diff, the error with its code.
    String first = model.prompt(0);
    assertThat(first).contains("Move the tests from JUnit 4 to JUnit 5", "no AssertJ in this repository", "+      <artifactId>junit-jupiter</artifactId>",
        TEST + ":7:", "package org.junit.internal does not exist", "   7> import org.junit.internal.ArrayComparisonFailure;");
    // ... and the second time, its previous edit and what the build said after it.
    String second = model.prompt(1);
    assertThat(second).contains("Attempt 1: RED", "import org.junit.jupiter.api.ArrayComparisonFailure;", "Build after it: compile error:");
  }

  @Test
  void aModelThatDeletesATestIsRejectedAndItsEditUndone() throws Exception {
    String before = Files.readString(repo.resolve(TEST));
    int from = before.indexOf("    @Test\n    void reportsTheFirstDifferentToken");
    String method = before.substring(from, before.lastIndexOf("}"));
    String deleteTest = json(TEST, "import org.junit.internal.ArrayComparisonFailure;\n", "") .replace("]}", ", {\"path\": \"" + TEST
        + "\", \"search\": " + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(method) + ", \"replace\": \"\"}]}");

    FixOutcome outcome = run(ScriptedChatModel.answering(deleteTest), 1, 0, 0, 0);

    assertThat(outcome.verdict()).isEqualTo(FixOutcome.Verdict.GUARDRAIL_REJECTED);
    assertThat(outcome.reason()).contains("no-deleted-tests", TEST + " has 1 test methods, 2 before");
    assertThat(outcome.attempts().get(0).violations()).extracting(v -> v.rule()).containsExactly("no-deleted-tests");
    assertThat(Files.readString(repo.resolve(TEST))).isEqualTo(before);
    assertThat(outcome.change().paths()).isEmpty();
  }

  @Test
  void aModelThatDisablesTheFailingTestIsRejected() throws Exception {
    String disable = """
        src/test/java/com/example/search/TokenizerTest.java
        <<<<<<< SEARCH
        import org.junit.internal.ArrayComparisonFailure;
        =======
        import org.junit.jupiter.api.Disabled;
        >>>>>>> REPLACE

        src/test/java/com/example/search/TokenizerTest.java
        <<<<<<< SEARCH
            @Test
            void reportsTheFirstDifferentToken() {
        =======
            @Disabled("JUnit 5 has no ArrayComparisonFailure")
            @Test
            void reportsTheFirstDifferentToken() {
        >>>>>>> REPLACE
        """;

    FixOutcome outcome = run(ScriptedChatModel.answering(disable), 1, 0, 0, 0);

    assertThat(outcome.verdict()).isEqualTo(FixOutcome.Verdict.GUARDRAIL_REJECTED);
    assertThat(outcome.reason()).contains("no-disabled-tests: " + TEST + " adds @Disabled");
    assertThat(Files.readString(repo.resolve(TEST))).doesNotContain("@Disabled");
  }

  @Test
  void garbageOutputIsAFailedAttemptAndIsFedBack() throws Exception {
    ScriptedChatModel model = ScriptedChatModel.answering("Sure! You should migrate to JUnit 5.", "I am not sure.");

    FixOutcome outcome = run(model, 2, 0, 0, 0);

    assertThat(outcome.verdict()).isEqualTo(FixOutcome.Verdict.NEEDS_HUMAN);
    assertThat(outcome.attempts()).extracting(FixAttempt::result).containsExactly(FixAttempt.Result.MALFORMED, FixAttempt.Result.MALFORMED);
    assertThat(outcome.attempts().get(0).tokens()).isEqualTo(1200);
    assertThat(outcome.reason()).startsWith("still red after 2 model attempt(s) (last: malformed): compile error:");
    assertThat(model.prompt(1)).contains("Attempt 1: MALFORMED", "neither JSON edits nor SEARCH/REPLACE blocks");
  }

  @Test
  void spentBudgetsStopCallingTheModel() throws Exception {
    ScriptedChatModel expensive = new ScriptedChatModel(List.of(new ScriptedChatModel.Reply("no edits here", 900, 300)));
    FixOutcome outcome = run(expensive, 3, 1000, 0, 0);
    assertThat(expensive.requests()).hasSize(1);
    assertThat(outcome.verdict()).isEqualTo(FixOutcome.Verdict.NEEDS_HUMAN);
    assertThat(outcome.reason()).startsWith("token budget of the repository spent (1200 of 1000) after 1 attempt(s)");

    ScriptedChatModel unused = ScriptedChatModel.answering();
    FixOutcome campaign = run(unused, 3, 0, 5000, 5000);
    assertThat(unused.requests()).isEmpty();
    assertThat(campaign.reason()).startsWith("token budget of the campaign run spent (5000 of 5000) after 0 attempt(s)");
  }

  @Test
  void theSameDiagnosticsTwiceStopTheLoopEarly() throws Exception {
    String cosmetic = json("src/main/java/com/example/search/Tokenizer.java", "package com.example.search;",
        "package com.example.search;\n\n// Splits text into search tokens.");
    ScriptedChatModel model = ScriptedChatModel.answering(cosmetic, cosmetic, cosmetic);

    FixOutcome outcome = run(model, 3, 0, 0, 0);

    assertThat(model.requests()).hasSize(1);
    assertThat(outcome.verdict()).isEqualTo(FixOutcome.Verdict.NEEDS_HUMAN);
    assertThat(outcome.reason()).startsWith("stopped early: attempt 1 brought back the same diagnostics as the recipe");
  }
}
