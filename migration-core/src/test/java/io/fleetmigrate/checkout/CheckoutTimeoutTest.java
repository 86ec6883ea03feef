package io.fleetmigrate.checkout;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.testing.SilentServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git host that accepts the connection and then says nothing fails the clone; it does not hang the run. */
class CheckoutTimeoutTest {
  @TempDir Path tmp;

  @Test
  void aSilentHostFailsTheCloneAfterTheTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      RepoRef repo = new RepoRef("acme/billing", silent.url("acme/billing.git"), null, null, List.of(), "github");

      assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
          assertThatThrownBy(() -> new Checkout(Duration.ofSeconds(2)).prepare(repo, tmp.resolve("ws"), "fleet/x"))
              .isInstanceOf(CheckoutException.class)
              .hasMessageContaining("cannot clone"));
    }
  }
}
