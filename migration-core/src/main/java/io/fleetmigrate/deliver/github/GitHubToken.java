package io.fleetmigrate.deliver.github;

import io.fleetmigrate.deliver.CodeHostException;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * A GitHub token (personal, fine-grained, or a GitHub App installation token) and where it came
 * from. Only ever read from the environment or a file, never from an argument; {@link #toString()}
 * names the source, never the value, so a token that reaches a log line by accident is still hidden.
 */
public final class GitHubToken {
  /** Variables holding the token itself, in the order they are tried. */
  public static final List<String> ENV = List.of("FLEET_GITHUB_TOKEN", "GITHUB_TOKEN");
  /** The variable naming a file that holds the token. */
  public static final String FILE_ENV = "FLEET_GITHUB_TOKEN_FILE";

  private final String value;
  private final String source;

  private GitHubToken(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /**
   * The token: from {@code specFile} (the spec's {@code codeHost.tokenFile}) when given, else from
   * {@code FLEET_GITHUB_TOKEN}, {@code GITHUB_TOKEN}, or the file {@code FLEET_GITHUB_TOKEN_FILE} names.
   */
  public static GitHubToken resolve(@Nullable String specFile, Map<String, String> env) throws CodeHostException {
    return resolve(specFile, "codeHost.tokenFile", env);
  }

  /** Like {@link #resolve(String, Map)}, for a file given where {@code fileOption} says (e.g. {@code --token-file}). */
  public static GitHubToken resolve(@Nullable String tokenFile, String fileOption, Map<String, String> env) throws CodeHostException {
    if (tokenFile != null) {
      return fromFile(tokenFile, fileOption, env);
    }
    for (String name : ENV) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return new GitHubToken(v.strip(), "environment variable " + name);
      }
    }
    String file = env.get(FILE_ENV);
    if (file != null && !file.isBlank()) {
      return fromFile(file, FILE_ENV, env);
    }
    throw new CodeHostException(
        "no GitHub token: set FLEET_GITHUB_TOKEN or GITHUB_TOKEN, or name a file holding it in FLEET_GITHUB_TOKEN_FILE or the spec's codeHost.tokenFile");
  }

  private static GitHubToken fromFile(String name, String from, Map<String, String> env) throws CodeHostException {
    io.fleetmigrate.deliver.TokenFile file = io.fleetmigrate.deliver.TokenFile.read(name, "GitHub", from, env);
    return new GitHubToken(file.value(), "file " + file.path());
  }

  /** A token GitHub issued (a GitHub App installation token), named by {@code source} in messages. */
  static GitHubToken issued(String value, String source) {
    return new GitHubToken(value, source);
  }

  /** The secret itself; hand it only to the API client and the git credentials. */
  public String value() {
    return value;
  }

  /** Where the token came from, safe to print. */
  public String source() {
    return source;
  }

  /** Credentials for git over HTTPS: GitHub takes any user name with the token as the password. */
  public CredentialsProvider credentials() {
    return new UsernamePasswordCredentialsProvider("x-access-token", value);
  }

  @Override
  public String toString() {
    return "GitHubToken[" + source + "]";
  }
}
