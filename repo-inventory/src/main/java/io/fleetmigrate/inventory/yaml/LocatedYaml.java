package io.fleetmigrate.inventory.yaml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML document bound to a record type, where every error names the line and column of the key
 * or value at fault.
 *
 * <p>Jackson reports a binding error where its parser happens to be (often the next line), so the
 * document is first read as tokens to remember where each JSON pointer starts; binding errors are
 * then placed by their path.
 */
public final class LocatedYaml {
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private final String source;
  private final JsonNode tree;
  private final Map<String, TokenStreamLocation> positions;

  private LocatedYaml(String source, JsonNode tree, Map<String, TokenStreamLocation> positions) {
    this.source = source;
    this.tree = tree;
    this.positions = positions;
  }

  /** An error in a YAML document: {@code source:line:column: problem}. */
  public static final class YamlException extends Exception {
    private static final long serialVersionUID = 1L;

    YamlException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /** Parses {@code yaml}; {@code source} names it in error messages (a file path). */
  public static LocatedYaml parse(String yaml, String source) throws YamlException {
    Map<String, TokenStreamLocation> positions = new HashMap<>();
    JsonNode tree;
    try (JsonParser parser = YAML.createParser(yaml)) {
      while (parser.nextToken() != null) {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
          // The first token seen at a pointer is its key (or, in a list, the item itself).
          positions.putIfAbsent(parser.streamReadContext().pathAsPointer().toString(), parser.currentTokenLocation());
        }
      }
      tree = YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new YamlException(at(source, e.getLocation()) + "not valid YAML: " + oneLine(e.getOriginalMessage()), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new YamlException(source + ": the document is empty", null);
    }
    return new LocatedYaml(source, tree, positions);
  }

  public JsonNode tree() {
    return tree;
  }

  /** Binds the document to {@code type}; unknown fields and wrong types are errors with positions. */
  public <T> T bind(Class<T> type) throws YamlException {
    try {
      return YAML.treeToValue(tree, type);
    } catch (DatabindException e) {
      String pointer = pointer(e.getPath());
      String problem;
      if (e instanceof UnrecognizedPropertyException unknown) {
        problem = "unknown field '" + unknown.getPropertyName() + "'; known fields here: " + unknown.getKnownPropertyIds();
      } else {
        String field = pointer.isEmpty() ? "document" : "'" + pointer.substring(1).replace('/', '.') + "'";
        problem = field + ": " + firstSentence(e.getOriginalMessage());
      }
      TokenStreamLocation location = positions.get(pointer);
      throw new YamlException(at(source, location != null ? location : e.getLocation()) + problem, e);
    }
  }

  /** An error placed at the key or value {@code pointer} (e.g. {@code /verify/timeout}) names. */
  public YamlException error(String pointer, String problem) {
    String key = pointer;
    TokenStreamLocation location = positions.get(key);
    while (location == null && key.lastIndexOf('/') > 0) {
      key = key.substring(0, key.lastIndexOf('/'));
      location = positions.get(key);
    }
    return new YamlException(at(source, location) + problem, null);
  }

  private static String at(String source, @Nullable TokenStreamLocation location) {
    return location == null ? source + ": " : source + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
  }

  private static String pointer(List<DatabindException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (DatabindException.Reference ref : path) {
      pointer.append('/').append(ref.getPropertyName() != null ? ref.getPropertyName() : String.valueOf(ref.getIndex()));
    }
    return pointer.toString();
  }

  /** SnakeYAML's messages quote the source with a caret over several lines; keep the words. */
  private static String oneLine(String message) {
    return message
        .lines()
        .filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.startsWith("\t"))
        .map(String::strip)
        .reduce((a, b) -> a + "; " + b)
        .orElse(message)
        .replaceAll("\\s+", " ");
  }

  private static String firstSentence(String message) {
    String first = message.lines().findFirst().orElse(message);
    int cut = first.indexOf(" at [Source");
    return cut > 0 ? first.substring(0, cut) : first;
  }
}
