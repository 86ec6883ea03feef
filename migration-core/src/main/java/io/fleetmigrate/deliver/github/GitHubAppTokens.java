package io.fleetmigrate.deliver.github;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.deliver.CodeHostException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHApp;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.RateLimitChecker;
import org.kohsuke.github.extras.authorization.JWTTokenProvider;

/**
 * GitHub App authentication: a JWT signed with the App's private key (github-api's {@link
 * JWTTokenProvider}, which signs with jjwt and renews the JWT itself) gets an installation token for
 * a repository's owner. The token serves the API and git alike, and is kept until
 * {@link #RENEW_BEFORE} before it expires (GitHub gives an hour), then a new one is asked for.
 *
 * <p>The key is read only from the file {@code codeHost.app.privateKeyFile} or {@code
 * FLEET_GITHUB_APP_KEY_FILE} names; neither it nor a token is ever put in a message.
 */
final class GitHubAppTokens {
  /** The variable naming the App's private key file, when the spec names none. */
  static final String KEY_FILE_ENV = "FLEET_GITHUB_APP_KEY_FILE";
  /** How long before an installation token expires a new one is asked for. */
  static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

  private record Issued(GitHubToken token, Instant expiresAt) {}

  private final GitHubConnections connections;
  private final Map<String, String> env;
  private final Map<String, GitHub> appClients = new ConcurrentHashMap<>();
  private final Map<String, Long> installations = new ConcurrentHashMap<>();
  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private volatile Duration renewBefore = RENEW_BEFORE;

  GitHubAppTokens(GitHubConnections connections, Map<String, String> env) {
    this.connections = connections;
    this.env = env;
  }

  /** Another renewal margin (tests, with tokens that live seconds). */
  void renewBefore(Duration margin) {
    this.renewBefore = margin;
  }

  /** An installation token of {@code host}'s App for the repositories of {@code owner}, renewed when it is about to expire. */
  GitHubToken token(CampaignSpec.CodeHost host, String owner) throws CodeHostException {
    CampaignSpec.App app = app(host);
    long installation = app.installation() != null ? app.installation() : installationOn(host, owner);
    String key = host.apiUrl() + "|" + app.id() + "|" + installation;
    synchronized (tokens) {
      Issued issued = tokens.get(key);
      if (issued == null || !Instant.now().plus(renewBefore).isBefore(issued.expiresAt())) {
        issued = issue(host, installation);
        tokens.put(key, issued);
      }
      return issued.token();
    }
  }

  /**
   * Before a run: the key reads, GitHub accepts the App's JWT ({@code GET /app}), and a given
   * installation exists.
   */
  void check(CampaignSpec.CodeHost host) throws CodeHostException {
    CampaignSpec.App app = app(host);
    try {
      GHApp self = appClient(host).getApp();
      if (app.installation() != null) {
        self.getInstallationById(app.installation());
      }
    } catch (IOException e) {
      throw explain(e, host, app.installation() == null ? "" : "installation " + app.installation());
    }
  }

  private static CampaignSpec.App app(CampaignSpec.CodeHost host) throws CodeHostException {
    CampaignSpec.App app = host.app();
    if (app == null) {
      throw new CodeHostException("codeHost has no 'app'; a GitHub App token was asked for by mistake");
    }
    return app;
  }

  private long installationOn(CampaignSpec.CodeHost host, String owner) throws CodeHostException {
    String key = host.apiUrl() + "|" + app(host).id() + "|" + owner.toLowerCase(java.util.Locale.ROOT);
    Long known = installations.get(key);
    if (known != null) {
      return known;
    }
    GHApp self;
    try {
      self = appClient(host).getApp();
    } catch (IOException e) {
      throw explain(e, host, "");
    }
    GHAppInstallation found;
    try {
      found = self.getInstallationByOrganization(owner);
    } catch (GHFileNotFoundException notAnOrganisation) {
      try {
        found = self.getInstallationByUser(owner);
      } catch (GHFileNotFoundException e) {
        throw new CodeHostException("GitHub App " + app(host).id() + " is not installed on " + owner + " (at " + host.apiUrl()
            + "): install it there, or name an installation in codeHost.app.installation", e);
      } catch (IOException e) {
        throw explain(e, host, "the installation on " + owner);
      }
    } catch (IOException e) {
      throw explain(e, host, "the installation on " + owner);
    }
    installations.put(key, found.getId());
    return found.getId();
  }

