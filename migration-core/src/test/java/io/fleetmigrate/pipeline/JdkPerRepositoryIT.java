package io.fleetmigrate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.BuildSettings;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.build.jdk.Jdk;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.deliver.LocalCodeHost;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.rewrite.RewriteStation;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.testing.GitFixtures;
import io.fleetmigrate.testing.TestDatabase;
import io.fleetmigrate.testing.TestJdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Each repository builds on the JDK it needs, and a campaign can move it to another: with the two
 * JDKs of this machine (17, which runs the tests, and 25; a test that needs 25 is skipped, saying
 * so, where it is missing). The repositories are written here: a POM with a compiler level, one
 * class, one JUnit test; the recipe replaces a word in the README, so each goes on to its baseline.
 */
class JdkPerRepositoryIT {
  @TempDir Path tmp;

  private static final String HEAD = """
      name: jdks
      recipes:
        - name: org.openrewrite.text.FindAndReplace
          options: {find: OLD-NAME, replace: NEW-NAME}
      """;

  private CampaignStore store;
  private RepoPipeline pipeline;
  private long lastRun;

  @BeforeEach
  void pipeline() throws Exception {
    DataSource ds = TestDatabase.migrated();
    store = CampaignStore.of(ds);
    store.runs().saveCampaign("jdks", "", null, HEAD);
    MavenToolchain maven = MavenToolchain.fromEnvironment();
    Path data = tmp.resolve("data");
    BuildRunner builds = BuildRunner.of(BuildSettings.fromEnvironment(), maven, BuildRunner.DEFAULT_OUTPUT_CAP, data);
    pipeline = new RepoPipeline(new FleetHome(data), new Checkout(), builds, new RewriteStation(maven),
        new LocalCodeHost(store, new DataSourceTransactionManager(ds)), store, new ModelProviders(Map.of(), d -> {}));
  }

  private RepoOutcome run(String spec, RepoRef repo) throws Exception {
    lastRun = store.runs().createRun("jdks", spec, "", true, 1, "1 repository");
    return pipeline.process(new RunContext(lastRun, CampaignSpecReader.parse(spec, "spec.yaml"), "", true), repo);
  }

