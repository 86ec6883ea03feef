package io.fleetmigrate.fix;

import static io.fleetmigrate.testing.ScriptedModelServer.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.judge.Guardrails;
import io.fleetmigrate.store.FixMemoryStore;
import io.fleetmigrate.testing.SampleRepos;
import io.fleetmigrate.testing.ScriptedModelServer;
import io.fleetmigrate.testing.ScriptedModelServer.Turn;
import io.fleetmigrate.testing.TestDatabase;
import io.fleetmigrate.verify.StagedVerifier;
import io.fleetmigrate.verify.TestCounts;
import io.fleetmigrate.verify.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tool-using fix loop on the real red search-indexer (a compile error the JUnit 5 recipe left),
 * real Maven builds, and a loopback model endpoint speaking the OpenAI and the Anthropic protocols
 * with scripted tool calls. The provider wiring is the production one ({@link ModelProviders}).
 */
class ToolLoopIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TEST = SampleRepos.SEARCH_TEST;
  private static final TestCounts BASELINE = new TestCounts(2, 0, 0, 0);
  private static final FixContext CONTEXT =
      new FixContext("Move the tests from JUnit 4 to JUnit 5 (Jupiter).", List.of("org.openrewrite.java.testing.junit5.JUnit4to5Migration"), "");

  @TempDir static Path shared;
  private static Path fixture;
  private static VerifyResult red;
  private static StagedVerifier verifier;

  @TempDir Path tmp;
  private final List<FixAttempt> recorded = new ArrayList<>();

  @BeforeAll
  static void redFixture() throws Exception {
    fixture = SampleRepos.searchIndexerAfterRecipe(shared.resolve("search-indexer"));
    verifier = new StagedVerifier(new BuildRunner(MavenToolchain.fromEnvironment()),
        new CampaignSpec.Verify("mvn -B -ntp verify", Duration.ofMinutes(5), CampaignSpec.Stage.AUTO_LINT,
            new CampaignSpec.Stage("mvn -B -ntp test-compile", Duration.ofMinutes(5))));
    red = verifier.verify(fixture, shared.resolve("logs"), "verify");
    assertThat(red.failedStage()).isEqualTo("compile");
  }

  private Path copy(String name) throws Exception {
    return SampleRepos.copyWithoutTarget(fixture, tmp.resolve(name));
  }

  private static FixModel model(ScriptedModelServer server, String provider) throws Exception {
    CampaignSpec.Fix fix = new CampaignSpec.Fix(provider, "scripted", server.baseUrl() + (provider.equals("anthropic") ? "/" : ""), null, null,
        1, Duration.ofSeconds(20), 1024, 0, 0, false, true);
    return new ModelProviders(Map.of("OPENAI_API_KEY", "sk-test", "ANTHROPIC_API_KEY", "ak-test"), d -> {}).create(fix).orElseThrow();
  }

  private FixOutcome run(Path repo, FixModel model, int maxAttempts, int maxTurns, FixMemory memory) throws Exception {
    return run(repo, model, new FixLoop.Limits(maxAttempts, 0, 0, () -> 0, maxTurns, Duration.ofMinutes(10)), memory);
  }

  private FixOutcome run(Path repo, FixModel model, FixLoop.Limits limits, FixMemory memory) throws Exception {
    FixLoop loop = new FixLoop(model, verifier, Guardrails.of(CampaignSpec.Guardrails.DEFAULT), limits, memory);
    return loop.run(repo, tmp.resolve("logs-" + repo.getFileName()), CONTEXT, red, BASELINE, recorded::add);
  }

  private static String args(String... keyValues) {
    var node = JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.put(keyValues[i], keyValues[i + 1]);
    }
    return node.toString();
  }

  /** The scripted conversation of a model that looks around, tries to leave the checkout, then fixes and verifies. */
  private static List<Turn> lookEditVerify(Path secret) {
    return List.of(
        Turn.calls(call("read_file", args("path", "pom.xml")), call("search", args("regex", "ArrayComparisonFailure", "glob", "**/*.java"))),
        Turn.calls(call("read_file", args("path", "../search-indexer-secret.txt")), call("read_file", args("path", ".git/config")),
            call("read_file", args("path", "leak.txt")), call("list_files", args("dir", secret.getParent().toString()))),
        Turn.calls(
            call("edit", args("path", TEST, "search", "import org.junit.internal.ArrayComparisonFailure;",
                "replace", "import org.opentest4j.AssertionFailedError;")),
            call("edit", args("path", TEST, "search", "} catch (ArrayComparisonFailure expected) {",
                "replace", "} catch (AssertionFailedError expected) {"))),
        Turn.calls(call("verify", "{}")));
  }

  @Test
  void theModelReadsThePomEditsAndVerifiesGreenAndTheWayOutGivesItNothing() throws Exception {
    Path repo = copy("repo");
    Path secret = Files.writeString(tmp.resolve("search-indexer-secret.txt"), "ghp_SECRET_TOKEN\n");
    Files.createDirectories(repo.resolve(".git"));
    Files.writeString(repo.resolve(".git/config"), "url = https://x-access-token:ghp_SECRET_TOKEN@github.com/a/b\n");
    Files.createSymbolicLink(repo.resolve("leak.txt"), secret);
    try (ScriptedModelServer server = new ScriptedModelServer(lookEditVerify(secret))) {
      FixOutcome outcome = run(repo, model(server, "openai"), 1, 10, null);

      assertThat(outcome.verdict()).as(outcome.reason()).isEqualTo(FixOutcome.Verdict.GREEN);
      assertThat(server.calls()).isEqualTo(4);
      assertThat(server.overruns()).isZero();
      FixAttempt attempt = outcome.attempts().get(0);
      assertThat(attempt.result()).isEqualTo(FixAttempt.Result.GREEN);
      assertThat(attempt.turns()).isEqualTo(4);
      assertThat(attempt.tools()).containsExactly("read_file", "search", "read_file", "read_file", "read_file", "list_files", "edit", "edit", "verify");
      assertThat(attempt.inputTokens() + attempt.outputTokens()).isEqualTo(4 * 1100);
      assertThat(attempt.testsExecuted()).isEqualTo(2);
      assertThat(outcome.toolUse()).containsEntry("read_file", 4L).containsEntry("verify", 1L);
      assertThat(Files.readString(repo.resolve(TEST))).contains("catch (AssertionFailedError expected)");

      // What went over the wire: the tools offered, the pom.xml read, the way out refused with nothing in it.
      assertThat(server.requests().get(0).get("tools").toString()).contains("read_file", "list_files", "search", "edit", "verify");
      assertThat(server.toolResults(1)).hasSize(2);
      assertThat(server.toolResults(1).get(0)).contains("<artifactId>junit-jupiter</artifactId>");
      assertThat(server.toolResults(1).get(1)).contains(TEST + ":7: import org.junit.internal.ArrayComparisonFailure;");
      List<String> refusals = server.toolResults(2).subList(2, 6);
      assertThat(refusals).allSatisfy(r -> assertThat(r).startsWith("refused: ").doesNotContain("SECRET"));
      assertThat(refusals.get(0)).contains("outside the repository");
      assertThat(refusals.get(1)).contains("inside .git");
      assertThat(refusals.get(2)).contains("symbolic link");
      assertThat(server.toolResults(3).subList(6, 8)).containsExactly("applied to " + TEST, "applied to " + TEST);
      assertThat(server.requests()).allSatisfy(r -> assertThat(r.toString()).doesNotContain("ghp_SECRET_TOKEN"));
    }
  }

  @Test
  void aModelThatKeepsCallingToolsStopsAtMaxTurnsWithTheReason() throws Exception {
    Path repo = copy("repo");
    List<Turn> forever = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      forever.add(Turn.calls(call("list_files", args("dir", "src"))));
    }
    try (ScriptedModelServer server = new ScriptedModelServer(forever)) {
      FixOutcome outcome = run(repo, model(server, "anthropic"), 1, 3, null);

      assertThat(server.calls()).isEqualTo(3);
      assertThat(outcome.verdict()).isEqualTo(FixOutcome.Verdict.NEEDS_HUMAN);
      assertThat(outcome.reason()).startsWith("still red after 1 model attempt(s) (last: turn limit of 3 (fix.maxTurns) without a green verify): compile error:");
      assertThat(outcome.attempts()).singleElement().satisfies(a -> {
        assertThat(a.result()).isEqualTo(FixAttempt.Result.TURN_LIMIT);
        assertThat(a.turns()).isEqualTo(3);
        assertThat(a.note()).isEqualTo("stopped after 3 model turns (fix.maxTurns) without a green verify");
      });
      // Anthropic's protocol: tool_use answered by tool_result blocks, in the user turn.
      assertThat(server.toolResults(2)).hasSize(2).allSatisfy(r -> assertThat(r).contains("src/main/java/com/example/search/Tokenizer.java"));
    }
  }

  @Test
  void theRepositorysTokenBudgetAndTimeoutStopAToolConversation() throws Exception {
    Path repo = copy("repo");
    List<Turn> forever = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      forever.add(Turn.calls(call("search", args("regex", "junit"))));
    }
    try (ScriptedModelServer server = new ScriptedModelServer(forever)) {
      FixOutcome outcome = run(repo, model(server, "openai"), new FixLoop.Limits(3, 2000, 0, () -> 0, 10, Duration.ofMinutes(10)), null);

      assertThat(server.calls()).isEqualTo(2);
      assertThat(outcome.verdict()).isEqualTo(FixOutcome.Verdict.NEEDS_HUMAN);
      assertThat(outcome.reason()).startsWith("token budget of the repository spent (2200 of 2000); still red: compile error:");
      assertThat(outcome.attempts()).singleElement().satisfies(a -> {
        assertThat(a.result()).isEqualTo(FixAttempt.Result.BUDGET_SPENT);
        assertThat(a.turns()).isEqualTo(2);
      });
    }
    try (ScriptedModelServer server = new ScriptedModelServer(forever)) {
      FixOutcome outcome = run(repo, model(server, "openai"), new FixLoop.Limits(3, 0, 0, () -> 0, 10, Duration.ofNanos(1)), null);

      assertThat(server.requests()).isEmpty();
      assertThat(outcome.reason()).startsWith("fix.timeout of 0.000000001s spent after 0 attempt(s); still red: compile error:");
    }
  }

  @Test
  void aToolEditThatDeletesATestIsRejectedAtVerifyAndUndone() throws Exception {
    Path repo = copy("repo");
    String before = Files.readString(repo.resolve(TEST));
    String method = before.substring(before.indexOf("    @Test\n    void reportsTheFirstDifferentToken"), before.lastIndexOf("}"));
    try (ScriptedModelServer server = new ScriptedModelServer(List.of(Turn.calls(
        call("edit", args("path", TEST, "search", "import org.junit.internal.ArrayComparisonFailure;\n", "replace", "")),
        call("edit", args("path", TEST, "search", method, "replace", "")),
        call("verify", "{}"),
        call("read_file", args("path", TEST)))))) {
      FixOutcome outcome = run(repo, model(server, "openai"), 1, 10, null);

      assertThat(outcome.verdict()).isEqualTo(FixOutcome.Verdict.GUARDRAIL_REJECTED);
      assertThat(outcome.reason()).contains("no-deleted-tests", TEST + " has 1 test methods, 2 before");
      assertThat(server.calls()).isEqualTo(1);
      assertThat(outcome.attempts().get(0).tools()).containsExactly("edit", "edit", "verify");
      assertThat(Files.readString(repo.resolve(TEST))).isEqualTo(before);
      assertThat(outcome.change().paths()).isEmpty();
    }
  }

  @Test
  void aSecondRepositoryWithTheSameErrorIsFixedFromMemoryWithoutAModelCall() throws Exception {
    FixMemoryStore store = new FixMemoryStore(TestDatabase.withCampaign("junit5"));
    FixMemory memory = store.forCampaign("junit5");
    Path first = copy("first");
    FixOutcome learnt;
    try (ScriptedModelServer server = new ScriptedModelServer(lookEditVerify(tmp.resolve("x/secret")).subList(2, 4))) {
      learnt = run(first, model(server, "openai"), 1, 10, memory);
      assertThat(learnt.verdict()).as(learnt.reason()).isEqualTo(FixOutcome.Verdict.GREEN);
      assertThat(server.calls()).isEqualTo(2);
    }
    memory.remember(learnt.signature(), "first", learnt.keptEdits()); // what the pipeline does once the change is accepted

    Path second = copy("second");
    try (ScriptedModelServer server = new ScriptedModelServer(List.of())) {
      FixOutcome fromMemory = run(second, model(server, "openai"), 1, 10, memory);

      assertThat(server.requests()).isEmpty();
      assertThat(fromMemory.verdict()).as(fromMemory.reason()).isEqualTo(FixOutcome.Verdict.GREEN);
      assertThat(fromMemory.fromMemory()).isTrue();
      assertThat(fromMemory.reason()).startsWith("green from fix memory (fix #").endsWith("learnt in first), no model call");
      assertThat(fromMemory.attempts()).singleElement().satisfies(a -> {
        assertThat(a.result()).isEqualTo(FixAttempt.Result.MEMORY_GREEN);
        assertThat(a.number()).isZero();
        assertThat(a.tokens()).isZero();
      });
      assertThat(Files.readString(second.resolve(TEST))).isEqualTo(Files.readString(first.resolve(TEST)));
    }
    assertThat(store.list("junit5")).singleElement().satisfies(e -> {
      assertThat(e.reused()).isEqualTo(1);
      assertThat(e.worked()).isEqualTo(1);
      assertThat(e.repository()).isEqualTo("first");
      assertThat(e.signature()).startsWith("compile\n").contains("package org.junit.internal does not exist");
    });
  }

  @Test
  void aRememberedFixThatLeavesTheBuildRedIsUndoneAndShownToTheModelAsAnExample() throws Exception {
    FixMemoryStore store = new FixMemoryStore(TestDatabase.withCampaign("junit5"));
    FixMemory memory = store.forCampaign("junit5");
    // Half a fix: the import goes, the catch clause still names the JUnit 4 type.
    memory.remember(DiagnosticSignature.of(red), "elsewhere",
        List.of(new Edit(TEST, "import org.junit.internal.ArrayComparisonFailure;", "import org.opentest4j.AssertionFailedError;")));
    Path repo = copy("repo");
    String before = Files.readString(repo.resolve(TEST));
    try (ScriptedModelServer server = new ScriptedModelServer(lookEditVerify(tmp.resolve("x/secret")).subList(2, 4))) {
      FixOutcome outcome = run(repo, model(server, "openai"), 1, 10, memory);

      assertThat(outcome.verdict()).as(outcome.reason()).isEqualTo(FixOutcome.Verdict.GREEN);
      assertThat(outcome.fromMemory()).isFalse();
      assertThat(outcome.attempts()).extracting(FixAttempt::result).containsExactly(FixAttempt.Result.MEMORY_RED, FixAttempt.Result.GREEN);
      assertThat(outcome.attempts().get(0).note()).contains("from fix memory, learnt in elsewhere; undone");
      assertThat(outcome.modelAttempts()).isEqualTo(1);
      // The model started from the untouched file (the replay was undone) and saw the remembered fix.
      String user = server.requests().get(0).get("messages").get(1).get("content").asString();
      assertThat(user).contains("## How the same failure was fixed in another repository of this campaign",
          "Edited " + TEST + ": replaced", "import org.opentest4j.AssertionFailedError;");
      assertThat(outcome.keptEdits()).hasSize(2);
      assertThat(Files.readString(repo.resolve(TEST))).isNotEqualTo(before).contains("catch (AssertionFailedError expected)");
    }
    assertThat(store.list("junit5")).singleElement().satisfies(e -> {
      assertThat(e.reused()).isEqualTo(1);
      assertThat(e.worked()).isZero();
    });
  }
}
