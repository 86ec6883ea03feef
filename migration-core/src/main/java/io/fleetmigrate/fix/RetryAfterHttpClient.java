package io.fleetmigrate.fix;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client under our LangChain4j models, with our own retry: a 429 or 5xx is tried again
 * after the server's {@code Retry-After} (seconds or an HTTP date), or after an exponential pause
 * when it gives none. LangChain4j's own retry is switched off because its exceptions do not carry
 * {@code Retry-After}; a rate-limited provider asked again too soon only stays rate-limited. These
 * retries are below the fix loop: they never count as an attempt.
 */
public final class RetryAfterHttpClient implements HttpClient {
  private static final Logger log = LoggerFactory.getLogger(RetryAfterHttpClient.class);
  /** The longest pause we accept from a server; beyond it the call fails and the loop moves on. */
  static final Duration MAX_PAUSE = Duration.ofMinutes(2);

  /** Pauses between tries; tests record instead of sleeping. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final int maxRetries;
  private final Pause pause;

  public RetryAfterHttpClient(Duration connectTimeout, Duration readTimeout, int maxRetries, Pause pause) {
    this.http = java.net.http.HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .build();
    this.readTimeout = readTimeout;
    this.maxRetries = maxRetries;
    this.pause = pause;
  }

  /** A LangChain4j builder handing out this client; the model's own timeout setting is passed on. */
  public static HttpClientBuilder builder(int maxRetries, Pause pause) {
    return new HttpClientBuilder() {
      private Duration connect = Duration.ofSeconds(15);
      private Duration read = Duration.ofMinutes(3);

      @Override
      public Duration connectTimeout() {
        return connect;
      }

      @Override
      public HttpClientBuilder connectTimeout(Duration timeout) {
        if (timeout != null) {
          connect = timeout;
        }
        return this;
      }

      @Override
      public Duration readTimeout() {
        return read;
      }

      @Override
      public HttpClientBuilder readTimeout(Duration timeout) {
        if (timeout != null) {
          read = timeout;
        }
        return this;
      }

      @Override
      public HttpClient build() {
        return new RetryAfterHttpClient(connect, read, maxRetries, pause);
      }
    };
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
    java.net.http.HttpRequest jdk = toJdk(request);
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(jdk, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new RuntimeException("cannot reach " + URI.create(request.url()).getHost() + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeException("interrupted while calling the model", e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return SuccessfulHttpResponse.builder().statusCode(status).headers(response.headers().map()).body(response.body()).build();
      }
      boolean transientFailure = status == 429 || status >= 500;
      Duration wait = transientFailure && attempt < maxRetries ? pauseFor(response.headers().firstValue("Retry-After"), attempt) : null;
      if (wait == null) {
        throw new HttpException(status, response.body());
      }
      log.info("model endpoint answered {}; trying again in {} s (retry {} of {})", status, wait.toSeconds(), attempt + 1, maxRetries);
      try {
        pause.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HttpException(status, response.body());
      }
    }
  }

  /** {@code Retry-After} in seconds or as an HTTP date; else 1, 2, 4, ... seconds. {@code null}: too long to wait. */
  static @Nullable Duration pauseFor(Optional<String> retryAfter, int attempt) {
    Duration wait = Duration.ofSeconds(1L << Math.min(attempt, 6));
    if (retryAfter.isPresent()) {
      String value = retryAfter.get().strip();
      try {
        wait = Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
      } catch (NumberFormatException notSeconds) {
        try {
          wait = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
          wait = wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException notADate) {
          // keep the exponential pause
        }
      }
    }
    return wait.compareTo(MAX_PAUSE) > 0 ? null : wait;
  }

  private java.net.http.HttpRequest toJdk(HttpRequest request) {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    String body = request.body();
    java.net.http.HttpRequest.BodyPublisher publisher =
        body == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(body);
    return b.method(request.method().name(), publisher).build();
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    // The fix loop never streams: one complete answer per attempt.
    throw new UnsupportedOperationException("streaming is not used by Fleet Migrate");
  }
}
