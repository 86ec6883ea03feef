package io.fleetmigrate.fix;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a model writes edits, both ways: a JSON object (through a JSON schema where the provider
 * supports one) or, for models and servers without structured output, fenced search/replace blocks.
 * The parser accepts either, whichever the model chose, so one prompt fits every provider.
 */
public final class EditFormat {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern BLOCK =
      // The path on the line before the block; models often put a ```java fence between the two.
      Pattern.compile(
          "(?m)^[ \\t]*(?:FILE:\\s*)?`?([^\\s`<>=]+)`?[ \\t]*\\R(?:```[\\w-]*[ \\t]*\\R)?<<<<<<< SEARCH\\R(.*?)^=======\\R(.*?)^>>>>>>> REPLACE[ \\t]*$",
          Pattern.DOTALL);
  private static final Pattern JSON_FENCE = Pattern.compile("```(?:json)?\\s*(\\{.*})\\s*```", Pattern.DOTALL);

  private EditFormat() {}

  /** The schema of the JSON answer, for providers that enforce one. */
  public static ResponseFormat responseFormat() {
    JsonObjectSchema edit =
        JsonObjectSchema.builder()
            .addStringProperty("path", "file path relative to the repository root")
            .addStringProperty("search", "exact text to find, occurring once in the file; empty to create a new file")
            .addStringProperty("replace", "the text that replaces it")
            .required("path", "search", "replace")
            .additionalProperties(false)
            .build();
    JsonObjectSchema root =
        JsonObjectSchema.builder()
            .addStringProperty("explanation", "what was wrong and why these edits fix it, in two or three sentences")
            .addProperty("edits", JsonArraySchema.builder().items(edit).build())
            .required("explanation", "edits")
            .additionalProperties(false)
            .build();
    return ResponseFormat.builder()
        .type(ResponseFormatType.JSON)
        .jsonSchema(JsonSchema.builder().name("fleet_edits").rootElement(root).build())
        .build();
  }

  /** What the prompt says about the answer's shape. */
  public static String instructions() {
    return """
        Answer with JSON only, of this shape:
        {"explanation": "<what was wrong and why these edits fix it>",
         "edits": [{"path": "<file relative to the repository root>",
                    "search": "<exact text that occurs exactly once in the file>",
                    "replace": "<the replacement>"}]}
        If you cannot produce JSON, write each edit as a block instead:
        path/to/File.java
        <<<<<<< SEARCH
        exact existing lines
        =======
        replacement lines
        >>>>>>> REPLACE
        Rules: copy search text exactly, including indentation; include enough lines that it occurs
        once; use an empty search only to create a new file. Keep the change minimal. Never delete,
        disable or weaken tests, and never edit CI configuration.""";
  }

  /** Reads {@code answer} as JSON or as search/replace blocks. */
  public static FixProposal parse(String answer) throws ModelException.MalformedAnswer {
    String text = answer.strip();
    // A JSON answer may still be followed by a sentence ("Hope this helps"): read up to the last brace.
    String json = text.startsWith("{") && text.lastIndexOf('}') > 0 ? text.substring(0, text.lastIndexOf('}') + 1) : null;
    if (json == null) {
      Matcher fence = JSON_FENCE.matcher(text);
      if (fence.find()) {
        json = fence.group(1);
      }
    }
    if (json != null) {
      return fromJson(json);
    }
    List<Edit> edits = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    int firstBlock = -1;
    while (m.find()) {
      if (firstBlock < 0) {
        firstBlock = m.start();
      }
      edits.add(new Edit(m.group(1), m.group(2), m.group(3)));
    }
    if (edits.isEmpty()) {
      throw new ModelException.MalformedAnswer(
          "the answer held neither JSON edits nor SEARCH/REPLACE blocks; it began: " + preview(text));
    }
    return new FixProposal(text.substring(0, firstBlock).strip(), edits);
  }

  private static FixProposal fromJson(String json) throws ModelException.MalformedAnswer {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new ModelException.MalformedAnswer("the answer is not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode edits = root.get("edits");
    if (edits == null || !edits.isArray()) {
      throw new ModelException.MalformedAnswer("the JSON answer has no 'edits' array");
    }
    List<Edit> list = new ArrayList<>();
    for (int i = 0; i < edits.size(); i++) {
      JsonNode e = edits.get(i);
      if (!e.isObject() || !text(e, "path") || !text(e, "search") || !text(e, "replace")) {
        throw new ModelException.MalformedAnswer("edits[" + i + "] needs string fields 'path', 'search' and 'replace'");
      }
      list.add(new Edit(e.get("path").asString(), e.get("search").asString(), e.get("replace").asString()));
    }
    JsonNode explanation = root.get("explanation");
    return new FixProposal(explanation == null || !explanation.isString() ? "" : explanation.asString(), list);
  }

  private static boolean text(JsonNode node, String field) {
    return node.get(field) != null && node.get(field).isString();
  }

  private static String preview(String text) {
    String one = text.replaceAll("\\s+", " ");
    return one.isEmpty() ? "(empty)" : "'" + (one.length() > 120 ? one.substring(0, 117) + "..." : one) + "'";
  }
}
