package io.fleetmigrate.deliver.gitlab;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.github.ContentCallThrottle;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * GitLab API clients, one per API URL and token, and each API host's content-call throttle
 * (counted in the store, like GitHub's). The token comes from {@code codeHost.tokenFile} or
 * {@code FLEET_GITLAB_TOKEN}.
 */
@Component
public class GitLabConnections {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GitLabConnections.class);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final ContentCallThrottle.Ledger ledger;
  private final Map<String, String> env;
  private final Map<String, ContentCallThrottle> throttles = new ConcurrentHashMap<>();
  private final Map<String, GitLabApi> clients = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();

  @Autowired
  public GitLabConnections(DataSource dataSource) {
    this(ContentCallThrottle.jdbcLedger(dataSource), System.getenv());
  }

  public GitLabConnections(ContentCallThrottle.Ledger ledger, Map<String, String> env) {
    this.ledger = ledger;
    this.env = Map.copyOf(env);
  }

  /** The token for {@code host}, its file named {@code fileOption} in messages ({@code codeHost.tokenFile}, {@code --token-file}). */
  public GitLabToken token(CampaignSpec.CodeHost host, String fileOption) throws CodeHostException {
    return GitLabToken.resolve(host.tokenFile(), fileOption, env);
  }

  /** The token for the spec's {@code host}. */
  public GitLabToken token(CampaignSpec.CodeHost host) throws CodeHostException {
    return token(host, "codeHost.tokenFile");
  }

  /** A client for {@code host} with {@code token}. */
  public GitLabApi api(CampaignSpec.CodeHost host, GitLabToken token) {
    ContentCallThrottle throttle = throttle(host);
    return clients.computeIfAbsent(host.apiUrl() + "\n" + Integer.toHexString(token.value().hashCode()),
        key -> new GitLabApi(host.apiUrl(), token, http, REQUEST_TIMEOUT, throttle, Clock.systemUTC()));
  }

  /** The content-call throttle of {@code host}'s API URL (pushes and content-creating API calls). */
  public ContentCallThrottle throttle(CampaignSpec.CodeHost host) {
    return throttles.computeIfAbsent(host.apiUrl(), url ->
        new ContentCallThrottle(url, host.contentCallInterval(), host.contentCallsPerHour(), ledger, Clock.systemUTC(),
            d -> Thread.sleep(d.toMillis())));
  }

  /**
   * Before a run that delivers to GitLab: the token resolves and GitLab accepts it ({@code GET /user}),
   * so a missing or refused token, or an unreachable GitLab, stops the run at once (exit 4).
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
    if (dryRun || !host.gitlab()) {
      return;
    }
    GitLabApi api = api(host, token(host));
    try {
      api.get("/user", Map.of());
    } catch (IOException e) {
      CodeHostException failure = firstCallFailure(host, e);
      log.warn("{}", failure.getMessage(), e);
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CodeHostException("interrupted while checking the GitLab token; nothing was run", e);
    }
  }

  private static CodeHostException firstCallFailure(CampaignSpec.CodeHost host, IOException e) {
    if (e instanceof GitLabApi.Failure f && f.status() == 401) {
      return new CodeHostException("GitLab at " + host.apiUrl() + " refused the token (401 Unauthorized): check "
          + GitLabToken.ENV + " or codeHost.tokenFile; nothing was run", e);
    }
    return new CodeHostException(e.getMessage() + "; nothing was run", e);
  }
}
