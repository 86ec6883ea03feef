package io.fleetmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.cli.ExitCode;
import io.fleetmigrate.testing.FleetCli;
import io.fleetmigrate.testing.FleetCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path, end to end, as a user runs it: {@code fleet demo} on the sample fleet (real git
 * repositories, real Maven builds, real OpenRewrite), then the narrowing options of {@code campaign
 * run} on the same fleet, then the demo again. The tests share one data directory and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {
  @TempDir static Path data;
  @TempDir Path tmp;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, String> EXPECTED = expected();
  private static final List<String> GREEN =
      DemoFleet.SAMPLES.stream().filter(s -> s.expected().equals("PR_OPENED")).map(DemoFleet.Sample::name).toList();

  private static Map<String, String> expected() {
    Map<String, String> expected = new LinkedHashMap<>();
    DemoFleet.SAMPLES.forEach(s -> expected.put(s.name(), s.expected()));
    return expected;
  }

  private static Result fleet(String... args) {
    return FleetCli.in(data, args);
  }

  private static Map<String, String> statuses() {
    Result status = fleet("campaign", "status", DemoFleet.CAMPAIGN, "--json");
    assertThat(status.exit()).as(status.err()).isZero();
    JsonNode json = JSON.readTree(status.out());
    Map<String, String> statuses = new LinkedHashMap<>();
    json.get("repositories").forEach(r -> statuses.put(r.get("name").asString(), r.get("status").asString()));
    return statuses;
  }

  private static Path origin(String name) {
    return data.resolve("demo/origins/" + name + ".git");
  }

  private static boolean hasCampaignBranch(String name) throws Exception {
    try (Git git = Git.open(origin(name).toFile())) {
      return git.branchList().call().stream().map(Ref::getName).anyMatch(n -> n.equals("refs/heads/fleet/junit5-demo"));
    }
  }

  @Test
  @Order(1)
  void demoMigratesTheSampleFleetAndOpensPullRequestsOnlyForGreenRepositories() throws Exception {
    Result demo = fleet("demo");

    assertThat(demo.exit()).as(demo.out() + demo.err()).isEqualTo(ExitCode.OK.code());
    assertThat(demo.out()).contains("Run 1: 12 repositories", "8 PR_OPENED", "report.html", "report.csv");
    assertThat(statuses()).isEqualTo(EXPECTED);

    // Pull requests: exactly the green, changed repositories; six of them only thanks to our fix-up recipes.
    assertThat(GREEN).hasSize(8).contains("search-indexer", "catalog-modules", "orders-service", "retry-kit", "customer-profiles", "shipping-rates");
    Result prs = fleet("prs", "list", DemoFleet.CAMPAIGN, "--json");
    JsonNode list = JSON.readTree(prs.out());
    assertThat(list.size()).isEqualTo(8);
    assertThat(list.findValuesAsString("repository")).containsExactlyInAnyOrderElementsOf(GREEN);
    assertThat(list.findValuesAsString("state")).containsOnly("OPEN");
    assertThat(list.findValuesAsString("branch")).containsOnly("fleet/junit5-demo");
    for (String red : List.of("legacy-reports", "audit-log", "payments-gateway", "docs-site")) {
      assertThat(hasCampaignBranch(red)).as(red + " has no campaign branch").isFalse();
    }

    // Reports: one CSV row per repository, and the HTML page.
    Path reports = data.resolve("reports").resolve(DemoFleet.CAMPAIGN);
    List<String> csv = Files.readAllLines(reports.resolve("report.csv"));
    assertThat(csv).hasSize(13);
    assertThat(csv.get(0)).isEqualTo(String.join(",", io.fleetmigrate.reports.CsvReport.COLUMNS));
    assertThat(csv).anyMatch(l -> l.startsWith("billing-service,team-billing,PR_OPENED,DONE,2,0,0,0,") && l.contains(",billing-service#1,,OPEN,,"));
    assertThat(Files.readString(reports.resolve("report.html"))).contains("audit-log", "NEEDS_HUMAN", "id=\"repo-billing-service\"");
    assertThat(JSON.readTree(Files.readString(reports.resolve("report.json"))).get("repositories").size()).isEqualTo(12);
  }

  @Test
  @Order(2)
  void pushedBranchHoldsTheMigrationAndBuildsGreenOnItsOwn() throws Exception {
    Path clone = tmp.resolve("billing");
    try (Git git =
        Git.cloneRepository().setURI(origin("billing-service").toUri().toString()).setDirectory(clone.toFile()).setBranch("fleet/junit5-demo").call()) {
      assertThat(git.log().setMaxCount(1).call().iterator().next().getFullMessage()).startsWith("Migrate tests to JUnit 5");
    }
    String test = Files.readString(clone.resolve("src/test/java/com/example/billing/InvoiceTest.java"));
    assertThat(test).contains("import org.junit.jupiter.api.Test;", "import static org.junit.jupiter.api.Assertions.assertThrows;", "@BeforeEach");
    assertThat(test).doesNotContain("import org.junit.Test;", "import org.junit.Before;", "org.junit.Assert.");
    String pom = Files.readString(clone.resolve("pom.xml"));
    assertThat(pom).contains("<artifactId>junit-jupiter</artifactId>").doesNotContain("<artifactId>junit</artifactId>");

    // Verification separate from the tool: build the pushed branch ourselves.
    String maven = System.getProperty("fleet.maven.home");
    String mvn = maven == null ? "mvn" : Path.of(maven, "bin", "mvn").toString();
    Process build = new ProcessBuilder(mvn, "-B", "-q", "verify").directory(clone.toFile()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("build.log").toFile()).start();
    assertThat(build.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(build.exitValue()).as(Files.readString(tmp.resolve("build.log"))).isZero();
    assertThat(Files.readString(clone.resolve("target/surefire-reports/TEST-com.example.billing.InvoiceTest.xml")))
        .contains("tests=\"4\"", "failures=\"0\"", "errors=\"0\"");
  }

  @Test
  @Order(2)
  void pushedBranchesHoldTheFixUpsOurRecipesMade() throws Exception {
    assertThat(onCampaignBranch("catalog-modules", "src/test/java/module-info.java"))
        .contains("requires org.junit.jupiter.api;", "requires org.hamcrest;").doesNotContain("requires junit;");
    assertThat(onCampaignBranch("orders-service", "src/test/java/com/example/orders/SpringTestBase.java"))
        .contains("@ExtendWith(SpringExtension.class)").doesNotContain("@RunWith");
    assertThat(onCampaignBranch("retry-kit", "pom.xml")).contains("<artifactId>junit</artifactId>", "<artifactId>junit-jupiter</artifactId>");
    assertThat(onCampaignBranch("customer-profiles", "pom.xml")).contains("<artifactId>guava-testlib</artifactId>").doesNotContain("<exclusion>");
    assertThat(onCampaignBranch("shipping-rates", "pom.xml"))
        .contains("<artifactId>mockito-junit-jupiter</artifactId>\n      <version>5.20.0</version>");
    assertThat(onCampaignBranch("search-indexer", "src/test/java/com/example/search/TokenizerTest.java"))
        .contains("catch (AssertionError expected)").doesNotContain("org.junit.internal");
  }

  private String onCampaignBranch(String repository, String file) throws Exception {
    Path clone = tmp.resolve(repository);
    try (Git git = Git.cloneRepository().setURI(origin(repository).toUri().toString()).setDirectory(clone.toFile())
        .setBranch("fleet/junit5-demo").call()) {
      return Files.readString(clone.resolve(file));
    }
  }

  @Test
  @Order(3)
  void dryRunOfOneRepositorySavesTheDiffAndDeliversNothing() throws Exception {
    String before;
    try (Git git = Git.open(origin("inventory-api").toFile())) {
      before = git.getRepository().resolve("refs/heads/fleet/junit5-demo").name();
    }

    Result run = fleet("campaign", "run", data.resolve("demo/junit5-demo.yaml").toString(), "--dry-run", "--repo", "inventory-api", "--quiet");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(statuses()).containsExactly(Map.entry("inventory-api", "READY"));
    Path diff = Files.list(data.resolve("runs/junit5-demo")).max(Path::compareTo).orElseThrow().resolve("inventory-api/change.diff");
    assertThat(Files.readString(diff)).contains("+import org.junit.jupiter.api.io.TempDir;");
    try (Git git = Git.open(origin("inventory-api").toFile())) {
      assertThat(git.getRepository().resolve("refs/heads/fleet/junit5-demo").name()).isEqualTo(before);
    }
  }

  @Test
  @Order(4)
  void onlyFailedReRunsJustTheRepositoriesThatDidNotSucceed() {
    Result run = fleet("campaign", "run", data.resolve("demo/junit5-demo.yaml").toString(), "--only", "failed", "--quiet");

    assertThat(run.exit()).isEqualTo(ExitCode.REPOSITORIES_FAILED.code());
    assertThat(statuses())
        .containsOnlyKeys("docs-site", "legacy-reports", "audit-log")
        .containsEntry("legacy-reports", "BASELINE_RED")
        .containsEntry("audit-log", "NEEDS_HUMAN");
  }

  @Test
  @Order(5)
  void reRunOfADeliveredRepositoryFindsItsPullRequestInsteadOfOpeningAnother() throws Exception {
    Result run = fleet("campaign", "run", data.resolve("demo/junit5-demo.yaml").toString(), "--repo", "billing-service", "--limit", "1");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(statuses()).containsExactly(Map.entry("billing-service", "PR_UPDATED"));
    assertThat(JSON.readTree(fleet("prs", "list", DemoFleet.CAMPAIGN, "--json").out()).size()).isEqualTo(8);
  }

  @Test
  @Order(6)
  void runningTheDemoAgainStartsAfreshAndReportsTheSameOutcomes() {
    Result again = fleet("demo");

    assertThat(again.exit()).as(again.out() + again.err()).isZero();
    assertThat(statuses()).isEqualTo(EXPECTED);
    assertThat(JSON.readTree(fleet("prs", "list", DemoFleet.CAMPAIGN, "--json").out()).size()).isEqualTo(8);
  }
}
