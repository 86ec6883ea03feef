package io.fleetmigrate.cli;

import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetCli.Result;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a person meets it: help, usage errors and bad input, with their exit codes. */
class CliTest {
  @TempDir Path tmp;

  private Result fleet(String... args) {
    return FleetCli.run(args);
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    Result r = fleet("--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("demo", "inventory", "campaign", "report", "prs", "recipes", "Exit codes:", "70  internal error");
  }

  @Test
  void everySubcommandHasHelp() {
    for (String[] args :
        new String[][] {
          {"demo", "--help"}, {"inventory", "import", "--help"}, {"inventory", "list", "--help"}, {"campaign", "run", "--help"},
          {"campaign", "status", "--help"}, {"report", "--help"}, {"prs", "list", "--help"},
          {"recipes", "list", "--help"}, {"recipes", "describe", "--help"},
          {"fixes", "list", "--help"}, {"fixes", "delete", "--help"}
        }) {
      Result r = fleet(args);
      assertThat(r.exit()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage: fleet " + args[0]);
    }
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    Result r = fleet("campain");

    assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("Unmatched argument", "campaign");
  }

  @Test
  void missingSpecIsInvalidInput() {
    Result r = fleet("--data-dir", tmp.resolve("data").toString(), "campaign", "run", tmp.resolve("nope.yaml").toString());

    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("nope.yaml: no such campaign spec");
  }

  @Test
  void malformedSpecNamesLineAndColumnBeforeTouchingTheDatabase() throws Exception {
    Path spec = tmp.resolve("bad.yaml");
    Files.writeString(spec, "name: junit5\nrecipes: [a.B]\nreviewers: [me]\n");
    Path data = tmp.resolve("data");

    Result r = fleet("--data-dir", data.toString(), "campaign", "run", spec.toString());

    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains(spec + ":3:1: unknown field 'reviewers'");
    assertThat(data.resolve("fleet.mv.db")).doesNotExist();
  }

  @Test
  void aVerifyJdkFleetDoesNotKnowStopsTheRunBeforeTouchingTheDatabase() throws Exception {
    io.fleetmigrate.build.jdk.KnownJdks known = io.fleetmigrate.testing.TestJdks.known();
    int unknown = java.util.stream.IntStream.rangeClosed(8, 99)
        .filter(v -> known.jdks().stream().noneMatch(j -> j.version() == v)).findFirst().orElseThrow();
    Path spec = tmp.resolve("moves.yaml");
    Files.writeString(spec, "name: junit5\nrecipes: [a.B]\nverify:\n  command: mvn -B verify\n  jdk: " + unknown + "\n");
    Path data = tmp.resolve("data");

    Result r = fleet("--data-dir", data.toString(), "campaign", "run", spec.toString());

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains(spec + ":5:3: 'verify.jdk' is " + unknown + ", and Fleet knows no JDK " + unknown, "it knows " + known.describe());
    assertThat(data.resolve("fleet.mv.db")).doesNotExist();
  }

  @Test
  void aGithubRunWithoutAReadableTokenStopsBeforeAnyRepositoryWithExit4() throws Exception {
    Path spec = tmp.resolve("gh.yaml");
    Path missing = tmp.resolve("no-such-token");
    Files.writeString(spec, "name: junit5\nrecipes: [a.B]\ncodeHost:\n  type: github\n  tokenFile: " + missing + "\n");

    Result r = fleet("--data-dir", tmp.resolve("data").toString(), "campaign", "run", spec.toString());

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(r.err()).contains("cannot read the GitHub token file " + missing + " (codeHost.tokenFile)");
  }

  @Test
  void aBadApiUrlForAGithubImportIsInvalidInputAndNeverEchoesCredentials() {
    Path data = tmp.resolve("data");
    Result notAUrl = fleet("--data-dir", data.toString(), "inventory", "import", "github", "--org", "acme", "--api-url", "not a url");
    assertThat(notAUrl.exit()).as(notAUrl.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(notAUrl.err()).contains("--api-url must be an https URL");

    Result withSecret = fleet("--data-dir", data.toString(), "inventory", "import", "github", "--org", "acme",
        "--api-url", "https://user:s3cret@ghe.example.com/api/v3");
    assertThat(withSecret.exit()).as(withSecret.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(withSecret.err()).contains("carries credentials").doesNotContain("s3cret");
    assertThat(data.resolve("fleet.mv.db")).doesNotExist();
  }

  @Test
  void anUnreachableApiAndABadTokenFileAreNamedAsSuch() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Path token = Files.writeString(tmp.resolve("token"), "ghp_abc\n");
    Path data = tmp.resolve("data");

    Result unreachable = fleet("--data-dir", data.toString(), "inventory", "import", "github", "--org", "acme",
        "--api-url", "http://127.0.0.1:" + closed, "--token-file", token.toString());
    assertThat(unreachable.exit()).as(unreachable.err()).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(unreachable.err()).contains("cannot reach http://127.0.0.1:" + closed + ": ").doesNotContain("answered -1");

    Result badFile = fleet("--data-dir", data.toString(), "inventory", "import", "github", "--org", "acme",
        "--token-file", tmp.resolve("missing").toString());
    assertThat(badFile.exit()).as(badFile.err()).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(badFile.err()).contains("(--token-file)").doesNotContain("codeHost.tokenFile");
  }

  @Test
  void badInventoryFileNamesTheLineAndImportsNothing() throws Exception {
    Path csv = tmp.resolve("fleet.csv");
    Files.writeString(csv, "name,clone_url\ngood,/srv/good.git\nbad\n");
    Path data = tmp.resolve("data");

    Result r = fleet("--data-dir", data.toString(), "inventory", "import", csv.toString());

    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains(csv + ":3:1:");
    Result list = fleet("inventory", "list", "--data-dir", data.toString());
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("The inventory is empty");
  }

  @Test
  void importThenListWithTheDataDirOptionOnTheSubcommand() throws Exception {
    Path csv = tmp.resolve("fleet.csv");
    Files.writeString(csv, "name,clone_url,owner\nbilling,/srv/billing.git,team-billing\n");
    Path data = tmp.resolve("data");

    Result imported = fleet("inventory", "import", "--data-dir", data.toString(), csv.toString());
    Result listed = fleet("--data-dir", data.toString(), "inventory", "list", "--json");

    assertThat(imported.exit()).isZero();
    assertThat(imported.out()).contains("Imported 1 repositories", "1 new");
    assertThat(listed.out()).contains("\"name\" : \"billing\"", "\"owner\" : \"team-billing\"");
    assertThat(data.resolve("fleet.mv.db")).exists();
  }

  @Test
  void listedAsJsonARepositoryWithoutAKnownPushHasANullPushedAtNotTheWordNull() throws Exception {
    Path csv = tmp.resolve("fleet.csv");
    Files.writeString(csv, "name,clone_url\nbilling,/srv/billing.git\n");
    Path data = tmp.resolve("data");
    assertThat(fleet("--data-dir", data.toString(), "inventory", "import", csv.toString()).exit()).isZero();
    // A host import that knows the repository but not its last push (archived and the rest known).
    var ds = new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.h2.Driver(),
        "jdbc:h2:file:" + data.resolve("fleet") + ";AUTO_SERVER=TRUE", "sa", "");
    new io.fleetmigrate.inventory.InventoryStore(ds).sync("github:acme",
        java.util.List.of(new io.fleetmigrate.inventory.RepoRef("billing", "/srv/billing.git", null, null, java.util.List.of(), "github:acme")),
        java.util.Map.of("billing", new io.fleetmigrate.inventory.InventoryStore.Facts(null, false, false, "public", "Java")));

    Result listed = fleet("--data-dir", data.toString(), "inventory", "list", "--json");

    assertThat(listed.exit()).isZero();
    assertThat(listed.out()).contains("\"pushedAt\" : null").doesNotContain("\"null\"");
  }

  @Test
  void listingAndStatusUseTheStoreAloneAndLogToTheDataDirectoryNotTheAnswer() throws Exception {
    Path csv = tmp.resolve("fleet.csv");
    Files.writeString(csv, "name,clone_url,owner\nbilling,/srv/billing.git,team-billing\n");
    Path data = tmp.resolve("data");
    assertThat(fleet("--data-dir", data.toString(), "inventory", "import", csv.toString()).exit()).isZero();
    Files.deleteIfExists(data.resolve("logs/fleet.log"));

    Result listed = fleet("--data-dir", data.toString(), "inventory", "list");
    Result status = fleet("--data-dir", data.toString(), "campaign", "status", "nope");

    assertThat(listed.exit()).isZero();
    assertThat(listed.out()).contains("billing").doesNotContain("HikariPool", "fleet-store", "INFO");
    assertThat(status.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    // The store alone (its pool is named fleet-store), not the application's (HikariPool-N), and its
    // log lines in fleet.log.
    assertThat(data.resolve("logs/fleet.log")).content().contains("fleet-store - Start completed").doesNotContain("HikariPool-");
  }

  @Test
  void aFolderImportNamesThePlainFoldersItSkipped() throws Exception {
    Files.createDirectories(tmp.resolve("fleet/billing/.git"));
    Files.createDirectories(tmp.resolve("fleet/docs"));

    Result r = fleet("--data-dir", tmp.resolve("data").toString(), "inventory", "import", tmp.resolve("fleet").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Imported 1 repositories", "Skipped 1 folder that is not a git repository: docs");
  }

  @Test
  void unusableDataDirectoryIsAnEnvironmentError() {
    Result r = fleet("--data-dir", "/proc/fleet-cannot-be-here", "inventory", "list");

    assertThat(r.exit()).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(r.err()).contains("cannot use the data directory /proc/fleet-cannot-be-here").doesNotContain("details are in");
  }

  @Test
  void demoRefusesToTakeOverARealRepositoryOfTheSameName() throws Exception {
    Path csv = tmp.resolve("fleet.csv");
    Files.writeString(csv, "name,clone_url,owner\nbilling-service,https://git.example.com/pay/billing-service.git,team-pay\n");
    Path data = tmp.resolve("data");
    assertThat(fleet("--data-dir", data.toString(), "inventory", "import", csv.toString()).exit()).isZero();

    Result r = fleet("--data-dir", data.toString(), "demo");

    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("already holds a repository named 'billing-service' that is not the demo's");
    assertThat(fleet("--data-dir", data.toString(), "inventory", "list").out()).contains("https://git.example.com/pay/billing-service.git");
  }

  @Test
  void statusOfAnUnknownCampaignIsInvalidInput() {
    Result r = fleet("--data-dir", tmp.resolve("data").toString(), "campaign", "status", "nope");

    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("no campaign named 'nope'");
  }

  @Test
  void recipesListSearchesTheCatalogWithoutADatabase() {
    Path data = tmp.resolve("data");
    Result r = fleet("--data-dir", data.toString(), "recipes", "list", "--search", "JUnit4to5");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("NAME", "org.openrewrite.java.testing.junit5.JUnit4to5Migration", "recipes matching 'JUnit4to5'");
    assertThat(r.out()).doesNotContain("org.openrewrite.java.migrate.UpgradeToJava17 ");
    assertThat(data.resolve("fleet.mv.db")).doesNotExist();
  }

  @Test
  void recipesDescribeShowsOptions() {
    Result r = fleet("recipes", "describe", "org.openrewrite.text.FindAndReplace");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("org.openrewrite.text.FindAndReplace\n").contains("find (String, required)", "replace (String");
  }

  @Test
  void describingAnUnknownRecipeSuggestsNames() {
    Result r = fleet("recipes", "describe", "org.openrewrite.java.testing.junit5.JUnit4to5Migrashun");

    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("did you mean org.openrewrite.java.testing.junit5.JUnit4to5Migration");
  }

  @Test
  void recipesNextToASpecJoinTheCatalog() throws Exception {
    Path spec = tmp.resolve("campaign.yaml");
    Files.writeString(spec, "name: rename\nrecipes: [com.example.RenameTeam]\n");
    Files.writeString(
        tmp.resolve("rewrite.yml"),
        """
        type: specs.openrewrite.org/v1beta/recipe
        name: com.example.RenameTeam
        displayName: Rename the team
        recipeList:
          - org.openrewrite.text.FindAndReplace:
              find: team-a
              replace: team-b
        """);

    Result listed = fleet("recipes", "list", "--search", "RenameTeam", "--spec", spec.toString());
    Result without = fleet("recipes", "list", "--search", "RenameTeam");

    assertThat(listed.out()).contains("com.example.RenameTeam", "Rename the team");
    assertThat(without.out()).contains("No recipe matches");
  }

  /** {@code fleet fixes}: a campaign's remembered fixes listed with their counts, and one forgotten. */
  @Test
  void fixesListShowsReuseAndSuccessCountsAndDeleteForgetsOne() throws Exception {
    String data = tmp.resolve("data").toString();
    assertThat(fleet("--data-dir", data, "inventory", "list").exit()).isZero(); // creates and migrates the data directory's database
    org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
    ds.setURL(new io.fleetmigrate.config.FleetHome(Path.of(data)).jdbcUrl());
    ds.setUser("sa"); // the embedded database's user, as SharedStore opens it
    new io.fleetmigrate.store.RunStore(ds).saveCampaign("junit5", "", null, "name: junit5\n");
    io.fleetmigrate.fix.FixMemory memory = new io.fleetmigrate.store.FixMemoryStore(ds).forCampaign("junit5");
    io.fleetmigrate.fix.DiagnosticSignature signature = new io.fleetmigrate.fix.DiagnosticSignature("compile", List.of("COMPILE package org.junit.internal does not exist"),
        List.of("src/test/java/com/example/search/TokenizerTest.java"));
    memory.remember(signature, "search-indexer",
        List.of(new io.fleetmigrate.fix.Edit("src/test/java/com/example/search/TokenizerTest.java", "import org.junit.internal.ArrayComparisonFailure;", "")));
    long id = memory.recall(signature).orElseThrow().id();
    memory.reused(id, true);
    memory.reused(id, false);

    Result list = fleet("--data-dir", data, "fixes", "list", "junit5");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("ID", "LEARNT IN", "REUSED", "WORKED", "#" + id, "search-indexer",
        "src/test/java/com/example/search/TokenizerTest.java", "compile COMPILE package org.junit.internal does not exist");
    tools.jackson.databind.JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(fleet("--data-dir", data, "fixes", "list", "junit5", "--json").out());
    assertThat(json.get(0).get("reused").asInt()).isEqualTo(2);
    assertThat(json.get(0).get("worked").asInt()).isEqualTo(1);

    Result unknown = fleet("--data-dir", data, "fixes", "delete", "junit5", "999");
    assertThat(unknown.exit()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(unknown.err()).contains("campaign junit5 remembers no fix #999; see fleet fixes list junit5");
    assertThat(fleet("--data-dir", data, "fixes", "list", "nope").err()).contains("no campaign named 'nope'");

    Result deleted = fleet("--data-dir", data, "fixes", "delete", "junit5", "#" + id);
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("Forgot fix #" + id + " of junit5.");
    assertThat(fleet("--data-dir", data, "fixes", "list", "junit5").out()).contains("Campaign junit5 remembers no fix yet.");
  }
}
