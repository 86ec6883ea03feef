package io.fleetmigrate.deliver.gitlab;

import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.TokenFile;
import java.util.Map;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * A GitLab token (personal, group or project access token) and where it came from. Only ever read
 * from the environment or a file, never from an argument; {@link #toString()} names the source,
 * never the value.
 */
public final class GitLabToken {
  /** The variable holding the token itself. */
  public static final String ENV = "FLEET_GITLAB_TOKEN";

  private final String value;
  private final String source;

  private GitLabToken(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /**
   * The token: from {@code tokenFile} (the spec's {@code codeHost.tokenFile}, or a command's
   * {@code --token-file}, named {@code fileOption} in messages) when given, else from {@code FLEET_GITLAB_TOKEN}.
   */
  public static GitLabToken resolve(@Nullable String tokenFile, String fileOption, Map<String, String> env) throws CodeHostException {
    if (tokenFile != null) {
      TokenFile file = TokenFile.read(tokenFile, "GitLab", fileOption, env);
      return new GitLabToken(file.value(), "file " + file.path());
    }
    String v = env.get(ENV);
    if (v != null && !v.isBlank()) {
      return new GitLabToken(v.strip(), "environment variable " + ENV);
    }
    throw new CodeHostException("no GitLab token: set " + ENV + ", or name a file holding it in " + fileOption);
  }

  /** The secret itself; hand it only to the API client and the git credentials. */
  String value() {
    return value;
  }

  /** Where the token came from, safe to print. */
  public String source() {
    return source;
  }

  /** Credentials for git over HTTPS: GitLab takes the user name {@code oauth2} with the token as the password. */
  public CredentialsProvider credentials() {
    return new UsernamePasswordCredentialsProvider("oauth2", value);
  }

  @Override
  public String toString() {
    return "GitLabToken[" + source + "]";
  }
}
