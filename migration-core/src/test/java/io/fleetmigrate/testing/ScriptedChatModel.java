package io.fleetmigrate.testing;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double for a model: answers with the scripted replies in order, reports the scripted
 * token usage, and keeps every request so tests can read the prompt. A call beyond the script
 * fails the test: a loop that asks more often than it should is a bug.
 */
public final class ScriptedChatModel implements ChatModel {
  /** One scripted answer; {@code fails}: the call throws as a provider error would. */
  public record Reply(String text, int inputTokens, int outputTokens, boolean fails) {
    public Reply(String text, int inputTokens, int outputTokens) {
      this(text, inputTokens, outputTokens, false);
    }

    public static Reply failure(String message) {
      return new Reply(message, 0, 0, true);
    }
  }

  private final List<Reply> script;
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  public ScriptedChatModel(List<Reply> script) {
    this.script = new ArrayList<>(script);
  }

  public static ScriptedChatModel answering(String... texts) {
    List<Reply> replies = new ArrayList<>();
    for (String t : texts) {
      replies.add(new Reply(t, 1000, 200));
    }
    return new ScriptedChatModel(replies);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    if (requests.size() > script.size()) {
      throw new AssertionError("model called " + requests.size() + " times, scripted for " + script.size());
    }
    Reply reply = script.get(requests.size() - 1);
    if (reply.fails()) {
      throw new dev.langchain4j.exception.HttpException(503, reply.text());
    }
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(reply.text()))
        .tokenUsage(new TokenUsage(reply.inputTokens(), reply.outputTokens()))
        .build();
  }

  public List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /** The user message of call {@code i} (0-based): the prompt the model saw. */
  public String prompt(int i) {
    return ((dev.langchain4j.data.message.UserMessage) requests.get(i).messages().get(1)).singleText();
  }
}