  private io.fleetmigrate.store.OutcomeStore.Attempt attempt(RepoRef repo, String stage) {
    return store.outcomes().attempts(lastRun, repo.name()).stream().filter(a -> a.stage().equals(stage)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + stage + " attempt among " + store.outcomes().attempts(lastRun, repo.name())));
  }

  /**
   * A repository compiled at {@code release}, whose main class is {@code code} and whose one test
   * asserts {@code assertion}; {@code extra} files beside them.
   */
  private RepoRef repo(String name, int release, String code, String assertion, Map<String, String> extra, String... tags)
      throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("README.md", "# OLD-NAME\n");
    files.put("pom.xml", """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example.fleet</groupId><artifactId>%s</artifactId><version>1.0.0-SNAPSHOT</version>
          <properties><maven.compiler.release>%d</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
          <dependencies>
            <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.11.4</version><scope>test</scope></dependency>
          </dependencies>
          <build><plugins>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
          </plugins></build>
        </project>
        """.formatted(name, release));
    files.put("src/main/java/com/example/Names.java", "package com.example;\n\nimport java.util.List;\n\npublic class Names {\n" + code + "\n}\n");
    files.put("src/test/java/com/example/NamesTest.java", """
        package com.example;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import java.util.List;
        import org.junit.jupiter.api.Test;

        class NamesTest {
          @Test
          void works() {
            %s
          }
        }
        """.formatted(assertion));
    files.putAll(extra);
    return new RepoRef(name, GitFixtures.origin(tmp, name, files).toString(), null, "team", List.of(tags), "test");
  }

  /**
   * Compiled with {@code --release 21}, which javac 17 does not take. (Its code stays within Java
   * 17's API: the campaign of the test below verifies on 17, where only the release is wrong.)
   */
  private RepoRef release21() throws Exception {
    return repo("sequenced", 21, "  public static String first(List<String> names) {\n    return names.get(0);\n  }",
        "assertEquals(21, Runtime.version().feature() >= 21 ? 21 : 0);", Map.of());
  }

  @Test
  void codeAtRelease21IsGreenAtBaselineOn25AndRedOn17WhenTheCampaignVerifiesOn17() throws Exception {
    Jdk jdk25 = TestJdks.require(25);
    Jdk jdk17 = TestJdks.require(17);
    RepoRef repo = release21();

    RepoOutcome outcome = run(HEAD + "verify: {command: mvn -B -ntp verify, timeout: 5m, jdk: 17}\n", repo);

    io.fleetmigrate.store.OutcomeStore.Attempt baseline = attempt(repo, "baseline");
    assertThat(baseline.summary()).as(baseline.logPath()).isEqualTo("green");
    assertThat(baseline.isolation()).startsWith("on JDK 25 at " + jdk25.home() + ": the repository needs JDK 21 or newer (pom.xml:");
    assertThat(Files.readAllLines(Path.of(baseline.logPath())).get(0)).startsWith("[fleet] JDK: JDK 25 at " + jdk25.home());
    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(OutcomeStatus.NEEDS_HUMAN);
    io.fleetmigrate.store.OutcomeStore.Attempt compile = attempt(repo, "verify-compile");
    assertThat(compile.isolation()).startsWith("on JDK 17 at " + jdk17.home() + ": the repository needs JDK 17 (verify.jdk 17 in the spec, spec.yaml:");
    assertThat(Files.readString(Path.of(compile.logPath()))).contains("release version 21 not supported");
  }

  /**
   * Java 21 code (a record pattern, {@code List.getFirst()}) whose test calls it, so the test's
   * types come from a class file of release 21: javac 17 reads neither. The recipe engine parses it
   * on JDK 25, the JDK it builds on (in a JVM of its own when Fleet runs on an older one), and its
   * type-aware rename reaches the test.
   */
  @Test
  void javaCodeThatNeedsANewerJdkThanFleetsIsParsedOnTheJdkItBuildsOn() throws Exception {
    Jdk jdk25 = TestJdks.require(25);
    RepoRef repo = repo("patterns", 21, """
          record Pair(String left, String right) {}

          public static String first(List<String> names) {
            Object pair = new Pair(names.getFirst(), names.getLast());
            return pair instanceof Pair(String left, String right) ? left : "";
          }""",
        "assertEquals(\"a\", Names.first(List.of(\"a\", \"b\")));", Map.of());
    String spec = """
        name: jdks
        recipes:
          - name: org.openrewrite.java.ChangeMethodName
            options: {methodPattern: "com.example.Names first(..)", newMethodName: head}
        verify: {command: mvn -B -ntp verify, timeout: 5m}
        """;

    RepoOutcome outcome = run(spec, repo);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(OutcomeStatus.READY);
    Path logs = Path.of(outcome.logDir());
    String recipe = Files.readString(logs.resolve("recipe.txt"));
    assertThat(recipe).startsWith("parsed on JDK 25").contains("MODIFIED src/main/java/com/example/Names.java", "MODIFIED src/test/java/com/example/NamesTest.java");
    if (Runtime.version().feature() < 21) {
      assertThat(recipe).startsWith("parsed on " + jdk25 + ", in a JVM of its own: the repository builds on it, and Fleet runs on JDK "
          + Runtime.version().feature());
      assertThat(logs.resolve("recipe-jvm.log")).content().contains("[fleet] recipes on JDK 25");
    }
    assertThat(Files.readString(logs.resolve("change.diff"))).contains("public static String head(List<String> names) {",
        "assertEquals(\"a\", Names.head(List.of(\"a\", \"b\")));");
    io.fleetmigrate.store.OutcomeStore.Attempt test = attempt(repo, "verify-test");
    assertThat(test.isolation()).startsWith("on JDK 25 at " + jdk25.home());
    assertThat(test.testsExecuted()).isEqualTo(1);
  }

  @Test
  void aCampaignWithVerifyJdk25VerifiesOn25WhileTheBaselineBuildsOn17() throws Exception {
    Jdk jdk25 = TestJdks.require(25);
    Jdk jdk17 = TestJdks.require(17);
    RepoRef repo = repo("plain", 17, "  public static int count(List<String> names) {\n    return names.size();\n  }",
        "assertEquals(Runtime.version().feature() >= 17, Names.count(List.of(\"a\")) == 1);", Map.of());

    RepoOutcome outcome = run(HEAD + "verify: {command: mvn -B -ntp verify, timeout: 5m, jdk: 25}\n", repo);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(OutcomeStatus.READY);
    assertThat(attempt(repo, "baseline").isolation()).startsWith("on JDK 17 at " + jdk17.home() + ": the repository needs JDK 17 or newer");
    io.fleetmigrate.store.OutcomeStore.Attempt test = attempt(repo, "verify-test");
    assertThat(test.isolation()).startsWith("on JDK 25 at " + jdk25.home());
    assertThat(test.testsExecuted()).isEqualTo(1);
  }

  @Test
  void aJavaVersionFileNamingAJdkFleetDoesNotKnowIsBaselineRedNamingItAndTheKnownOnes() throws Exception {
    String known = TestJdks.known().describe();
    RepoRef repo = repo("old", 17, "", "assertEquals(1, 1);", Map.of(".java-version", "13\n"));

    RepoOutcome outcome = run(HEAD + "verify: {command: mvn -B -ntp verify, timeout: 5m}\n", repo);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(OutcomeStatus.BASELINE_RED);
    assertThat(outcome.reason()).isEqualTo("red before any change: no JDK to build on: needs JDK 13 (.java-version:1: 13), and Fleet knows "
        + known + "; add its home to FLEET_JDKS");
    assertThat(store.outcomes().attempts(lastRun, repo.name()).stream().map(io.fleetmigrate.store.OutcomeStore.Attempt::stage)).doesNotContain("baseline");
  }

  @Test
  void aBuildsRuleOverridesTheSpecAndTheRepository() throws Exception {
    Jdk jdk25 = TestJdks.require(25);
    // The repository says 17; the rule says 25, its own command and an environment variable the test reads.
    RepoRef repo = repo("ruled", 17, "", "assertEquals(\"25 seen\", Runtime.version().feature() + \" \" + System.getenv(\"FLEET_RULE_MARK\"));",
        Map.of(), "needs-25");
    String spec = HEAD + """
        verify: {command: mvn -B -ntp verify, timeout: 5m}
        builds:
          - match: {include: [other-*]}
            jdk: 17
          - match: {tags: [needs-25]}
            command: mvn -B -ntp verify -Dfleet.rule=yes
            jdk: 25
            env: {FLEET_RULE_MARK: seen}
        """;

    RepoOutcome outcome = run(spec, repo);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(OutcomeStatus.READY);
    io.fleetmigrate.store.OutcomeStore.Attempt baseline = attempt(repo, "baseline");
    assertThat(baseline.command()).startsWith("mvn -B -ntp verify -Dfleet.rule=yes ");
    assertThat(baseline.isolation()).startsWith("on JDK 25 at " + jdk25.home() + ": the repository needs JDK 25 (the builds rule's jdk 25 in the spec, spec.yaml:");
    assertThat(baseline.testsExecuted()).as("the test saw JDK 25 and the rule's variable").isEqualTo(1);
    assertThat(attempt(repo, "verify-test").command()).isEqualTo("mvn -B -ntp verify -Dfleet.rule=yes");
  }
}