  private Issued issue(CampaignSpec.CodeHost host, long installation) throws CodeHostException {
    CampaignSpec.App app = app(host);
    try {
      GHAppInstallationToken t = appClient(host).getApp().getInstallationById(installation).createToken().create();
      java.util.Date expires = t.getExpiresAt();
      return new Issued(GitHubToken.issued(t.getToken(), "GitHub App " + app.id() + ", installation " + installation),
          expires == null ? Instant.now().plus(Duration.ofHours(1)) : expires.toInstant());
    } catch (IOException e) {
      throw explain(e, host, "installation " + installation);
    }
  }

  /** A client that speaks as the App itself (its JWT), for the installation endpoints. */
  private GitHub appClient(CampaignSpec.CodeHost host) throws CodeHostException {
    CampaignSpec.App app = app(host);
    String key = host.apiUrl() + "|" + app.id() + "|" + app.privateKeyFile();
    GitHub known = appClients.get(key);
    if (known != null) {
      return known;
    }
    JWTTokenProvider jwt = jwt(app);
    // No check of the remaining budget before each call: it would ask /rate_limit, which is not one of the
    // App's own endpoints; the App makes a few calls an hour, and a limit answered is still waited out.
    GitHub gh = connections.build(host, b -> b.withAuthorizationProvider(jwt).withRateLimitChecker(RateLimitChecker.NONE));
    appClients.put(key, gh);
    return gh;
  }

  private JWTTokenProvider jwt(CampaignSpec.App app) throws CodeHostException {
    String name = app.privateKeyFile();
    String from = "codeHost.app.privateKeyFile";
    if (name == null) {
      name = env.get(KEY_FILE_ENV);
      from = KEY_FILE_ENV;
    }
    if (name == null || name.isBlank()) {
      throw new CodeHostException("GitHub App " + app.id() + " needs its private key: name the file in codeHost.app.privateKeyFile"
          + " or in " + KEY_FILE_ENV);
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Path file = Path.of(name.startsWith("~/") ? home + name.substring(1) : name);
    try {
      return new JWTTokenProvider(Long.toString(app.id()), file);
    } catch (IOException e) {
      throw new CodeHostException("cannot read the GitHub App private key file " + file + " (" + from + "): "
          + e.getClass().getSimpleName(), e);
    } catch (GeneralSecurityException | RuntimeException e) {
      // The library's words say what to do (e.g. convert a PKCS#1 key); they never hold the key.
      throw new CodeHostException("the file " + file + " (" + from + ") is not a usable GitHub App private key: "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")), e);
    }
  }

  private static CodeHostException explain(IOException e, CampaignSpec.CodeHost host, String what) {
    long id = host.app() == null ? 0 : host.app().id();
    if (e instanceof HttpException http && http.getResponseCode() == 401) {
      return new CodeHostException("GitHub at " + host.apiUrl() + " refused GitHub App " + id + "'s JWT (401): check codeHost.app.id"
          + " and that the private key is that App's", e);
    }
    if (e instanceof GHFileNotFoundException) {
      return new CodeHostException("GitHub at " + host.apiUrl() + " knows no " + (what.isEmpty() ? "GitHub App " + id : what + " of GitHub App " + id)
          + " (404): check codeHost.app", e);
    }
    if (e instanceof HttpException http) {
      return new CodeHostException("GitHub at " + host.apiUrl() + " answered " + http.getResponseCode() + " for GitHub App " + id
          + (what.isEmpty() ? "" : " (" + what + ")"), e);
    }
    return new CodeHostException("cannot reach GitHub at " + host.apiUrl() + " for GitHub App " + id + ": " + e.getClass().getSimpleName(), e);
  }
}
