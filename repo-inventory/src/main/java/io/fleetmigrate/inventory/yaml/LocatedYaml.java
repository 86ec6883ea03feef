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
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLParser;
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
        if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
          // Jackson keeps an alias as its name, so '*defaults' would bind as the text "defaults";
          // refusing aliases also stops an alias bomb before anything is expanded.
          throw new YamlException(at(source, parser.currentTokenLocation())
              + "YAML aliases ('*" + parser.getString() + "') are not accepted here; write the value out", null);
        }
        if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
          // The first token seen at a pointer is its key (or, in a list, the item itself).
          positions.putIfAbsent(parser.streamReadContext().pathAsPointer().toString(), parser.currentTokenLocation());
        }
      }
      tree = YAML.readTree(yaml);
    } catch (JacksonException e) {
      String message = e.getOriginalMessage();
      if (message.contains("(TAB)")) {
        // SnakeYAML stops at the end of the line before; name the line that holds the tab.
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          String indent = lines.get(i).substring(0, lines.get(i).length() - lines.get(i).stripLeading().length());
          if (indent.contains("\t")) {
            throw new YamlException(source + ":" + (i + 1) + ":" + (indent.indexOf('\t') + 1) + ": line " + (i + 1)
                + " is indented with a tab; YAML indents with spaces only", e);
          }
        }
      }
      if (message.startsWith("Trailing token")) {
        throw new YamlException(at(source, e.getLocation())
            + "a second YAML document starts here (after '---'); this file must hold one document", e);
      }
      throw new YamlException(at(source, e.getLocation()) + "not valid YAML: " + oneLine(message), e);
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
      String field = pointer.isEmpty() ? "the document" : "'" + pointer.substring(1).replace('/', '.') + "'";
      if (e instanceof UnrecognizedPropertyException unknown) {
        problem = "unknown field '" + unknown.getPropertyName() + "'; known fields here: " + unknown.getKnownPropertyIds();
      } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
          && !tree.at(pointer).isMissingNode()) {
        problem = field + " must be " + expected(mismatch.getTargetType()) + ", not " + actual(tree.at(pointer));
      } else {
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
    if (location == null) {
      location = positions.get(""); // not written at all: the document's start
    }
    return new YamlException(at(source, location) + problem, null);
  }

  /** What a value of {@code type} is, in the words of a person writing YAML. */
  private static String expected(Class<?> type) {
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    return "a mapping (fields indented under it)";
  }

  private static String actual(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return "'" + node.asString() + "'";
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
