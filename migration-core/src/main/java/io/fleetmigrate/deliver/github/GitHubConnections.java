package io.fleetmigrate.deliver.github;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.deliver.CodeHostException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.RateLimitChecker;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.kohsuke.github.extras.HttpClientGitHubConnector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * GitHub API clients, one per API URL and token, built with github-api's own rate-limit handling:
 * primary limits wait for the reset ({@link GitHubRateLimitHandler#WAIT}, and a checker that stops
 * short of the last requests), secondary limits (403/429 with {@code Retry-After}) wait as asked
 * and retry ({@link GitHubAbuseLimitHandler#WAIT}). Every content-creating call goes through the
 * API host's {@link ContentCallThrottle}.
 */
@Component
public class GitHubConnections {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GitHubConnections.class);
  /** Requests kept in reserve: below this many remaining, the client waits for the reset. */
  static final int RESERVE = 50;
  /** How long opening a connection to the API may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  /** How long one API request may wait for its answer. */
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
  private static final Set<String> CONTENT_METHODS = Set.of("POST", "PATCH", "PUT", "DELETE");

  private final ContentCallThrottle.Ledger ledger;
  private final Map<String, GitHub> clients = new ConcurrentHashMap<>();
  private final Map<String, ContentCallThrottle> throttles = new ConcurrentHashMap<>();
  private final Map<String, String> env;
  private Duration requestTimeout = REQUEST_TIMEOUT;
  private final GitHubAppTokens apps;

  @Autowired
  public GitHubConnections(DataSource dataSource) {
    this(ContentCallThrottle.jdbcLedger(dataSource), System.getenv());
  }

  public GitHubConnections(ContentCallThrottle.Ledger ledger, Map<String, String> env) {
    this.ledger = ledger;
    this.env = Map.copyOf(env);
    this.apps = new GitHubAppTokens(this, this.env);
  }

  /** The GitHub App tokens (tests set their renewal margin). */
  GitHubAppTokens apps() {
    return apps;
  }

  /**
   * What speaks for {@code host} on {@code owner}'s repositories: the App's installation token there
   * (renewed before it expires) when the spec names a {@code codeHost.app}, else the token.
   */
  public GitHubToken tokenFor(CampaignSpec.CodeHost host, String owner) throws CodeHostException {
    return host.app() != null ? apps.token(host, owner) : token(host);
  }

  /** Another request timeout for clients made from now on (tests). */
  void requestTimeout(Duration timeout) {
    this.requestTimeout = timeout;
  }

  /** The token for {@code host}'s settings, from the spec's file or the environment. */
  public GitHubToken token(CampaignSpec.CodeHost host) throws CodeHostException {
    return GitHubToken.resolve(host.tokenFile(), env);
  }

  /** The token for {@code host}'s settings, its file named by the command-line option {@code fileOption} in messages. */
  public GitHubToken token(CampaignSpec.CodeHost host, String fileOption) throws CodeHostException {
    return GitHubToken.resolve(host.tokenFile(), fileOption, env);
  }

  /**
   * Before a run that delivers to GitHub: the token resolves and GitHub accepts it (one
   * {@code GET /rate_limit}, which any kind of token may call), so a missing or refused token stops
   * the run at once (exit 4) instead of failing every repository after its build.
   */
  public void checkBeforeRun(java.nio.file.Path specFile, boolean dryRun) throws CodeHostException {
    CampaignSpec.CodeHost host;
    try {
      host = io.fleetmigrate.campaign.CampaignSpecReader.read(specFile).codeHost();
    } catch (io.fleetmigrate.campaign.SpecException e) {
      return; // the run reports it, with line and column
    }
    checkBeforeRun(host, dryRun);
  }

  /** {@link #checkBeforeRun(java.nio.file.Path, boolean)} with the spec already read. */
  public void checkBeforeRun(CampaignSpec.CodeHost host, boolean dryRun) throws CodeHostException {
    if (dryRun || !host.github()) {
      return;
    }
    if (host.app() != null) {
      try {
        apps.check(host);
      } catch (CodeHostException e) {
        log.warn("{}; nothing was run", e.getMessage(), e);
        throw new CodeHostException(e.getMessage() + "; nothing was run", e);
      }
      return;
    }
    GitHub gh = client(host, token(host));
    try {
      gh.getRateLimit();
    } catch (IOException e) {
      CodeHostException failure = firstCallFailure(host, e);
      log.warn("{}", failure.getMessage(), e); // the cause's chain, in fleet.log
      throw failure;
    }
  }

  /** What a failed {@code GET /rate_limit} before a run means, in words. */
  private static CodeHostException firstCallFailure(CampaignSpec.CodeHost host, IOException e) {
    if (e instanceof org.kohsuke.github.HttpException http) {
      int code = http.getResponseCode();
      if (code == 401) {
        return new CodeHostException("GitHub at " + host.apiUrl() + " refused the token (401 Bad credentials): check "
            + "FLEET_GITHUB_TOKEN / GITHUB_TOKEN or codeHost.tokenFile; nothing was run", e);
      }
      if (code < 0) {
        // github-api reports a failure with no HTTP answer at all (unknown host, refused, timed out) as -1.
        return new CodeHostException("cannot reach GitHub at " + host.apiUrl() + ": " + innermost(e) + "; nothing was run", e);
      }
      if (code >= 200 && code < 300) {
        // github-api could not read the body (an HTML sign-in page of a proxy, a web host instead of the API).
        return new CodeHostException("GET " + host.apiUrl() + "/rate_limit answered " + code + " with a body that is not GitHub's"
            + " rate limit (" + innermost(e) + "); is codeHost.apiUrl the REST API's root (https://api.github.com, or"
            + " https://HOST/api/v3 on GitHub Enterprise)? nothing was run", e);
      }
      return new CodeHostException("GET " + host.apiUrl() + "/rate_limit answered " + code + " to a first call ("
          + firstLine(http.getMessage()) + "); nothing was run", e);
    }
    return new CodeHostException("cannot reach GitHub at " + host.apiUrl() + ": " + e.getMessage() + "; nothing was run", e);
  }

  private static String firstLine(@Nullable String s) {
    String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static String innermost(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage()));
  }

  /** The content-call throttle of {@code host}'s API URL. */
  public ContentCallThrottle throttle(CampaignSpec.CodeHost host) {
    return throttles.computeIfAbsent(host.apiUrl(), url ->
        new ContentCallThrottle(url, host.contentCallInterval(), host.contentCallsPerHour(), ledger, Clock.systemUTC(),
            d -> Thread.sleep(d.toMillis())));
  }

  /** A client for {@code host} with {@code token}. */
  public GitHub client(CampaignSpec.CodeHost host, GitHubToken token) throws CodeHostException {
    String key = host.apiUrl() + "\n" + Integer.toHexString(token.value().hashCode());
    GitHub existing = clients.get(key);
    if (existing != null) {
      return existing;
    }
    GitHub gh = build(host, b -> b.withOAuthToken(token.value()));
    clients.put(key, gh);
    return gh;
  }

  /**
   * A client for {@code host} with the throttle, timeouts and rate-limit handling of every client,
   * then {@code auth} (which may change what it needs to).
   */
  GitHub build(CampaignSpec.CodeHost host, java.util.function.UnaryOperator<GitHubBuilder> auth) throws CodeHostException {
    ContentCallThrottle throttle = throttle(host);
    GitHubConnector http = new HttpClientGitHubConnector(new RequestTimeoutHttpClient(HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build(), requestTimeout));
    GitHubConnector throttled = request -> send(http, throttle, request);
    try {
      return auth.apply(new GitHubBuilder().withEndpoint(host.apiUrl())
          .withConnector(throttled)
          .withRateLimitHandler(GitHubRateLimitHandler.WAIT)
          .withAbuseLimitHandler(GitHubAbuseLimitHandler.WAIT)
          .withRateLimitChecker(new RateLimitChecker.LiteralValue(RESERVE)))
          .build();
    } catch (IOException e) {
      throw new CodeHostException("cannot set up the GitHub client for " + host.apiUrl() + ": " + e.getMessage(), e);
    }
  }

  private static GitHubConnectorResponse send(GitHubConnector http, ContentCallThrottle throttle, GitHubConnectorRequest request)
      throws IOException {
    if (!CONTENT_METHODS.contains(request.method())) {
      return http.send(request);
    }
    try {
      return throttle.run(() -> {
        GitHubConnectorResponse response = http.send(request);
        Instant retryAt = retryAt(response);
        if (retryAt != null) {
          throttle.blockUntil(retryAt);
        }
        return response;
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a content-creating call's turn");
    }
  }

  /** When a secondary-limit answer (403/429 with {@code Retry-After} in seconds) allows the next call, else {@code null}. */
  static @Nullable Instant retryAt(GitHubConnectorResponse response) {
    int status = response.statusCode();
    String retryAfter = response.header("Retry-After");
    if ((status != 403 && status != 429) || retryAfter == null) {
      return null;
    }
    try {
      return Instant.now().plusSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
