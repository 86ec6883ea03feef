package io.fleetmigrate.fix;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.fleetmigrate.campaign.CampaignSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a campaign's {@code fix} section (or, when it names no provider, the environment's
 * {@code FLEET_FIX_PROVIDER}, {@code FLEET_FIX_MODEL}, {@code FLEET_FIX_BASE_URL}) into a model.
 * The API key comes from an environment variable or a file only; it is handed to the HTTP client
 * and nowhere else — not to logs, the store, or a build.
 */
public class ModelProviders {
  /** Our own retries of a 429 or 5xx, per call. */
  static final int HTTP_RETRIES = 4;

  private final Map<String, String> env;
  private final RetryAfterHttpClient.Pause pause;

  public ModelProviders(Map<String, String> env, RetryAfterHttpClient.Pause pause) {
    this.env = Map.copyOf(env);
    this.pause = pause;
  }

  public static ModelProviders fromEnvironment() {
    return new ModelProviders(System.getenv(), d -> Thread.sleep(d.toMillis()));
  }

  /**
   * The model the environment names for specs that name none ({@code FLEET_FIX_PROVIDER}, {@code
   * FLEET_FIX_MODEL}, {@code FLEET_FIX_BASE_URL}); {@code provider} is empty when it names none.
   * Frozen with a run when it starts ({@code CampaignStore.freezeModel}), so a resumed run keeps it.
   */
  public record Choice(String provider, @Nullable String model, @Nullable String baseUrl) {
    public static final Choice NONE = new Choice("", null, null);
  }

  /**
   * What the environment chooses now.
   *
   * @throws IllegalArgumentException when {@code FLEET_FIX_BASE_URL} carries credentials (it would
   *     be stored with the run; the message does not repeat it)
   */
  public Choice environmentChoice() {
    if (blank(env.get("FLEET_FIX_PROVIDER"))) {
      return Choice.NONE;
    }
    if (!blank(env.get("FLEET_FIX_BASE_URL")) && io.fleetmigrate.inventory.RepoRef.carriesCredential(env.get("FLEET_FIX_BASE_URL").strip())) {
      throw new IllegalArgumentException("FLEET_FIX_BASE_URL must not carry credentials (user:key@host): give the key in"
          + " OPENAI_API_KEY / ANTHROPIC_API_KEY or a key file instead");
    }
    return new Choice(env.get("FLEET_FIX_PROVIDER").strip().toLowerCase(java.util.Locale.ROOT),
        blank(env.get("FLEET_FIX_MODEL")) ? null : env.get("FLEET_FIX_MODEL").strip(),
        blank(env.get("FLEET_FIX_BASE_URL")) ? null : env.get("FLEET_FIX_BASE_URL").strip());
  }

  /** The fix settings after the environment, as it is now, filled in what the spec left open. */
  public CampaignSpec.Fix settings(CampaignSpec.Fix spec) {
    return fill(spec, environmentChoice());
  }

  /**
   * The fix settings after {@code choice} filled in what the spec left open: the one frozen with a
   * run, or, for {@code null} (a run from before models were frozen), the environment's now.
   */
  public CampaignSpec.Fix settings(CampaignSpec.Fix spec, @Nullable Choice choice) {
    return fill(spec, choice == null ? environmentChoice() : choice);
  }

  private static CampaignSpec.Fix fill(CampaignSpec.Fix spec, Choice choice) {
    if (spec.configured() || choice.provider().isBlank()) {
      return spec;
    }
    return new CampaignSpec.Fix(
        choice.provider(),
        choice.model() == null ? spec.model() : choice.model(),
        choice.baseUrl() == null ? spec.baseUrl() : choice.baseUrl(),
        spec.apiKeyEnv(), spec.apiKeyFile(), spec.maxAttempts(), spec.callTimeout(), spec.maxOutputTokens(),
        spec.tokensPerRepository(), spec.tokensPerCampaign(), spec.judge(), spec.jsonSchema(), spec.tools(), spec.maxTurns(),
        spec.timeout(), spec.memory());
  }

