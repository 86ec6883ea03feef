package io.fleetmigrate.fix;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.jspecify.annotations.Nullable;

/** A LangChain4j {@link ChatModel} as a {@link FixModel}. */
public final class ChatFixModel implements FixModel {
  private final ChatModel model;
  private final @Nullable ResponseFormat format;
  private final int maxOutputTokens;

  /**
   * @param format the JSON schema to ask for, where the provider enforces one; {@code null} to rely
   *     on the prompt's instructions (search/replace blocks are accepted too)
   */
  public ChatFixModel(ChatModel model, @Nullable ResponseFormat format, int maxOutputTokens) {
    this.model = model;
    this.format = format;
    this.maxOutputTokens = maxOutputTokens;
  }

  @Override
  public ModelReply ask(Prompt prompt) throws ModelException.CallFailed {
    ChatRequest.Builder request =
        ChatRequest.builder()
            .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
            .maxOutputTokens(maxOutputTokens);
    if (format != null) {
      request.responseFormat(format);
    }
    ChatResponse response;
    try {
      response = model.chat(request.build());
    } catch (RuntimeException e) {
      // LangChain4j reports every failure unchecked; at this boundary it becomes ours.
      throw new ModelException.CallFailed("model call failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    TokenUsage usage = response.tokenUsage();
    String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
    return new ModelReply(
        text,
        usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
  }
}
