package io.fleetmigrate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.deliver.LocalCodeHost;
import io.fleetmigrate.fix.ChatFixModel;
import io.fleetmigrate.fix.FixModel;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.rewrite.RewriteStation;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.OutcomeStore;
import io.fleetmigrate.store.PullRequestStore;
import io.fleetmigrate.store.FixMemoryStore;
import io.fleetmigrate.testing.ScriptedModelServer;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.SampleRepos;
import io.fleetmigrate.testing.ScriptedChatModel;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The whole blueprint with the fix station: a real clone of the search-indexer sample, its real
 * baseline, the real JUnit 5 recipe (which leaves it red), a scripted model's fix, real verify,
 * and a pull request on the local code host whose body attributes each change.
 */
class FixPathIT {
  @TempDir Path tmp;
  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  private static final String SPEC = """
      name: junit5-fix
      description: Move the tests from JUnit 4 to JUnit 5 (Jupiter).
      recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
      verify: {command: mvn -B -ntp verify, timeout: 5m}
      pullRequest: {title: Migrate tests to JUnit 5, body: Moves the tests to JUnit 5.}
      fix: {provider: openai, model: scripted, baseUrl: "http://127.0.0.1:9/v1", maxAttempts: 2}
      """;

  private static final String FIX = """
      JUnit 5 has no ArrayComparisonFailure; assertArrayEquals throws opentest4j's AssertionFailedError.

      src/test/java/com/example/search/TokenizerTest.java
      <<<<<<< SEARCH
      import org.junit.internal.ArrayComparisonFailure;
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

  /** The real provider wiring, with the scripted model in place of the HTTP one: test code only. */
  static final class ScriptedProviders extends ModelProviders {
    final ScriptedChatModel chat;

    ScriptedProviders(ScriptedChatModel chat) {
      super(Map.of(), d -> {});
      this.chat = chat;
    }

    @Override
    public Optional<FixModel> create(CampaignSpec.Fix spec) {
      return spec.configured() ? Optional.of(new ChatFixModel(chat, null, 2048)) : Optional.empty();
    }
  }

  private static Path origin(Path tmp, String name) throws Exception {
    return origin(tmp, name, name);
  }

  /** An origin named {@code name} holding the demo sample {@code sample}. */
  private static Path origin(Path tmp, String sample, String name) throws Exception {
    return GitFixtures.origin(tmp, name, sampleFiles(tmp, sample, name));
  }

  private static Map<String, String> sampleFiles(Path tmp, String name, String as) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    Path sample = SampleRepos.copy(name, tmp.resolve("sample-" + as));
    try (Stream<Path> walk = Files.walk(sample)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(sample.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }

  @Test
  void theLlmJudgeCanVetoAGreenChangeAndItsReasonIsRecorded() throws Exception {
    String spec = SPEC.replace("maxAttempts: 2}", "maxAttempts: 2, judge: true}");
    Path origin = origin(tmp, "billing-service");
    RepoRef repo = new RepoRef("billing-service", origin.toString(), null, "team-billing", List.of(), "test");
    DataSource ds = TestDatabase.migrated();
    CampaignStore store = CampaignStore.of(ds);
    store.runs().saveCampaign("junit5-fix", "", null, spec);
    long runId = store.runs().createRun("junit5-fix", spec, "", false, 1, "1 repository");
    MavenToolchain maven = MavenToolchain.fromEnvironment();
    ScriptedChatModel chat = new ScriptedChatModel(List.of(
        new ScriptedChatModel.Reply("{\"approve\": false, \"reason\": \"The change also rewrites assertion messages.\"}", 900, 40)));
    RepoPipeline pipeline = new RepoPipeline(new FleetHome(tmp.resolve("data")), new Checkout(), new BuildRunner(maven),
        new RewriteStation(maven), new LocalCodeHost(store, new DataSourceTransactionManager(ds)), store, new ScriptedProviders(chat));

    RepoOutcome outcome = pipeline.process(new RunContext(runId, CampaignSpecReader.parse(spec, "spec.yaml"), "", false), repo);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(OutcomeStatus.NEEDS_HUMAN);
    assertThat(outcome.reason()).isEqualTo("green, but the LLM judge vetoed the change: The change also rewrites assertion messages.");
    assertThat(chat.prompt(0)).contains("Move the tests from JUnit 4 to JUnit 5", "+import org.junit.jupiter.api.Test;", "(none: the recipe alone is green)");
    assertThat(store.outcomes().fixAttempts(runId, "billing-service")).singleElement()
        .satisfies(a -> {
          assertThat(a.result()).isEqualTo("JUDGE_VETOED");
          assertThat(a.guardrails()).isEqualTo("llm-judge: The change also rewrites assertion messages.");
          assertThat(a.inputTokens() + a.outputTokens()).isEqualTo(940);
        });
    assertThat(store.pullRequests().find("junit5-fix", "billing-service")).isEmpty();
  }

  @Test
  void aRepositoryRedAfterTheRecipeIsFixedByTheModelAndItsPullRequestSaysWhoChangedWhat() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    Path sample = SampleRepos.copy("search-indexer", tmp.resolve("sample"));
    try (Stream<Path> walk = Files.walk(sample)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(sample.relativize(p).toString(), Files.readString(p));
      }
    }
    Path origin = GitFixtures.origin(tmp, "search-indexer", files);
    RepoRef repo = new RepoRef("search-indexer", origin.toString(), null, "team-search", List.of(), "test");

    DataSource ds = TestDatabase.migrated();
    CampaignStore store = CampaignStore.of(ds);
    store.runs().saveCampaign("junit5-fix", "", null, SPEC);
    long runId = store.runs().createRun("junit5-fix", SPEC, "", false, 1, "1 repository");
    CampaignSpec spec = CampaignSpecReader.parse(SPEC, "spec.yaml");
    MavenToolchain maven = MavenToolchain.fromEnvironment();
    ScriptedChatModel chat = new ScriptedChatModel(List.of(new ScriptedChatModel.Reply(FIX, 2100, 180)));
    FleetHome home = new FleetHome(tmp.resolve("data"));
    RepoPipeline pipeline = new RepoPipeline(home, new Checkout(), new BuildRunner(maven), new RewriteStation(maven),
        new LocalCodeHost(store, new DataSourceTransactionManager(ds)), store, new ScriptedProviders(chat));

    RepoOutcome outcome = pipeline.process(new RunContext(runId, spec, "", false), repo);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(OutcomeStatus.PR_OPENED);
    assertThat(chat.requests()).hasSize(1);
    assertThat(chat.prompt(0)).contains("org.junit.internal", "TokenizerTest.java");

    // Every attempt is stored: diagnostics, edits, guardrail verdict, tokens, tests.
    List<OutcomeStore.FixAttemptRecord> attempts = store.outcomes().fixAttempts(runId, "search-indexer");
    assertThat(attempts).hasSize(1);
    OutcomeStore.FixAttemptRecord attempt = attempts.get(0);
    assertThat(attempt.result()).isEqualTo("GREEN");
    assertThat(attempt.diagnostics()).contains("[COMPILE] src/test/java/com/example/search/TokenizerTest.java");
    assertThat(attempt.edits()).contains("AssertionFailedError");
    assertThat(attempt.guardrails()).isEqualTo("passed");
    assertThat(attempt.inputTokens() + attempt.outputTokens()).isEqualTo(2280);
    assertThat(attempt.testsExecuted()).isEqualTo(2);
    assertThat(store.outcomes().tokensSpent(runId)).isEqualTo(2280);
    // ... and so is the executed test count of the baseline.
    assertThat(store.outcomes().attempts(runId, "search-indexer")).filteredOn(a -> a.stage().equals("baseline"))
        .extracting(OutcomeStore.Attempt::testsExecuted).containsExactly(2);
    // ... and every build of the verify after the recipe and of the model's attempt, stage by stage.
    assertThat(store.outcomes().attempts(runId, "search-indexer")).extracting(OutcomeStore.Attempt::stage)
        .containsExactly("classpath", "baseline", "verify-compile", "fix-1-compile", "fix-1-test");
    assertThat(store.outcomes().attempts(runId, "search-indexer").get(2).diagnostics()).contains("[COMPILE] " + SampleRepos.SEARCH_TEST);

    // The pull request says what the recipe changed, what the model changed and why, and the verify result.
    PullRequestStore.PullRequestRecord pr = store.pullRequests().find("junit5-fix", "search-indexer").orElseThrow();
    assertThat(pr.body()).contains(
        "Moves the tests to JUnit 5.",
        "**What the recipe changed** (org.openrewrite.java.testing.junit5.JUnit4to5Migration)",
        "**What the model changed** (openai/scripted, 1 attempt(s), 2280 tokens): 1 file(s)",
        "- src/test/java/com/example/search/TokenizerTest.java (+2/-2)",
        "> Attempt 1: JUnit 5 has no ArrayComparisonFailure",
        "**Verify**: green (compile → test), 2 tests executed; 2 before the change. The test reports show 2 tests, 0 failures, 0 errors, 0 skipped.",
        "Every model edit passed the guardrails: allowed-paths, no-deleted-tests, no-disabled-tests, size-cap, "
            + "test-count-not-below-baseline, no-fewer-assertions, no-swallowed-failures, no-test-skipping-config, no-verify-command-change.");
    assertThat(Path.of(outcome.logDir()).resolve("fix.diff")).content().contains("+import org.opentest4j.AssertionFailedError;");

    // The pushed branch holds the recipe's and the model's change and builds green on its own.
    Path clone = tmp.resolve("clone");
    try (Git git = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).setBranch("fleet/junit5-fix").call()) {
      assertThat(git.log().setMaxCount(1).call().iterator().next().getFullMessage()).contains("Fixed by a model in 1 attempt(s)");
    }
    assertThat(clone.resolve(SampleRepos.SEARCH_TEST)).content()
        .contains("catch (AssertionFailedError expected)", "org.junit.jupiter.api.Test").doesNotContain("org.junit.internal");
  }

  @Test
  void withToolsTheModelReadsEditsAndVerifiesAndASecondRepositoryWithTheSameErrorIsFixedFromMemory() throws Exception {
    try (ScriptedModelServer model = new ScriptedModelServer(List.of(
        ScriptedModelServer.Turn.calls(ScriptedModelServer.call("read_file", "{\"path\": \"pom.xml\"}"),
            ScriptedModelServer.call("search", "{\"regex\": \"ArrayComparisonFailure\"}")),
        ScriptedModelServer.Turn.calls(
            ScriptedModelServer.call("edit", JSON.writeValueAsString(Map.of("path", SampleRepos.SEARCH_TEST,
                "search", "import org.junit.internal.ArrayComparisonFailure;", "replace", "import org.opentest4j.AssertionFailedError;"))),
            ScriptedModelServer.call("edit", JSON.writeValueAsString(Map.of("path", SampleRepos.SEARCH_TEST,
                "search", "} catch (ArrayComparisonFailure expected) {", "replace", "} catch (AssertionFailedError expected) {")))),
        new ScriptedModelServer.Turn("JUnit 5 reports array differences with opentest4j's AssertionFailedError.",
            List.of(ScriptedModelServer.call("verify", "{}")), 1000, 100)))) {
      String specYaml = SPEC.replace("fix: {provider: openai, model: scripted, baseUrl: \"http://127.0.0.1:9/v1\", maxAttempts: 2}",
          "fix: {provider: openai, model: scripted, baseUrl: \"" + model.baseUrl() + "\", maxAttempts: 1, maxTurns: 5}");
      DataSource ds = TestDatabase.migrated();
      CampaignStore store = CampaignStore.of(ds);
      FixMemoryStore fixes = new FixMemoryStore(ds);
      store.runs().saveCampaign("junit5-fix", "", null, specYaml);
      long runId = store.runs().createRun("junit5-fix", specYaml, "", false, 2, "2 repositories");
      CampaignSpec spec = CampaignSpecReader.parse(specYaml, "spec.yaml");
      MavenToolchain maven = MavenToolchain.fromEnvironment();
      RepoPipeline pipeline = new RepoPipeline(new FleetHome(tmp.resolve("data")), new Checkout(), new BuildRunner(maven),
          new RewriteStation(maven), new LocalCodeHost(store, new DataSourceTransactionManager(ds)), store,
          new ModelProviders(Map.of("OPENAI_API_KEY", "sk-test"), d -> {}), fixes);

      RepoOutcome first = pipeline.process(new RunContext(runId, spec, "", false),
          new RepoRef("search-indexer", origin(tmp, "search-indexer").toString(), null, "team-search", List.of(), "test"));

      assertThat(first.status()).as(first.reason()).isEqualTo(OutcomeStatus.PR_OPENED);
      assertThat(model.calls()).isEqualTo(3);
      assertThat(model.toolResults(1).get(0)).contains("<artifactId>junit-jupiter</artifactId>");
      assertThat(store.pullRequests().find("junit5-fix", "search-indexer").orElseThrow().body()).contains(
          "**What the model changed** (openai/scripted, 1 attempt(s), 3300 tokens): 1 file(s)",
          "> Attempt 1: JUnit 5 reports array differences with opentest4j's AssertionFailedError.",
          "Tools the model used: read_file ×1, search ×1, edit ×2, verify ×1; 3 model turn(s), 3300 tokens.");
      assertThat(store.outcomes().fixAttempts(runId, "search-indexer")).singleElement().satisfies(a -> {
        assertThat(a.result()).isEqualTo("GREEN");
        assertThat(a.guardrails()).isEqualTo("passed");
        assertThat(a.rejectedEdits()).contains("tools (3 turns): read_file, search, edit, edit, verify");
      });
      assertThat(fixes.list("junit5-fix")).singleElement().satisfies(f -> {
        assertThat(f.repository()).isEqualTo("search-indexer");
        assertThat(f.edits()).hasSize(2);
      });

      // The same failure in another repository: the remembered edits, no model call.
      RepoOutcome second = pipeline.process(new RunContext(runId, spec, "", false),
          new RepoRef("search-indexer-2", origin(tmp, "search-indexer", "search-indexer-2").toString(), null, "team-search", List.of(), "test"));

      assertThat(second.status()).as(second.reason()).isEqualTo(OutcomeStatus.PR_OPENED);
      assertThat(model.requests()).hasSize(3);
      assertThat(store.outcomes().fixAttempts(runId, "search-indexer-2")).singleElement().satisfies(a -> {
        assertThat(a.result()).isEqualTo("MEMORY_GREEN");
        assertThat(a.attempt()).isZero();
        assertThat(a.inputTokens() + a.outputTokens()).isZero();
      });
      assertThat(store.pullRequests().find("junit5-fix", "search-indexer-2").orElseThrow().body()).contains(
          "**What fix memory changed** (memory: fix #", "learnt in search-indexer; no model call, 0 tokens): 1 file(s)",
          "Every remembered edit passed the guardrails:");
      assertThat(fixes.list("junit5-fix")).singleElement().satisfies(f -> {
        assertThat(f.reused()).isEqualTo(1);
        assertThat(f.worked()).isEqualTo(1);
      });
    }
  }
}