  /**
   * The model for {@code fix}, settings already filled in ({@link #settings(CampaignSpec.Fix,
   * Choice)}: the environment is not read again, so a run's frozen choice stands), or empty when
   * none is configured (a normal mode: red repositories then end {@code NEEDS_HUMAN}).
   *
   * @throws ModelException when a provider is named but cannot be used (unknown, no model name, no key)
   */
  public Optional<FixModel> create(CampaignSpec.Fix fix) throws ModelException {
    if (!fix.configured()) {
      return Optional.empty();
    }
    if (fix.model().isBlank()) {
      throw new ModelException("fix provider '" + fix.provider() + "' needs a model name (fix.model or FLEET_FIX_MODEL)");
    }
    ChatModel chat = switch (fix.provider()) {
      case "openai" -> openAi(fix);
      case "anthropic" -> anthropic(fix);
      default -> throw new ModelException("unknown fix provider '" + fix.provider() + "'; use openai or anthropic");
    };
    // Anthropic gets no JSON schema through this API: the prompt's instructions and the tolerant
    // parser cover it. OpenAI-compatible servers vary: the official endpoint, vLLM, Ollama and LM
    // Studio accept json_schema; for one that rejects it, fix.jsonSchema: false falls back to the
    // prompt, and the parser reads search/replace blocks as well as JSON.
    boolean schema = fix.provider().equals("openai") && fix.jsonSchema();
    return Optional.of(new ChatFixModel(chat, schema ? EditFormat.responseFormat() : null, fix.maxOutputTokens(), fix.tools()));
  }

  private ChatModel openAi(CampaignSpec.Fix fix) throws ModelException {
    String key = apiKey(fix, "OPENAI_API_KEY");
    if (key == null) {
      if (fix.baseUrl() == null) {
        throw new ModelException("no API key for provider openai: set " + keyVariable(fix, "OPENAI_API_KEY")
            + " (or fix.apiKeyFile); local OpenAI-compatible servers need fix.baseUrl");
      }
      key = "none"; // local servers (Ollama, llama.cpp, LM Studio) accept any key; the header must be present
    }
    OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
        .httpClientBuilder(RetryAfterHttpClient.builder(HTTP_RETRIES, pause))
        .apiKey(key)
        .modelName(fix.model())
        .timeout(fix.callTimeout())
        .maxRetries(0)
        .strictJsonSchema(true);
    if (fix.baseUrl() != null) {
      b.baseUrl(fix.baseUrl());
    }
    return b.build();
  }

  private ChatModel anthropic(CampaignSpec.Fix fix) throws ModelException {
    String key = apiKey(fix, "ANTHROPIC_API_KEY");
    if (key == null) {
      throw new ModelException("no API key for provider anthropic: set " + keyVariable(fix, "ANTHROPIC_API_KEY") + " (or fix.apiKeyFile)");
    }
    AnthropicChatModel.AnthropicChatModelBuilder b = AnthropicChatModel.builder()
        .httpClientBuilder(RetryAfterHttpClient.builder(HTTP_RETRIES, pause))
        .apiKey(key)
        .modelName(fix.model())
        .maxTokens(fix.maxOutputTokens())
        .timeout(fix.callTimeout())
        .maxRetries(0);
    if (fix.baseUrl() != null) {
      b.baseUrl(fix.baseUrl());
    }
    return b.build();
  }

  private @Nullable String apiKey(CampaignSpec.Fix fix, String defaultVariable) throws ModelException {
    String value = env.get(keyVariable(fix, defaultVariable));
    if (!blank(value)) {
      return value.strip();
    }
    if (fix.apiKeyFile() != null) {
      try {
        String fromFile = Files.readString(Path.of(fix.apiKeyFile()), StandardCharsets.UTF_8).strip();
        if (!fromFile.isEmpty()) {
          return fromFile;
        }
      } catch (IOException e) {
        throw new ModelException("cannot read the API key file " + fix.apiKeyFile() + ": " + e.getClass().getSimpleName(), e);
      }
    }
    return null;
  }

  private static String keyVariable(CampaignSpec.Fix fix, String defaultVariable) {
    return fix.apiKeyEnv() == null ? defaultVariable : fix.apiKeyEnv();
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }

}
