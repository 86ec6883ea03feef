package io.fleetmigrate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator the GitHub tests rely on must be able to say no. */
class GitHubOpenApiTest {
  private static final GitHubOpenApi OPENAPI = GitHubOpenApi.load();

  private static GitHubStub.Recorded request(String method, String path, Map<String, String> query, String body) {
    return new GitHubStub.Recorded(method, path, query, body, 200);
  }

  @Test
  void aConformingCreateAndQueryPass() {
    assertThat(OPENAPI.problems(request("POST", "/repos/acme/billing/pulls", Map.of(),
        "{\"title\":\"t\",\"head\":\"acme:fleet/x\",\"base\":\"main\",\"body\":\"b\",\"draft\":true,\"maintainer_can_modify\":false}")))
        .isEmpty();
    assertThat(OPENAPI.problems(request("GET", "/repos/acme/billing/pulls", Map.of("state", "open", "head", "acme:fleet/x", "per_page", "10"), "")))
        .isEmpty();
  }

  @Test
  void anUndocumentedPathIsReported() {
    // github-api's commit status calls use this alias; GitHub's description does not list it.
    assertThat(OPENAPI.problems(request("GET", "/repos/acme/billing/statuses/abc123", Map.of(), "")))
        .containsExactly("no such path in GitHub's OpenAPI description");
  }

  @Test
  void aWrongMethodAnUnknownQueryParameterAndABadValueAreReported() {
    assertThat(OPENAPI.problems(request("DELETE", "/repos/acme/billing/pulls", Map.of(), ""))).hasSize(1);
    assertThat(OPENAPI.problems(request("GET", "/repos/acme/billing/pulls", Map.of("status", "open"), "")))
        .containsExactly("query parameter 'status' is not declared for this operation");
    assertThat(OPENAPI.problems(request("GET", "/repos/acme/billing/pulls", Map.of("state", "opened"), ""))).hasSize(1);
  }

  @Test
  void aBodyThatBreaksTheSchemaIsReported() {
    assertThat(OPENAPI.problems(request("POST", "/repos/acme/billing/pulls", Map.of(), "{\"title\":\"t\",\"draft\":\"yes\"}")))
        .anyMatch(p -> p.contains("draft"))
        .anyMatch(p -> p.contains("head"));
    assertThat(OPENAPI.problems(request("POST", "/repos/acme/billing/issues/1/labels", Map.of(), "{\"labels\":[1]}"))).isNotEmpty();
  }
}
