package io.fleetmigrate.fix;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A LangChain4j {@link ChatModel} as a {@link FixModel}. */
public final class ChatFixModel implements FixModel {
  private final ChatModel model;
  private final @Nullable ResponseFormat format;
  private final int maxOutputTokens;
  private final boolean tools;

  /**
   * @param format the JSON schema to ask for, where the provider enforces one; {@code null} to rely
   *     on the prompt's instructions (search/replace blocks are accepted too)
   */
  public ChatFixModel(ChatModel model, @Nullable ResponseFormat format, int maxOutputTokens) {
    this(model, format, maxOutputTokens, false);
  }

  /** @param tools whether the model is given tools ({@code fix.tools}) */
  public ChatFixModel(ChatModel model, @Nullable ResponseFormat format, int maxOutputTokens, boolean tools) {
    this.model = model;
    this.format = format;
    this.maxOutputTokens = maxOutputTokens;
    this.tools = tools;
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
    ChatResponse response = call(request.build());
    TokenUsage usage = response.tokenUsage();
    String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
    return new ModelReply(text, input(usage), output(usage));
  }

  @Override
  public boolean usesTools() {
    return tools;
  }

  @Override
  public ModelTurn converse(List<ChatMessage> messages, List<ToolSpecification> specifications) throws ModelException.CallFailed {
    // No response format here: a JSON schema answer and tool calls exclude each other on most servers.
    ChatResponse response = call(ChatRequest.builder()
        .messages(List.copyOf(messages))
        .toolSpecifications(specifications)
        .maxOutputTokens(maxOutputTokens)
        .build());
    AiMessage message = response.aiMessage() == null ? AiMessage.from("") : response.aiMessage();
    return new ModelTurn(message, input(response.tokenUsage()), output(response.tokenUsage()));
  }

  private ChatResponse call(ChatRequest request) throws ModelException.CallFailed {
    try {
      return model.chat(request);
    } catch (RuntimeException e) {
      // LangChain4j reports every failure unchecked; at this boundary it becomes ours.
      throw new ModelException.CallFailed("model call failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static long input(@Nullable TokenUsage usage) {
    return usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
  }

  private static long output(@Nullable TokenUsage usage) {
    return usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
  }
}
