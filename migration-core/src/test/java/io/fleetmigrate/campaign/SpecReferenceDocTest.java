package io.fleetmigrate.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/spec-reference.md names exactly the fields the spec reader accepts: the fields come from
 * {@link CampaignSpecReader}'s own records, so a field added in code without a line in the page's
 * YAML example (or one the page names that the reader no longer accepts) fails the build.
 */
class SpecReferenceDocTest {
  static final Path PAGE = Path.of("..", "docs", "spec-reference.md");

  @Test
  void theReferencesExampleNamesExactlyTheFieldsTheReaderAccepts() throws Exception {
    String page = Files.readString(PAGE);
    int start = page.indexOf("```yaml\n") + "```yaml\n".length();
    String example = page.substring(start, page.indexOf("```", start));

    Set<String> documented = new TreeSet<>();
    keys(new YAMLMapper().readTree(example), "", documented);
    Set<String> accepted = new TreeSet<>();
    fields(CampaignSpecReader.RawSpec.class, "", accepted);

    assertThat(documented).as("fields in %s's example vs. CampaignSpecReader's records", PAGE).isEqualTo(accepted);
    // The table below the example names each top-level section too.
    for (String field : accepted) {
      assertThat(page).as("the table mentions %s", field).contains("`" + field.split("\\.")[0]);
    }
  }

  private static void keys(JsonNode node, String prefix, Set<String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = prefix + field.getKey();
      // 'recipes' holds recipe names and their options, not spec fields.
      if (field.getValue().isObject() && !path.equals("recipes")) {
        keys(field.getValue(), path + ".", out);
      } else {
        out.add(path);
      }
    }
  }

  /** The YAML names of a record's components, nested records followed (the spec's sections). */
  private static void fields(Class<?> type, String prefix, Set<String> out) {
    for (RecordComponent c : type.getRecordComponents()) {
      JsonProperty property = c.getAccessor().getAnnotation(JsonProperty.class);
      if (property == null) {
        property = c.getAnnotation(JsonProperty.class);
      }
      String name = property != null && !property.value().isEmpty() ? property.value() : c.getName();
      Class<?> fieldType = raw(c.getGenericType());
      if (fieldType.isRecord()) {
        fields(fieldType, prefix + name + ".", out);
      } else {
        out.add(prefix + name);
      }
    }
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
  }
}
