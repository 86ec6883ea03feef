package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.GitHubOpenApi;
import io.fleetmigrate.testing.GitHubStub;
import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetCli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inventory import github} as a GitHub App: an installation token on the organisation lists it; a wrong App id is exit 4. */
class GitHubAppImportTest {
  @TempDir Path tmp;

  private Result fleet(String... args) {
    return FleetCli.in(tmp.resolve("data"), args);
  }

  @Test
  void anOrganisationIsImportedWithTheAppsInstallationTokenAndAWrongAppIdIsExit4() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    var key = rsa.generateKeyPair();
    String pem = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded());
    String canary = pem.lines().skip(3).findFirst().orElseThrow();
    Path keyFile = Files.writeString(tmp.resolve("app.pem"), "-----BEGIN PRIVATE KEY-----\n" + pem + "\n-----END PRIVATE KEY-----\n");
    try (GitHubStub github = new GitHubStub("no-personal-token", "fleet-migrate[bot]", (repo, branch) -> null)) {
      github.org("acme");
      github.repo("acme", "billing", "https://github.example.com/acme/billing.git");
      github.repo("acme", "ledger", "https://github.example.com/acme/ledger.git");
      github.app(12345, key.getPublic());
      github.installation("acme", 77);

      Result imported = fleet("inventory", "import", "github", "--org", "acme", "--api-url", github.apiUrl(),
          "--app-id", "12345", "--app-key-file", keyFile.toString());
      assertThat(imported.exit()).as(imported.out() + imported.err()).isZero();
      assertThat(imported.out()).contains("Imported 2 repositories of GitHub organisation acme: 2 new");
      assertThat(github.requests("POST", "/app/installations/77/access_tokens")).hasSize(1);
      assertThat(github.requests("GET", "/orgs/acme/repos")).allMatch(r -> r.status() == 200).isNotEmpty();

      Result wrongId = fleet("inventory", "import", "github", "--org", "acme", "--api-url", github.apiUrl(),
          "--app-id", "999", "--app-key-file", keyFile.toString());
      assertThat(wrongId.exit()).isEqualTo(4);
      assertThat(wrongId.err()).contains("refused GitHub App 999's JWT (401)");
      assertThat(GitHubOpenApi.load().problems(github.requests)).isEmpty();

      String tokens = String.join("|", github.issuedTokens.keySet());
      try (Stream<Path> walk = Files.walk(tmp.resolve("data"))) {
        for (Path file : walk.filter(Files::isRegularFile).toList()) {
          String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertThat(text).as(file.toString()).doesNotContain(canary);
          for (String t : github.issuedTokens.keySet()) {
            assertThat(text).as(file + " holds an installation token").doesNotContain(t);
          }
        }
      }
      assertThat(imported.out() + imported.err() + wrongId.out() + wrongId.err()).doesNotContain(canary);
      assertThat(tokens).isNotEmpty();
    }
  }
}
