package io.fleetmigrate.deliver.gitlab;

import io.fleetmigrate.deliver.github.ContentCallThrottle;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few GitLab REST API v4 calls Fleet Migrate makes, over {@link HttpClient} and Jackson.
 *
 * <p>Why not GitLab4J (6.2.0, the well-kept client): it runs on Spring Boot 4.0.7's Jersey 4.0.2
 * (a loopback check of {@code GET /user}, a form {@code POST} of a merge request and a 429 all
 * worked), but it hands back only bodies, so the {@code RateLimit-Remaining} / {@code RateLimit-Reset}
 * headers of successful answers cannot be read and honoured; it also brings Jersey's Apache
 * connector 3.1.10 next to Jersey 4.0.2, HK2 and Jackson 2. The calls we need are a dozen GETs,
 * POSTs and PUTs of JSON, written here once.
 *
 * <p>Every request carries the token in {@code PRIVATE-TOKEN} (never in a URL). A 429 is waited
 * out as its {@code Retry-After} says and retried; when {@code RateLimit-Remaining} falls to
 * {@link #RESERVE}, the next request waits for {@code RateLimit-Reset}. Content-creating calls
 * (POST, PUT, DELETE) go through the API host's {@link ContentCallThrottle}, spaced as for GitHub,
 * and a 429 on one holds every later one back.
 */
public final class GitLabApi {
  private static final Logger log = LoggerFactory.getLogger(GitLabApi.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> CONTENT_METHODS = Set.of("POST", "PUT", "DELETE");
  /** Requests kept in reserve: at or below this many remaining, the next request waits for the reset. */
  static final int RESERVE = 10;
  /** How often one request is tried when GitLab keeps answering 429. */
  static final int ATTEMPTS = 5;
  /** The wait when a 429 names none. */
  static final Duration DEFAULT_RETRY = Duration.ofSeconds(60);
  /** The longest wait for a reset or a {@code Retry-After} that is honoured; longer ones fail the call. */
  static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

  /** An answer GitLab gave that is not a success. */
  public static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    Failure(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status (0: no answer at all). */
    public int status() {
      return status;
    }
  }

  /** One answer: its body and the next page's number (GitLab's {@code X-Next-Page}), if any. */
  private record Answer(JsonNode body, @Nullable String nextPage) {}

  private final String apiUrl;
  private final GitLabToken token;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final ContentCallThrottle throttle;
  private final Clock clock;
  private volatile @Nullable Instant notBefore;

  GitLabApi(String apiUrl, GitLabToken token, HttpClient http, Duration requestTimeout, ContentCallThrottle throttle, Clock clock) {
    this.apiUrl = apiUrl;
    this.token = token;
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.throttle = throttle;
    this.clock = clock;
  }

  public String apiUrl() {
    return apiUrl;
  }

  /** A path segment for a project or group id or path ({@code acme/platform/billing} → {@code acme%2Fplatform%2Fbilling}). */
  public static String id(String idOrPath) {
    return URLEncoder.encode(idOrPath, StandardCharsets.UTF_8);
  }

  /** {@code GET path?query}. */
  public JsonNode get(String path, Map<String, String> query) throws IOException, InterruptedException {
    return call("GET", path, query, null).body();
  }

  /** Every page of the list at {@code path} (100 a page, following {@code X-Next-Page}). */
  public List<JsonNode> getAll(String path, Map<String, String> query) throws IOException, InterruptedException {
    List<JsonNode> all = new ArrayList<>();
    Map<String, String> q = new LinkedHashMap<>(query);
    q.put("per_page", "100");
    String page = "1";
    while (page != null) {
      q.put("page", page);
      Answer answer = call("GET", path, q, null);
      if (!answer.body().isArray()) {
        throw new Failure(200, "GET " + path + " answered something that is not a list");
      }
      answer.body().forEach(all::add);
      page = answer.nextPage();
    }
    return all;
  }

  /** {@code POST path} with the JSON {@code body}, through the content-call throttle. */
  public JsonNode post(String path, Map<String, ?> body) throws IOException, InterruptedException {
    return call("POST", path, Map.of(), body).body();
  }

  /** {@code PUT path} with the JSON {@code body}, through the content-call throttle. */
  public JsonNode put(String path, Map<String, ?> body) throws IOException, InterruptedException {
    return call("PUT", path, Map.of(), body).body();
  }

  private Answer call(String method, String path, Map<String, String> query, @Nullable Map<String, ?> body)
      throws IOException, InterruptedException {
    String q = query.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    URI uri = URI.create(apiUrl + path + (q.isEmpty() ? "" : "?" + q));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .header("Accept", "application/json")
        .header("PRIVATE-TOKEN", token.value())
        .timeout(requestTimeout);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    boolean content = CONTENT_METHODS.contains(method);
    for (int attempt = 1; ; attempt++) {
      awaitReset();
      HttpResponse<String> response = content ? throttle.run(() -> send(request.build(), method, path)) : send(request.build(), method, path);
      noteRateLimit(response);
      if (response.statusCode() == 429 && attempt < ATTEMPTS) {
        Instant retryAt = clock.instant().plus(retryAfter(response));
        tooLong(retryAt);
        log.warn("GitLab at {} answered 429 to {} {}; waiting until {} (Retry-After)", apiUrl, method, path, retryAt);
        if (content) {
          throttle.blockUntil(retryAt);
        } else {
          sleepUntil(retryAt);
        }
        continue;
      }
      if (response.statusCode() < 200 || response.statusCode() >= 300) {
        throw new Failure(response.statusCode(), method + " " + path + " answered " + response.statusCode() + message(response.body()));
      }
      try {
        JsonNode node = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        String next = response.headers().firstValue("X-Next-Page").filter(s -> !s.isBlank()).orElse(null);
        return new Answer(node, next);
      } catch (JacksonException e) {
        throw new Failure(response.statusCode(), method + " " + path + " answered " + response.statusCode()
            + " with a body that is not JSON; is codeHost.apiUrl GitLab's REST API root (https://HOST/api/v4)?");
      }
    }
  }

  private HttpResponse<String> send(HttpRequest request, String method, String path) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted during " + method + " " + path);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw new Failure(0, "cannot reach GitLab at " + apiUrl + " (" + method + " " + path + "): "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  /** GitLab's error text ({@code {"message": ...}} or {@code {"error": ...}}), short. */
  private static String message(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode m = node.has("message") ? node.get("message") : node.path("error");
      String text = m.isString() ? m.asString() : m.isMissingNode() || m.isNull() ? "" : m.toString();
      return text.isBlank() ? "" : " (" + (text.length() > 300 ? text.substring(0, 300) + "..." : text) + ")";
    } catch (JacksonException e) {
      return "";
    }
  }

  private static Duration retryAfter(HttpResponse<String> response) {
    String value = response.headers().firstValue("Retry-After").orElse("").strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY;
    }
  }

  /** When few requests remain ({@code RateLimit-Remaining}), later ones wait for {@code RateLimit-Reset} (epoch seconds). */
  private void noteRateLimit(HttpResponse<String> response) {
    String remaining = response.headers().firstValue("RateLimit-Remaining").orElse(null);
    String reset = response.headers().firstValue("RateLimit-Reset").orElse(null);
    if (remaining == null || reset == null) {
      return;
    }
    try {
      if (Long.parseLong(remaining.strip()) <= RESERVE) {
        Instant at = Instant.ofEpochSecond(Long.parseLong(reset.strip()));
        notBefore = at;
        log.warn("GitLab at {}: {} requests left in this window; the next waits until {} (RateLimit-Reset)", apiUrl, remaining, at);
      }
    } catch (NumberFormatException e) {
      // A header we cannot read is no reason to stop; GitLab's 429 still is.
    }
  }

  private void awaitReset() throws InterruptedException, Failure {
    Instant at = notBefore;
    if (at != null) {
      sleepUntil(at);
      notBefore = null;
    }
  }

  /** A wait past {@link #LONGEST_WAIT} fails the call instead of holding the run for it. */
  private void tooLong(Instant at) throws Failure {
    if (Duration.between(clock.instant(), at).compareTo(LONGEST_WAIT) > 0) {
      throw new Failure(429, "GitLab at " + apiUrl + " asks to wait until " + at + "; longer than " + LONGEST_WAIT.toMinutes()
          + " minutes, so this call is given up (run again later)");
    }
  }

  private void sleepUntil(Instant at) throws InterruptedException, Failure {
    tooLong(at);
    Duration wait = Duration.between(clock.instant(), at);
    if (!wait.isNegative() && !wait.isZero()) {
      Thread.sleep(wait.toMillis());
    }
  }
}
