package io.fleetmigrate.testing;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub's own OpenAPI description (the part we call, derived from the npm package {@code
 * @octokit/openapi} by {@code scripts/github-openapi-subset}), used to check every request our
 * code sent to {@link GitHubStub}: the path and method exist, every query parameter is declared
 * (and its value fits), required parameters are present, and the JSON body matches the
 * operation's request schema.
 */
public final class GitHubOpenApi {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String RESOURCE = "/github/api.github.com.subset.json";
  private final JsonNode spec;
  private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());

  private GitHubOpenApi(JsonNode spec) {
    this.spec = spec;
  }

  public static GitHubOpenApi load() {
    try (InputStream in = GitHubOpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing; run scripts/github-openapi-subset");
      }
      return new GitHubOpenApi(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong with each request, as "METHOD path: problem" lines; empty when all conform. */
  public List<String> problems(List<GitHubStub.Recorded> requests) {
    List<String> problems = new ArrayList<>();
    for (GitHubStub.Recorded r : requests) {
      if (r.path().equals("/graphql")) {
        continue; // GraphQL is not in the REST description; the stub answers only the one mutation Fleet sends, by name
      }
      for (String p : problems(r)) {
        problems.add(r.method() + " " + r.path() + ": " + p);
      }
    }
    return problems;
  }

  List<String> problems(GitHubStub.Recorded r) {
    String template = template(r.path());
    if (template == null) {
      return List.of("no such path in GitHub's OpenAPI description");
    }
    JsonNode item = spec.get("paths").get(template);
    JsonNode op = item.get(r.method().toLowerCase(Locale.ROOT));
    if (op == null) {
      return List.of(r.method() + " is not an operation of " + template);
    }
    List<String> problems = new ArrayList<>();
    Set<String> declared = new HashSet<>();
    List<JsonNode> parameters = new ArrayList<>();
    item.path("parameters").forEach(p -> parameters.add(resolve(p)));
    op.path("parameters").forEach(p -> parameters.add(resolve(p)));
    for (JsonNode p : parameters) {
      if (!p.path("in").asString("").equals("query")) {
        continue;
      }
      String name = p.get("name").asString();
      declared.add(name);
      String value = r.query().get(name);
      if (value == null) {
        if (p.path("required").asBoolean(false)) {
          problems.add("required query parameter '" + name + "' is missing");
        }
        continue;
      }
      JsonNode schema = p.path("schema");
      String type = schema.path("type").asString("string");
      JsonNode typed = switch (type) {
        case "integer" -> value.matches("-?\\d+") ? JSON.getNodeFactory().numberNode(Long.parseLong(value)) : JSON.getNodeFactory().stringNode(value);
        case "boolean" -> value.equals("true") || value.equals("false") ? JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value)) : JSON.getNodeFactory().stringNode(value);
        default -> JSON.getNodeFactory().stringNode(value);
      };
      validate(schema, typed).forEach(e -> problems.add("query parameter '" + name + "'='" + value + "': " + e));
    }
    for (String name : r.query().keySet()) {
      if (!declared.contains(name)) {
        problems.add("query parameter '" + name + "' is not declared for this operation");
      }
    }
    JsonNode requestBody = resolve(op.path("requestBody"));
    boolean sent = !r.body().isBlank();
    if (requestBody.isMissingNode() || requestBody.isNull()) {
      if (sent && !JSON.readTree(r.body()).isEmpty()) {
        problems.add("sends a body, but the operation takes none");
      }
    } else if (!sent) {
      if (requestBody.path("required").asBoolean(false)) {
        problems.add("the operation requires a body; none was sent");
      }
    } else {
      JsonNode schema = requestBody.path("content").path("application/json").path("schema");
      if (schema.isMissingNode()) {
        problems.add("the operation takes no JSON body");
      } else {
        validate(schema, JSON.readTree(r.body())).forEach(e -> problems.add("body: " + e));
      }
    }
    return problems;
  }

  private List<String> validate(JsonNode schema, JsonNode value) {
    // The schema's $refs point into the document: give it the document's components as its own.
    ObjectNode root = schema.deepCopy() instanceof ObjectNode o ? o : JSON.createObjectNode();
    root.set("components", spec.get("components"));
    Schema compiled = schemas.getSchema(root);
    return compiled.validate(value).stream().map(Error::toString).toList();
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    while (n.has("$ref")) {
      String[] parts = n.get("$ref").asString().substring(2).split("/");
      JsonNode target = spec;
      for (String part : parts) {
        target = target.path(part.replace("~1", "/").replace("~0", "~"));
      }
      n = target;
    }
    return n;
  }

  private String template(String path) {
    String best = null;
    int bestLiterals = -1;
    for (Map.Entry<String, JsonNode> e : spec.get("paths").properties()) {
      String t = e.getKey();
      String regex = "\\Q" + t.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
      if (Pattern.matches(regex, path)) {
        int literals = t.replaceAll("\\{[^}]+}", "").length();
        if (literals > bestLiterals) {
          best = t;
          bestLiterals = literals;
        }
      }
    }
    return best;
  }
}
