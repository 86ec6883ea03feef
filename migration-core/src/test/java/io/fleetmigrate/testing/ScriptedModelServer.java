package io.fleetmigrate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback model endpoint that speaks the real wire protocols — OpenAI chat completions
 * ({@code /v1/chat/completions}, {@code tool_calls} and {@code tool} messages) and Anthropic
 * messages ({@code /v1/messages}, {@code tool_use} and {@code tool_result} blocks) — and answers
 * each call with the next scripted turn: text, or tool calls. Every request body is kept, so tests
 * read what the model was sent (tool results included). A call beyond the script gets a 400 and is
 * counted: a loop that asks more often than it should is a bug the test sees.
 */
public final class ScriptedModelServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One tool call: the tool's name and its arguments as a JSON object. */
  public record Call(String name, String arguments) {}

  /** One scripted answer: text, tool calls, or both, and the usage the provider reports. */
  public record Turn(String text, List<Call> calls, int inputTokens, int outputTokens) {
    public Turn {
      calls = List.copyOf(calls);
    }

    public static Turn text(String text) {
      return new Turn(text, List.of(), 1000, 100);
    }

    public static Turn calls(Call... calls) {
      return new Turn("", List.of(calls), 1000, 100);
    }
  }

  public static Call call(String name, String arguments) {
    return new Call(name, arguments);
  }

  private final HttpServer server;
  private final List<Turn> script;
  private final boolean perConversation;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private int overruns;

  /** Answers the calls, whichever conversation they belong to, with the script's turns in order. */
  public ScriptedModelServer(List<Turn> script) throws IOException {
    this(script, false);
  }

  /**
   * Answers turn K of every conversation (K: the assistant messages the request already holds) with
   * the script's turn K: many repositories, in any order or in parallel, each the same conversation.
   */
  public static ScriptedModelServer perConversation(List<Turn> script) throws IOException {
    return new ScriptedModelServer(script, true);
  }

  private ScriptedModelServer(List<Turn> script, boolean perConversation) throws IOException {
    this.script = new ArrayList<>(script);
    this.perConversation = perConversation;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", e -> answer(e, false));
    server.createContext("/v1/messages", e -> answer(e, true));
    server.start();
  }

  /** The base URL for {@code fix.baseUrl}: {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** Model calls answered from the script. */
  public int calls() {
    return requests.size() - overruns;
  }

  public synchronized int overruns() {
    return overruns;
  }

  private synchronized void answer(HttpExchange exchange, boolean anthropic) throws IOException {
    JsonNode request = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    requests.add(request);
    int index = perConversation ? assistantTurns(request) : requests.size() - 1 - overruns;
    int status = 200;
    String body;
    if (index >= script.size()) {
      overruns++;
      status = 400;
      body = "{\"error\":{\"message\":\"the model was called " + requests.size() + " times, scripted for " + script.size()
          + "\",\"type\":\"invalid_request_error\"}}";
    } else {
      Turn turn = script.get(index);
      body = JSON.writeValueAsString(anthropic ? anthropic(turn, index) : openAi(turn, index));
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static int assistantTurns(JsonNode request) {
    int turns = 0;
    for (JsonNode m : request.get("messages")) {
      turns += m.path("role").asString("").equals("assistant") ? 1 : 0;
    }
    return turns;
  }

  /** An OpenAI chat-completions response body answering with {@code turn}: for tests that script their own server. */
  public static String openAiCompletion(Turn turn) {
    return JSON.writeValueAsString(openAi(turn, 0));
  }

  private static ObjectNode openAi(Turn turn, int index) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    if (turn.text().isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", turn.text());
    }
    if (!turn.calls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (int i = 0; i < turn.calls().size(); i++) {
        Call c = turn.calls().get(i);
        ObjectNode call = calls.addObject().put("id", "call_" + index + "_" + i).put("type", "function");
        call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
      }
    }
    ObjectNode response = JSON.createObjectNode().put("id", "chatcmpl-" + index).put("object", "chat.completion").put("created", 1)
        .put("model", "scripted");
    response.putArray("choices").addObject().put("index", 0).put("finish_reason", turn.calls().isEmpty() ? "stop" : "tool_calls")
        .set("message", message);
    response.putObject("usage").put("prompt_tokens", turn.inputTokens()).put("completion_tokens", turn.outputTokens())
        .put("total_tokens", turn.inputTokens() + turn.outputTokens());
    return response;
  }

  private static ObjectNode anthropic(Turn turn, int index) {
    ObjectNode response = JSON.createObjectNode().put("id", "msg_" + index).put("type", "message").put("role", "assistant")
        .put("model", "scripted");
    ArrayNode content = response.putArray("content");
    if (!turn.text().isEmpty()) {
      content.addObject().put("type", "text").put("text", turn.text());
    }
    for (int i = 0; i < turn.calls().size(); i++) {
      Call c = turn.calls().get(i);
      content.addObject().put("type", "tool_use").put("id", "toolu_" + index + "_" + i).put("name", c.name())
          .set("input", JSON.readTree(c.arguments()));
    }
    response.put("stop_reason", turn.calls().isEmpty() ? "end_turn" : "tool_use");
    response.putObject("usage").put("input_tokens", turn.inputTokens()).put("output_tokens", turn.outputTokens());
    return response;
  }

  /**
   * The tool results the model was sent in request {@code i}, in order: OpenAI {@code tool}
   * messages' content or Anthropic {@code tool_result} blocks' content.
   */
  public List<String> toolResults(int i) {
    List<String> results = new ArrayList<>();
    for (JsonNode m : requests.get(i).get("messages")) {
      if (m.path("role").asString("").equals("tool")) {
        results.add(m.get("content").asString());
      }
      JsonNode content = m.get("content");
      if (content != null && content.isArray()) {
        for (JsonNode block : content) {
          if (block.path("type").asString("").equals("tool_result")) {
            JsonNode c = block.get("content");
            results.add(c.isString() ? c.asString() : c.toString());
          }
        }
      }
    }
    return results;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
