package io.fleetmigrate.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jgit.api.errors.TransportException;
import org.junit.jupiter.api.Test;

/**
 * Only git's refusal for want of permission sends a branch to a fork: never a bad token (401), a
 * timeout, or a URL that happens to contain "403" (JGit's messages start with the remote URL).
 */
class ForkPolicyTest {
  private static TransportException failure(String message) {
    return new TransportException(message, new org.eclipse.jgit.errors.TransportException(message));
  }

  @Test
  void gitsPermissionRefusalIsARefusal() {
    assertThat(ForkPolicy.refused(failure("https://gitlab.example.com/acme/billing.git: git-receive-pack not permitted on 'https://gitlab.example.com/acme/billing.git/'"))).isTrue();
    assertThat(ForkPolicy.refused(failure("https://github.com/acme/billing.git: Permission to acme/billing.git denied to bot."))).isTrue();
    assertThat(ForkPolicy.refused(failure("https://git.corp/acme/billing.git: 403 Forbidden"))).isTrue();
  }

  @Test
  void aBadTokenATimeoutOrA403InTheUrlIsNot() {
    assertThat(ForkPolicy.refused(failure("https://gitlab.example.com/acme/billing.git: not authorized"))).isFalse();
    assertThat(ForkPolicy.refused(failure("https://gitlab.example.com/acme/error-403-page.git: not authorized"))).isFalse();
    assertThat(ForkPolicy.refused(failure("https://git.corp:8403/acme/billing.git: connection timed out"))).isFalse();
  }
}
