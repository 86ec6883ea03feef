package io.fleetmigrate.bench;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.deliver.LocalCodeHost;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.pipeline.RepoPipeline;
import io.fleetmigrate.pipeline.RunContext;
import io.fleetmigrate.rewrite.RewriteStation;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.FixMemoryStore;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.SampleRepos;
import io.fleetmigrate.testing.ScriptedModelServer;
import io.fleetmigrate.testing.ScriptedModelServer.Turn;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fixer benchmark behind {@code scripts/bench-fixer}: N repositories of our samples that are
 * red after the JUnit 5 recipe (search-indexer: the JUnit 4 internal its tests catch), each through
 * the real pipeline — clone, baseline, recipe, verify, the tool-using fix loop, guardrails, commit,
 * local pull request — against a loopback OpenAI-compatible endpoint that plays the same tool
 * conversation for every repository (read pom.xml, search, two edits, verify). Once with fix memory
 * off, once on; per repository the model calls, tokens and wall time, side by side, then the
 * totals per green repository.
 */
public final class FixerBench {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SPEC = """
      name: %s
      description: Move the tests from JUnit 4 to JUnit 5 (Jupiter).
      recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
      verify: {command: mvn -B -ntp verify, timeout: 5m}
      pullRequest: {title: Migrate tests to JUnit 5}
      fix: {provider: openai, model: scripted, baseUrl: "%s", maxAttempts: 2, memory: %s}
      """;

  private record Row(String status, int calls, long tokens, double wallSeconds) {}

  private FixerBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    List<RepoRef> repos = new ArrayList<>();
    Map<String, String> files = new LinkedHashMap<>();
    Path sample = SampleRepos.copy("search-indexer", work.resolve("sample"));
    try (Stream<Path> walk = Files.walk(sample)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(sample.relativize(p).toString(), Files.readString(p));
      }
    }
    for (int i = 1; i <= n; i++) {
      String name = "search-indexer-" + i;
      repos.add(new RepoRef(name, GitFixtures.origin(work.resolve("origins"), name, files).toString(), null, "team-search", List.of(), "bench"));
    }
    Map<String, Row> off = run(work.resolve("off"), "bench-memory-off", false, repos);
    Map<String, Row> on = run(work.resolve("on"), "bench-memory-on", true, repos);

    System.out.printf(Locale.ROOT, "%-20s | %-34s | %-34s%n", "", "memory off", "memory on");
    System.out.printf(Locale.ROOT, "%-20s | %-10s %5s %7s %9s | %-10s %5s %7s %9s%n",
        "repository", "status", "calls", "tokens", "wall_s", "status", "calls", "tokens", "wall_s");
    for (RepoRef r : repos) {
      Row a = off.get(r.name());
      Row b = on.get(r.name());
      System.out.printf(Locale.ROOT, "%-20s | %-10s %5d %7d %9.1f | %-10s %5d %7d %9.1f%n",
          r.name(), a.status(), a.calls(), a.tokens(), a.wallSeconds(), b.status(), b.calls(), b.tokens(), b.wallSeconds());
    }
    String offLine = perGreen(off);
    String onLine = perGreen(on);
    System.out.printf(Locale.ROOT, "%-20s | %-34s | %-34s%n", "per green repository", offLine, onLine);
    System.out.println("repos=" + n + " off: " + offLine + " on: " + onLine);
  }

  private static String perGreen(Map<String, Row> rows) {
    List<Row> green = rows.values().stream().filter(r -> r.status().equals(OutcomeStatus.PR_OPENED.name())).toList();
    if (green.isEmpty()) {
      return "green=0";
    }
    return String.format(Locale.ROOT, "green=%d calls=%.2f tokens=%.0f wall_s=%.1f", green.size(),
        green.stream().mapToInt(Row::calls).average().orElse(0), green.stream().mapToLong(Row::tokens).average().orElse(0),
        green.stream().mapToDouble(Row::wallSeconds).average().orElse(0));
  }

  private static Map<String, Row> run(Path dir, String campaign, boolean memory, List<RepoRef> repos) throws Exception {
    String test = SampleRepos.SEARCH_TEST;
    try (ScriptedModelServer model = ScriptedModelServer.perConversation(List.of(
        Turn.calls(ScriptedModelServer.call("read_file", "{\"path\": \"pom.xml\"}"),
            ScriptedModelServer.call("search", "{\"regex\": \"ArrayComparisonFailure\"}")),
        Turn.calls(
            ScriptedModelServer.call("edit", JSON.writeValueAsString(Map.of("path", test,
                "search", "import org.junit.internal.ArrayComparisonFailure;", "replace", "import org.opentest4j.AssertionFailedError;"))),
            ScriptedModelServer.call("edit", JSON.writeValueAsString(Map.of("path", test,
                "search", "} catch (ArrayComparisonFailure expected) {", "replace", "} catch (AssertionFailedError expected) {")))),
        new Turn("JUnit 5 reports array differences with opentest4j's AssertionFailedError.",
            List.of(ScriptedModelServer.call("verify", "{}")), 1000, 100)))) {
      String yaml = SPEC.formatted(campaign, model.baseUrl(), memory);
      CampaignSpec spec = CampaignSpecReader.parse(yaml, "bench.yaml");
      DataSource ds = TestDatabase.migrated();
      CampaignStore store = CampaignStore.of(ds);
      store.runs().saveCampaign(campaign, "", null, yaml);
      long runId = store.runs().createRun(campaign, yaml, "", false, repos.size(), repos.size() + " repositories");
      MavenToolchain maven = MavenToolchain.fromEnvironment();
      RepoPipeline pipeline = new RepoPipeline(new FleetHome(dir), new Checkout(), new BuildRunner(maven), new RewriteStation(maven),
          new LocalCodeHost(store, new DataSourceTransactionManager(ds)), store,
          new ModelProviders(Map.of("OPENAI_API_KEY", "bench"), d -> {}), new FixMemoryStore(ds));
      Map<String, Row> rows = new LinkedHashMap<>();
      for (RepoRef repo : repos) {
        int callsBefore = model.calls();
        long start = System.nanoTime();
        RepoOutcome outcome = pipeline.process(new RunContext(runId, spec, "", false), repo);
        double wall = (System.nanoTime() - start) / 1e9;
        long tokens = store.outcomes().fixAttempts(runId, repo.name()).stream().mapToLong(a -> a.inputTokens() + a.outputTokens()).sum();
        rows.put(repo.name(), new Row(outcome.status().name(), model.calls() - callsBefore, tokens, wall));
        System.err.printf(Locale.ROOT, "bench-fixer: memory %s, %s: %s (%s)%n", memory ? "on" : "off", repo.name(), outcome.status(), outcome.reason());
      }
      return rows;
    }
  }
}
