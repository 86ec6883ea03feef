package io.fleetmigrate.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fleetmigrate.campaign.CampaignSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real LangChain4j models against a local HTTP server speaking the OpenAI chat-completions and
 * the Anthropic messages protocols: what we send, what we read back, and our Retry-After retry.
 */
class ModelWireTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Prompt PROMPT = new Prompt("You fix builds.", "## What the build says now\n- [COMPILE] A.java:1:1: boom\n");
  private static final String EDITS = "{\"explanation\":\"e\",\"edits\":[{\"path\":\"A.java\",\"search\":\"a\",\"replace\":\"b\"}]}";

  record Recorded(String method, String path, Map<String, List<String>> headers, String body) {}

  record Canned(int status, Map<String, String> headers, String body) {}

  private HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Deque<Canned> answers = new ArrayDeque<>();
  private final List<Duration> pauses = new ArrayList<>();
  @TempDir Path tmp;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    Canned answer = answers.isEmpty() ? new Canned(500, Map.of(), "{\"error\":\"no more canned answers\"}") : answers.poll();
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private ModelProviders providers(Map<String, String> env) {
    return new ModelProviders(env, pauses::add);
  }

  private static CampaignSpec.Fix fix(String provider, String model, String baseUrl, String keyEnv) {
    return new CampaignSpec.Fix(provider, model, baseUrl, keyEnv, null, 3, Duration.ofSeconds(20), 1024, 0, 0, false, true);
  }

  @Test
  void openAiCompatibleEndpointGetsTheSchemaAndTheKeyAndA429IsRetriedAfterRetryAfter() throws Exception {
    answers.add(new Canned(429, Map.of("Retry-After", "7"), "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}"));
    answers.add(new Canned(200, Map.of(), """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"qwen2.5-coder",
         "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":321,"completion_tokens":45,"total_tokens":366}}
        """.formatted(JSON.writeValueAsString(EDITS))));
    FixModel model = providers(Map.of("LOCAL_KEY", "sk-test-123")).create(fix("openai", "qwen2.5-coder", base(), "LOCAL_KEY")).orElseThrow();

    ModelReply reply = model.ask(PROMPT);

    assertThat(reply.text()).isEqualTo(EDITS);
    assertThat(reply.inputTokens()).isEqualTo(321);
    assertThat(reply.outputTokens()).isEqualTo(45);
    assertThat(pauses).containsExactly(Duration.ofSeconds(7));
    assertThat(requests).hasSize(2);
    Recorded sent = requests.get(1);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(header(sent, "Authorization")).isEqualTo("Bearer sk-test-123");
    JsonNode body = JSON.readTree(sent.body());
    assertThat(body.get("model").asString()).isEqualTo("qwen2.5-coder");
    assertThat(body.get("messages").get(0).get("role").asString()).isEqualTo("system");
    assertThat(body.get("messages").get(0).get("content").asString()).isEqualTo("You fix builds.");
    assertThat(body.get("messages").get(1).get("content").asString()).contains("A.java:1:1: boom");
    assertThat(body.get("response_format").get("type").asString()).isEqualTo("json_schema");
    assertThat(body.get("response_format").get("json_schema").get("name").asString()).isEqualTo("fleet_edits");
    assertThat(body.get("response_format").get("json_schema").get("schema").get("required").toString()).contains("edits");
    assertThat(body.get("max_completion_tokens") != null || body.get("max_tokens") != null).isTrue();
    assertThat(EditFormat.parse(reply.text()).edits()).containsExactly(new Edit("A.java", "a", "b"));
  }

  @Test
  void anthropicMessagesProtocolCarriesSystemKeyAndUsageAndA5xxIsRetried() throws Exception {
    answers.add(new Canned(529, Map.of(), "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    answers.add(new Canned(200, Map.of(), """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
         "content":[{"type":"text","text":%s}],"stop_reason":"end_turn",
         "usage":{"input_tokens":111,"output_tokens":22}}
        """.formatted(JSON.writeValueAsString(EDITS))));
    FixModel model = providers(Map.of("ANTHROPIC_API_KEY", "ak-test-456")).create(fix("anthropic", "claude-sonnet-4-5", base() + "/", null)).orElseThrow();

    ModelReply reply = model.ask(PROMPT);

    assertThat(reply.text()).isEqualTo(EDITS);
    assertThat(reply.inputTokens()).isEqualTo(111);
    assertThat(reply.outputTokens()).isEqualTo(22);
    assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    Recorded sent = requests.get(1);
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(header(sent, "x-api-key")).isEqualTo("ak-test-456");
    assertThat(header(sent, "anthropic-version")).isNotBlank();
    JsonNode body = JSON.readTree(sent.body());
    assertThat(body.get("model").asString()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
    assertThat(body.get("system").toString()).contains("You fix builds.");
    assertThat(body.get("messages").get(0).get("role").asString()).isEqualTo("user");
    assertThat(body.get("messages").get(0).toString()).contains("A.java:1:1: boom");
  }

  @Test
  void aClientErrorIsNotRetriedAndTheKeyIsNotInTheMessage() throws Exception {
    answers.add(new Canned(401, Map.of(), "{\"error\":{\"message\":\"invalid api key\",\"type\":\"auth\"}}"));
    FixModel model = providers(Map.of("OPENAI_API_KEY", "sk-secret-789")).create(fix("openai", "gpt-4o-mini", base(), null)).orElseThrow();

    assertThatThrownBy(() -> model.ask(PROMPT))
        .isInstanceOf(ModelException.CallFailed.class)
        .hasMessageContaining("invalid api key")
        .message().doesNotContain("sk-secret-789");
    assertThat(requests).hasSize(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void retriesStopAfterTheLimitAndTooLongARetryAfterIsNotWaitedFor() throws Exception {
    for (int i = 0; i < 10; i++) {
      answers.add(new Canned(503, Map.of(), "{}"));
    }
    FixModel model = providers(Map.of("OPENAI_API_KEY", "k")).create(fix("openai", "m", base(), null)).orElseThrow();
    assertThatThrownBy(() -> model.ask(PROMPT)).isInstanceOf(ModelException.CallFailed.class);
    assertThat(requests).hasSize(1 + ModelProviders.HTTP_RETRIES);
    assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));

    assertThat(RetryAfterHttpClient.pauseFor(java.util.Optional.of("3600"), 0)).isNull();
    assertThat(RetryAfterHttpClient.pauseFor(java.util.Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"), 0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void keysComeFromTheEnvironmentOrAFileAndNoProviderMeansNoModel() throws Exception {
    assertThat(providers(Map.of()).create(CampaignSpec.Fix.NONE)).isEmpty();
    assertThatThrownBy(() -> providers(Map.of()).create(fix("anthropic", "claude", null, null)))
        .isInstanceOf(ModelException.class).hasMessageContaining("set ANTHROPIC_API_KEY");

    Path keyFile = Files.writeString(tmp.resolve("key"), "from-file\n");
    CampaignSpec.Fix withFile =
        new CampaignSpec.Fix("openai", "m", base(), "UNSET_VAR", keyFile.toString(), 3, Duration.ofSeconds(5), 512, 0, 0, false, false);
    answers.add(new Canned(200, Map.of(), "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}"));
    providers(Map.of()).create(withFile).orElseThrow().ask(PROMPT);
    assertThat(header(requests.get(0), "Authorization")).isEqualTo("Bearer from-file");
    // fix.jsonSchema: false, for servers that reject response_format
    assertThat(JSON.readTree(requests.get(0).body()).get("response_format")).isNull();

    CampaignSpec.Fix fromEnv = providers(Map.of("FLEET_FIX_PROVIDER", "openai", "FLEET_FIX_MODEL", "llama3", "FLEET_FIX_BASE_URL", base()))
        .settings(CampaignSpec.Fix.NONE);
    assertThat(fromEnv.provider()).isEqualTo("openai");
    assertThat(fromEnv.model()).isEqualTo("llama3");
    assertThat(fromEnv.baseUrl()).isEqualTo(base());
  }

  @Test
  void theModelIsGivenToolsUnlessTheSpecSaysFixToolsFalse() throws Exception {
    ModelProviders providers = providers(Map.of("OPENAI_API_KEY", "k"));
    assertThat(providers.create(fix("openai", "m", base(), null)).orElseThrow().usesTools()).isTrue();
    CampaignSpec.Fix off = new CampaignSpec.Fix("openai", "m", base(), null, null, 3, Duration.ofSeconds(20), 1024, 0, 0, false, true,
        false, 10, Duration.ofMinutes(30), true);
    assertThat(providers.create(off).orElseThrow().usesTools()).isFalse();
  }

  private static String header(Recorded r, String name) {
    return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst().orElse("");
  }
}
