package io.fleetmigrate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeOwnersTest {
  @TempDir Path checkout;

  /** GitHub's own CODEOWNERS example, cut to the rules whose meaning differs between patterns. */
  static final String GITHUB_EXAMPLE = """
      # These owners will be the default owners for everything in the repo.
      *       @global-owner1 @global-owner2
      # Order is important; the last matching pattern takes the most precedence.
      *.js    @js-owner #This is an inline comment.
      *.go docs@example.com
      # In this example, @doctocat owns any files in the build/logs directory at the root of the repository.
      /build/logs/ @doctocat
      # The `docs/*` pattern will match files like `docs/getting-started.md` but not further nested files.
      docs/*  docs@example.com
      # any file in an apps directory anywhere in your repository.
      apps/ @octocat
      # In this example, any change inside the `/scripts` directory will require approval from @doctocat or @octocat.
      /scripts/ @doctocat @octocat
      # a rule without owners: nobody owns what it matches
      /apps/github
      **/logs @octo-org/octocats
      """;

  @Test
  void theLastMatchingRuleWinsWithGitHubsPatterns() {
    CodeOwners owners = CodeOwners.parse("CODEOWNERS", GITHUB_EXAMPLE);

    assertThat(owners.ownersOf("README.md")).containsExactly("@global-owner1", "@global-owner2");
    assertThat(owners.ownersOf("web/app/main.js")).as("inline comment cut").containsExactly("@js-owner");
    assertThat(owners.ownersOf("cmd/main.go")).containsExactly("docs@example.com");
    assertThat(owners.ownersOf("build/logs/2026/out.txt")).as("a later **/logs rule wins").containsExactly("@octo-org/octocats");
    assertThat(owners.ownersOf("docs/getting-started.md")).containsExactly("docs@example.com");
    assertThat(owners.ownersOf("docs/build-app/troubleshooting.md")).as("docs/* owns direct children only")
        .containsExactly("@global-owner1", "@global-owner2");
    assertThat(owners.ownersOf("services/apps/billing/Main.java")).as("apps/ anywhere").containsExactly("@octocat");
    assertThat(owners.ownersOf("apps/github/Main.java")).as("a rule without owners").isEmpty();
    assertThat(owners.ownersOf("tools/scripts/run.sh")).as("/scripts/ is anchored at the root")
        .containsExactly("@global-owner1", "@global-owner2");
    assertThat(owners.ownersOf("scripts/run.sh")).containsExactly("@doctocat", "@octocat");
  }

  @Test
  void theOwnersOfSeveralPathsAreEachNamedOnce() {
    CodeOwners owners = CodeOwners.parse("CODEOWNERS", "* @platform\nsrc/main/ @alice @acme/billing\nsrc/test/ @bob @alice\n");

    assertThat(owners.ownersOf(java.util.List.of("src/main/java/A.java", "src/test/java/ATest.java", "src/main/java/B.java")))
        .containsExactly("@alice", "@acme/billing", "@bob");
  }

  @Test
  void itIsReadWhereGitHubLooksFirst() throws Exception {
    assertThat(CodeOwners.read(checkout)).isEmpty();
    Files.createDirectories(checkout.resolve("docs"));
    Files.writeString(checkout.resolve("docs/CODEOWNERS"), "* @from-docs\n");
    assertThat(CodeOwners.read(checkout).orElseThrow().file()).isEqualTo("docs/CODEOWNERS");
    Files.writeString(checkout.resolve("CODEOWNERS"), "* @from-root\n");
    assertThat(CodeOwners.read(checkout).orElseThrow().ownersOf("pom.xml")).containsExactly("@from-root");
    Files.createDirectories(checkout.resolve(".github"));
    Files.writeString(checkout.resolve(".github/CODEOWNERS"), "* @from-github\n");
    CodeOwners owners = CodeOwners.read(checkout).orElseThrow();
    assertThat(owners.file()).isEqualTo(".github/CODEOWNERS");
    assertThat(owners.ownersOf("pom.xml")).containsExactly("@from-github");
  }
}
