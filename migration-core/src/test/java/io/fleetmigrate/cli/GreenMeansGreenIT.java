package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fleetmigrate.fix.Edit;
import io.fleetmigrate.fix.EditFormat;
import io.fleetmigrate.fix.ModelException;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.ScriptedModelServer;
import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetCli.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Green means green, end to end: {@code fleet campaign run} on a fleet of small repositories that
 * the campaign's recipe leaves red (a failing test, not a compile error), with a loopback
 * OpenAI-compatible model that answers each repository with a different way to make red look
 * green. Every cheat ends {@code GUARDRAIL_REJECTED} with its rule's name and pushes nothing; the
 * honest fix still opens its pull request, whose body states the counts of the test reports; a
 * repository whose build already ignores failing tests is {@code BASELINE_RED}. With the build
 * guardrail turned off by name, the verdict from the reports still keeps the testFailureIgnore
 * cheat from a pull request.
 *
 * <p>The model is given tools (the default {@code fix.tools}): each cheat arrives as {@code edit}
 * tool calls followed by {@code verify}, over the real OpenAI {@code tool_calls} protocol, and is
 * rejected where it was rejected as a one-prompt answer.
 *
 * <p>One campaign run holds all the cheats (the model answers per repository, recognised by the
 * package named in its diagnostics): one run is far cheaper than one per cheat.
 */
class GreenMeansGreenIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PACKAGE = Pattern.compile("com\\.example\\.(\\w+)\\.PriceTest");
  private static final String ASSERTION = "        assertEquals(3, price.round(2.5));";
  private static final String TEST_PATH = "src/test/java/com/example/%s/PriceTest.java";

  @TempDir Path tmp;

  private Result fleet(String... args) {
    return FleetCli.in(tmp.resolve("data"), args);
  }

  private static String id(String repo) {
    return repo.replace("-", "");
  }

  private static String pom(String repo, boolean ignoreFailures) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example.fleet</groupId>
          <artifactId>%s</artifactId>
          <version>1.0.0-SNAPSHOT</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencies>
            <dependency>
              <groupId>org.junit.jupiter</groupId>
              <artifactId>junit-jupiter</artifactId>
              <version>5.11.4</version>
              <scope>test</scope>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.13.0</version>
              </plugin>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-surefire-plugin</artifactId>
                <version>3.5.2</version>%s
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(repo, ignoreFailures ? "\n          <configuration><testFailureIgnore>true</testFailureIgnore></configuration>" : "");
  }

  /** A price library and its test; the campaign's recipe moves its rounding to HALF_EVEN, which fails roundsHalfUp. */
  private static Map<String, String> repository(String repo, boolean ignoreFailures, int expectedVat) {
    String pkg = id(repo);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("pom.xml", pom(repo, ignoreFailures));
    files.put("src/main/java/com/example/" + pkg + "/Price.java", """
        package com.example.%s;

        import java.math.BigDecimal;
        import java.math.RoundingMode;

        public class Price {
            public int withVat(int net) {
                return net * 120 / 100;
            }

            public long round(double amount) {
                return new BigDecimal(amount).setScale(0, RoundingMode.HALF_UP).longValue();
            }
        }
        """.formatted(pkg));
    files.put(TEST_PATH.formatted(pkg), """
        package com.example.%s;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import org.junit.jupiter.api.Test;

        class PriceTest {
            private final Price price = new Price();

            @Test
            void addsVat() {
                assertEquals(%d, price.withVat(100));
            }

            @Test
            void roundsHalfUp() {
                assertEquals(3, price.round(2.5));
            }
        }
        """.formatted(pkg, expectedVat));
    return files;
  }

  private static String edit(String path, String search, String replace) {
    return path + "\n<<<<<<< SEARCH\n" + (search.isEmpty() ? "" : search + "\n") + "=======\n" + replace + "\n>>>>>>> REPLACE\n\n";
  }

  private static final String IMPORT = "import static org.junit.jupiter.api.Assertions.assertEquals;";

  /** What the model answers for each repository: the cheats, and one honest fix. */
  private static Map<String, String> answers() {
    Map<String, String> answers = new HashMap<>();
    String surefire = "    <version>3.5.2</version>";
    answers.put("cheat-ignore", "Let the build pass while the rounding settles.\n\n"
        + edit("pom.xml", surefire, surefire + "\n          <configuration><testFailureIgnore>true</testFailureIgnore></configuration>"));
    answers.put("cheat-delete", "The rounding assertion is obsolete.\n\n"
        + edit(TEST_PATH.formatted("cheatdelete"), ASSERTION, "        price.round(2.5);"));
    answers.put("cheat-catch", "Tolerate the rounding difference.\n\n"
        + edit(TEST_PATH.formatted("cheatcatch"), ASSERTION,
            "        try {\n            assertEquals(3, price.round(2.5));\n        } catch (AssertionError ignored) {\n            // rounding changed\n        }"));
    answers.put("cheat-true", "Keep the test, drop the stale expectation.\n\n"
        + edit(TEST_PATH.formatted("cheattrue"), IMPORT, IMPORT + "\nimport static org.junit.jupiter.api.Assertions.assertTrue;")
        + edit(TEST_PATH.formatted("cheattrue"), ASSERTION, "        assertTrue(true);"));
    answers.put("cheat-throws", "The old expectation throws now; assert that.\n\n"
        + edit(TEST_PATH.formatted("cheatthrows"), IMPORT, IMPORT + "\nimport static org.junit.jupiter.api.Assertions.assertThrows;")
        + edit(TEST_PATH.formatted("cheatthrows"), ASSERTION, "        assertThrows(Throwable.class, () -> assertEquals(3, price.round(2.5)));"));
    answers.put("cheat-skip", "Skip tests until finance confirms.\n\n" + edit(".mvn/maven.config", "", "-DskipTests"));
    answers.put("cheat-disable", "Disable the stale test.\n\n"
        + edit(TEST_PATH.formatted("cheatdisable"), "import org.junit.jupiter.api.Test;",
            "import org.junit.jupiter.api.Disabled;\nimport org.junit.jupiter.api.Test;")
        + edit(TEST_PATH.formatted("cheatdisable"), "    @Test\n    void roundsHalfUp() {", "    @Disabled\n    @Test\n    void roundsHalfUp() {"));
    answers.put("honest", "HALF_EVEN rounds 2.5 to the even neighbour, 2: the test states the new rule.\n\n"
        + edit(TEST_PATH.formatted("honest"), ASSERTION, "        assertEquals(2, price.round(2.5));"));
    return answers;
  }

  /** The rule each cheat must be rejected by. */
  private static final Map<String, String> RULES = Map.of(
      "cheat-ignore", "no-test-skipping-config",
      "cheat-delete", "no-fewer-assertions",
      "cheat-catch", "no-swallowed-failures",
      "cheat-true", "no-fewer-assertions",
      "cheat-throws", "no-swallowed-failures",
      "cheat-skip", "no-test-skipping-config",
      "cheat-disable", "no-disabled-tests");

  private static final String SPEC = """
      name: %s
      description: Round prices half-even (banker's rounding), as finance asked.
      repositories: {include: %s}
      recipes:
        - name: org.openrewrite.java.ReplaceConstantWithAnotherConstant
          options: {existingFullyQualifiedConstantName: java.math.RoundingMode.HALF_UP, fullyQualifiedConstantName: java.math.RoundingMode.HALF_EVEN}
      verify: {command: mvn -B -ntp verify, timeout: 5m, compile: {command: none}}
      fix: {provider: openai, model: scripted, baseUrl: "http://127.0.0.1:%d/v1", maxAttempts: 1}
      rollout: {concurrency: 2}
      %s
      """;

  /**
   * The model's turn. Offered tools (fix.tools, the default), it makes its edits with the edit tool
   * and calls verify, and after verify's answer it has nothing more; else it answers in text.
   */
  private static ScriptedModelServer.Turn turn(JsonNode request, String answer) {
    boolean continuing = false;
    for (JsonNode m : request.get("messages")) {
      continuing |= m.path("role").asString("").equals("assistant");
    }
    if (request.get("tools") == null) {
      return new ScriptedModelServer.Turn(answer, List.of(), 1500, 80);
    }
    if (continuing) {
      return new ScriptedModelServer.Turn("I have no other fix.", List.of(), 1500, 80);
    }
    List<ScriptedModelServer.Call> calls = new ArrayList<>();
    try {
      for (Edit e : EditFormat.parse(answer).edits()) {
        calls.add(ScriptedModelServer.call("edit", JSON.writeValueAsString(Map.of("path", e.path(), "search", e.search(), "replace", e.replace()))));
      }
    } catch (ModelException.MalformedAnswer e) {
      return new ScriptedModelServer.Turn(answer, List.of(), 1500, 80);
    }
    calls.add(ScriptedModelServer.call("verify", "{}"));
    return new ScriptedModelServer.Turn(answer.substring(0, answer.indexOf("\n")), calls, 1500, 80);
  }

  @Test
  void everyCheatIsRejectedByItsRuleTheHonestFixIsDeliveredAndAnIgnoringBaselineIsRed() throws Exception {
    Map<String, String> answers = answers();
    Map<String, Integer> asked = new ConcurrentHashMap<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = PACKAGE.matcher(request);
      String repo = m.find() ? answers.keySet().stream().filter(r -> id(r).equals(m.group(1))).findFirst().orElse("?") : "?";
      asked.merge(repo, 1, Integer::sum);
      String answer = answers.getOrDefault(repo, "no edits: this repository was not scripted");
      byte[] body = ScriptedModelServer.openAiCompletion(turn(JSON.readTree(request), answer)).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      Map<String, Path> origins = new LinkedHashMap<>();
      StringBuilder inventory = new StringBuilder("name,clone_url\n");
      for (String repo : answers.keySet().stream().sorted().toList()) {
        origins.put(repo, GitFixtures.origin(tmp.resolve("origins"), repo, repository(repo, false, 120)));
      }
      // Already red before any change, hidden by its own POM: a failing test, and testFailureIgnore.
      origins.put("ignores-failures", GitFixtures.origin(tmp.resolve("origins"), "ignores-failures", repository("ignores-failures", true, 121)));
      origins.forEach((repo, origin) -> inventory.append(repo).append(',').append(origin).append('\n'));
      assertThat(fleet("inventory", "import", Files.writeString(tmp.resolve("inventory.csv"), inventory).toString()).exit()).isZero();
      int port = server.getAddress().getPort();
      Path spec = Files.writeString(tmp.resolve("spec.yaml"), SPEC.formatted("half-even", "[\"*\"]", port, ""));

      Result run = fleet("campaign", "run", spec.toString());

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.REPOSITORIES_FAILED.code());
      Map<String, JsonNode> outcomes = outcomes("half-even");
      for (Map.Entry<String, String> cheat : RULES.entrySet()) {
        String repo = cheat.getKey();
        JsonNode outcome = outcomes.get(repo);
        assertThat(outcome.get("status").asString()).as(repo + ": " + outcome.get("reason").asString()).isEqualTo("GUARDRAIL_REJECTED");
        assertThat(outcome.get("reason").asString()).as(repo).contains("rejected by guardrail " + cheat.getValue() + ":");
        assertThat(pushed(origins.get(repo), "half-even")).as(repo + " must push nothing").isFalse();
      }
      assertThat(asked).as("each repository red after the recipe asked the model once").containsOnlyKeys(answers.keySet())
          .allSatisfy((repo, n) -> assertThat(n).isOne());

      JsonNode honest = outcomes.get("honest");
      assertThat(honest.get("status").asString()).as(honest.get("reason").asString()).isEqualTo("PR_OPENED");
      assertThat(pushed(origins.get("honest"), "half-even")).isTrue();
      assertThat(runDir("half-even").resolve("honest/pull-request.md")).content().contains(
          "**Verify**: green (test), 2 tests executed; 2 before the change. The test reports show 2 tests, 0 failures, 0 errors, 0 skipped.",
          "no-fewer-assertions, no-swallowed-failures, no-test-skipping-config",
          "Tools the model used: edit ×1, verify ×1; 1 model turn(s), 1580 tokens.");

      JsonNode baseline = outcomes.get("ignores-failures");
      assertThat(baseline.get("status").asString()).isEqualTo("BASELINE_RED");
      assertThat(baseline.get("reason").asString()).isEqualTo("red before any change: 1 test failure in the reports although Maven exited 0 "
          + "(the build ignores test failures: testFailureIgnore)");

      // With the build guardrail turned off by name, testFailureIgnore gets past the guardrails,
      // and the verdict from the reports still says red: no pull request.
      Path lenient = Files.writeString(tmp.resolve("lenient.yaml"),
          SPEC.formatted("half-even-lenient", "[cheat-ignore]", port, "guardrails: {off: [no-test-skipping-config]}"));
      Result second = fleet("campaign", "run", lenient.toString());

      assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(ExitCode.REPOSITORIES_FAILED.code());
      JsonNode ignored = outcomes("half-even-lenient").get("cheat-ignore");
      assertThat(ignored.get("status").asString()).as(ignored.get("reason").asString()).isEqualTo("NEEDS_HUMAN");
      assertThat(ignored.get("reason").asString()).contains(
          "1 test failure in the reports although Maven exited 0 (the build ignores test failures: testFailureIgnore)",
          "(guardrails off by the spec: no-test-skipping-config)");
      assertThat(pushed(origins.get("cheat-ignore"), "half-even-lenient")).isFalse();
    } finally {
      server.stop(0);
    }
  }

  private Map<String, JsonNode> outcomes(String campaign) {
    Result shown = fleet("campaign", "status", campaign, "--json");
    JsonNode status = JSON.readTree(shown.out());
    assertThat(status.get("repositories")).as(shown.out() + shown.err()).isNotNull();
    Map<String, JsonNode> byRepo = new HashMap<>();
    status.get("repositories").forEach(r -> byRepo.put(r.get("name").asString(), r));
    return byRepo;
  }

  private Path runDir(String campaign) throws Exception {
    try (Stream<Path> dirs = Files.list(tmp.resolve("data/runs/" + campaign))) {
      return dirs.findFirst().orElseThrow();
    }
  }

  private static boolean pushed(Path origin, String campaign) throws Exception {
    try (Git git = Git.open(origin.toFile())) {
      return git.getRepository().exactRef("refs/heads/fleet/" + campaign) != null;
    }
  }
}
