package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.SampleRepos;
import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetCli.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fix path as a user runs it: {@code fleet campaign run} with a spec whose {@code fix} section
 * points at an OpenAI-compatible endpoint by base URL — here a loopback server that answers with a
 * scripted completion — through the CLI, the Batch job, the pipeline and LangChain4j's OpenAI
 * module, to a pull request on the local code host.
 */
class CampaignFixIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir Path tmp;

  private static final String FIX = """
      JUnit 5 has no ArrayComparisonFailure; assertArrayEquals throws AssertionFailedError.

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

  private Result fleet(String... args) {
    return FleetCli.in(tmp.resolve("data"), args);
  }

  @Test
  void campaignWithAModelEndpointFixesTheRedRepositoryAndOpensAPullRequest() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"scripted\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":" + JSON.writeValueAsString(FIX) + "},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":2000,\"completion_tokens\":100,\"total_tokens\":2100}}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      Map<String, String> files = new LinkedHashMap<>();
      Path sample = SampleRepos.copy("search-indexer", tmp.resolve("sample"));
      try (Stream<Path> walk = Files.walk(sample)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          files.put(sample.relativize(p).toString(), Files.readString(p));
        }
      }
      Path origin = GitFixtures.origin(tmp.resolve("origins"), "search-indexer", files);
      Path inventory = Files.writeString(tmp.resolve("inventory.csv"), "name,clone_url\nsearch-indexer," + origin + "\n");
      Path spec = Files.writeString(tmp.resolve("spec.yaml"), """
          name: junit5-model
          description: Move the tests from JUnit 4 to JUnit 5 (Jupiter).
          recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
          verify: {command: mvn -B -ntp verify, timeout: 5m}
          fix: {provider: openai, model: scripted, baseUrl: "http://127.0.0.1:%d/v1"}
          """.formatted(server.getAddress().getPort()));

      assertThat(fleet("inventory", "import", inventory.toString()).exit()).isZero();
      Result run = fleet("campaign", "run", spec.toString());

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
      JsonNode status = JSON.readTree(fleet("campaign", "status", "junit5-model", "--json").out());
      JsonNode repo = status.get("repositories").get(0);
      assertThat(repo.get("status").asString()).isEqualTo("PR_OPENED");
      assertThat(bodies).hasSize(1);
      JsonNode request = JSON.readTree(bodies.get(0));
      assertThat(request.get("model").asString()).isEqualTo("scripted");
      assertThat(request.get("messages").get(1).get("content").asString()).contains("org.junit.internal", "TokenizerTest.java");

      Path runDir;
      try (Stream<Path> dirs = Files.list(tmp.resolve("data/runs/junit5-model"))) {
        runDir = dirs.findFirst().orElseThrow().resolve("search-indexer");
      }
      assertThat(runDir.resolve("pull-request.md")).content()
          .contains("**What the model changed** (openai/scripted, 1 attempt(s), 2100 tokens)", "**Verify**: green");
      Path clone = tmp.resolve("clone");
      try (Git git = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).setBranch("fleet/junit5-model").call()) {
        assertThat(clone.resolve(SampleRepos.SEARCH_TEST)).content().contains("catch (AssertionFailedError expected)");
      }
    } finally {
      server.stop(0);
    }
  }
}
