package io.fleetmigrate.deliver;

import java.io.IOException;
import java.util.Locale;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.jspecify.annotations.Nullable;

/**
 * {@code codeHost.fork}: whether a campaign branch goes to the repository or to the token user's
 * fork, decided once for every host that can fork. {@code never}: the repository, and a refused
 * push is the repository's error; {@code always}: the fork at once; {@code auto}: the repository
 * first, and the fork only when git refused the push for want of permission (HTTP 403, JGit's
 * "not permitted"). A token git does not accept (401) is not a reason to fork: the fork would be
 * pushed with the same token.
 *
 * <p>The upstream is tried first rather than asking the host about the token's rights: not every
 * token says what it may do (GitHub App installation tokens, GitLab project tokens), but git's
 * answer to the push always does.
 */
public final class ForkPolicy {
  private ForkPolicy() {}

  /** A delivery to the repository itself; a push git refused for want of permission is a {@link PushRefused}. */
  @FunctionalInterface
  public interface Upstream {
    Delivery deliver() throws IOException, InterruptedException, GitAPIException, CodeHostException;
  }

  /** A delivery to the token user's fork (found, or created). */
  @FunctionalInterface
  public interface Fork {
    /** @param refused why the repository refused the push ({@code null}: {@code fork: always}, not tried) */
    Delivery deliver(@Nullable PushRefused refused) throws IOException, InterruptedException, GitAPIException, CodeHostException;
  }

  /** Delivers where {@code mode} ({@code auto}, {@code always} or {@code never}) says. */
  public static Delivery deliver(String mode, Upstream upstream, Fork fork)
      throws IOException, InterruptedException, GitAPIException, CodeHostException {
    switch (mode) {
      case "always":
        return fork.deliver(null);
      case "never":
        try {
          return upstream.deliver();
        } catch (PushRefused refused) {
          throw new CodeHostException(refused.getMessage() + "; codeHost.fork is never, so no fork was tried", refused);
        }
      default:
        try {
          return upstream.deliver();
        } catch (PushRefused refused) {
          return fork.deliver(refused);
        }
    }
  }

  /**
   * What a failed push is: a {@link PushRefused} when git refused it for want of permission, else a
   * plain {@link CodeHostException}; both with {@code message}.
   */
  public static CodeHostException pushFailure(GitAPIException e, String message) {
    return refused(e) ? new PushRefused(message, e) : new CodeHostException(message, e);
  }

  /** Whether git refused the push for want of permission (403), as opposed to refusing the token (401) or failing. */
  public static boolean refused(GitAPIException e) {
    if (!(e instanceof TransportException)) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      // JGit words a 403 on receive-pack "git-receive-pack not permitted"; a 401 is "not authorized".
      // Never a bare "403": JGit's messages start with the remote URL, and a repository named
      // error-403-page or a host on port 8403 must not turn a timeout or a bad token into a fork.
      if (m.contains("not permitted") || m.contains("403 forbidden") || m.contains("permission to")) {
        return true;
      }
    }
    return false;
  }

  /** Git refused the push for want of permission: with {@code fork: auto}, the branch goes to the fork. */
  public static final class PushRefused extends CodeHostException {
    private static final long serialVersionUID = 1L;

    PushRefused(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
