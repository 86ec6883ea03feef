package io.fleetmigrate.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.build.Sandbox;
import io.fleetmigrate.build.jdk.Jdk;
import io.fleetmigrate.build.jdk.KnownJdks;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.deliver.github.ContentCallThrottle;
import io.fleetmigrate.deliver.gitlab.GitLabConnections;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.testing.GitLabStub;
import io.fleetmigrate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check, made to fail on purpose: it says what is missing and gives its hint. */
class ChecksTest {
  @TempDir Path tmp;

  @Test
  void aMistypedBuildSettingIsAFindingAndWhatNeedsTheSettingsIsSkipped() {
    Finding bad = new SettingsCheck(() -> io.fleetmigrate.build.BuildSettings.bind(Map.of("FLEET_SANDBOX", "docker")::get, name -> null)).run();
    assertThat(bad.status()).isEqualTo(Finding.Status.MISSING);
    assertThat(bad.detail()).isEqualTo("FLEET_SANDBOX must be auto, bwrap, unshare, off, not 'docker'");
    assertThat(SettingsCheck.skipped("sandbox").run().status()).isEqualTo(Finding.Status.SKIPPED);

    Finding good = new SettingsCheck(() -> io.fleetmigrate.build.BuildSettings.bind(Map.of("FLEET_BUILD_NETWORK", "none")::get, name -> null)).run();
    assertThat(good.status()).isEqualTo(Finding.Status.OK);
    assertThat(good.detail()).contains("network none", "sandbox auto");
  }

  @Test
  void anOldJavaIsMissingWithItsHint() {
    Finding f = new JavaCheck(Runtime.Version.parse("11.0.2"), "/opt/jdk11").run();

    assertThat(f.status()).isEqualTo(Finding.Status.MISSING);
    assertThat(f.detail()).contains("Java 11.0.2 at /opt/jdk11");
    assertThat(f.hint()).contains("JDK 17 or newer");
    assertThat(JavaCheck.ofThisJvm().run().status()).isEqualTo(Finding.Status.OK);
  }

  @Test
  void aSpecThatCannotBeReadIsSaidSoNotThatAJdkIsMissing(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    KnownJdks known = new KnownJdks(List.of(new Jdk(17, "17.0.15", null, Path.of("/opt/jdk17"), true, List.of("JAVA_HOME"))), List.of());
    Path broken = java.nio.file.Files.writeString(tmp.resolve("broken.yaml"), "name: a\nrecipes: [a.B]\nverify: {timeout: soon}\n");

    Finding finding = new JdksCheck(() -> known, broken).run();

    assertThat(finding.status()).isEqualTo(Finding.Status.MISSING);
    assertThat(finding.detail()).startsWith("the spec cannot be read, so its JDKs are not checked: " + broken);
    assertThat(finding.hint()).contains("correct the spec").doesNotContain(KnownJdks.FLEET_JDKS);
  }

  @Test
  void withASpecAVerifyJdkNoKnownJdkIsIsMissingAndABuildRulesIsAWarning(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Jdk jdk17 = new Jdk(17, "17.0.15", null, Path.of("/opt/jdk17"), true, List.of("JAVA_HOME"));
    KnownJdks known = new KnownJdks(List.of(jdk17), List.of());
    Path moves = java.nio.file.Files.writeString(tmp.resolve("moves.yaml"), "name: a\nrecipes: [a.B]\nverify:\n  command: mvn verify\n  jdk: 21\n");
    Path ruled = java.nio.file.Files.writeString(tmp.resolve("ruled.yaml"), "name: a\nrecipes: [a.B]\nbuilds:\n  - match: {tags: [old]}\n    jdk: 8\n");

    Finding missing = new JdksCheck(() -> known, moves).run();
    Finding warning = new JdksCheck(() -> known, ruled).run();

    assertThat(missing.status()).isEqualTo(Finding.Status.MISSING);
    assertThat(missing.detail()).startsWith(moves + ":5:3: 'verify.jdk' is 21, and Fleet knows no JDK 21 to verify on: it knows JDK 17");
    assertThat(warning.status()).isEqualTo(Finding.Status.WARNING);
    assertThat(warning.detail()).startsWith("JDK 17; " + ruled + ":5:5: a 'builds' rule's 'jdk' is 8");
    assertThat(new JdksCheck(() -> known, null).run().status()).isEqualTo(Finding.Status.OK);
  }

  @Test
  void aFleetJdksEntryThatIsNotAJdkOrNoJavacIsAWarningWithItsHint() {
    Jdk jre = new Jdk(21, "21.0.5", null, Path.of("/opt/jre21"), false,
        List.of("JAVA_HOME"));

    Finding bad = new JdksCheck(() -> new KnownJdks(List.of(jre),
        List.of("FLEET_JDKS: /opt/x is not a JDK: it has no release file"))).run();
    Finding noJavac = new JdksCheck(() -> new KnownJdks(List.of(jre), List.of())).run();

    assertThat(bad.status()).isEqualTo(Finding.Status.WARNING);
    assertThat(bad.detail()).isEqualTo("JRE 21; FLEET_JDKS: /opt/x is not a JDK: it has no release file");
    assertThat(bad.hint()).contains("FLEET_JDKS", "fleet jdks");
    assertThat(noJavac.status()).isEqualTo(Finding.Status.WARNING);
    assertThat(noJavac.detail()).isEqualTo("JRE 21: none has a javac");
  }

  @Test
  void noMavenIsMissingWithItsHint() {
    Finding f = new MavenCheck(() -> new MavenToolchain(tmp.resolve("no-maven"))).run();

    assertThat(f.status()).isEqualTo(Finding.Status.MISSING);
    assertThat(f.detail()).contains("no Maven found");
    assertThat(f.hint()).contains("FLEET_MAVEN_HOME");
  }

  @Test
  void anUnwritableDataDirectoryIsMissingWithItsHint() throws Exception {
    assertThat(new DataDirCheck(new FleetHome(Path.of("/proc/fleet-doctor"))).run())
        .satisfies(f -> assertThat(f.status()).isEqualTo(Finding.Status.MISSING))
        .satisfies(f -> assertThat(f.hint()).contains("--data-dir or FLEET_DATA_DIR"));
    assertThat(new DataDirCheck(new FleetHome(tmp.resolve("data"))).run().status()).isEqualTo(Finding.Status.OK);
  }

  @Test
  void noSandboxIsAWarningThatNamesBubblewrap() {
    Finding f = new SandboxCheck(() -> Sandbox.processOnly("not asked for")).run();

    assertThat(f.status()).isEqualTo(Finding.Status.WARNING);
    assertThat(f.detail()).contains("plain processes");
    assertThat(f.hint()).contains("bubblewrap");
  }

  @Test
  void aDatabaseThatDoesNotOpenIsMissingWithItsHint() {
    Finding f = new DatabaseCheck("jdbc:postgresql://db:5432/fleet", () -> {
      throw new IllegalStateException("Connection refused");
    }).run();

    assertThat(f.status()).isEqualTo(Finding.Status.MISSING);
    assertThat(f.detail()).isEqualTo("jdbc:postgresql://db:5432/fleet: Connection refused");
    assertThat(f.hint()).contains("FLEET_DB_URL");
  }

  @Test
  void aModelWithoutItsKeyIsMissingAndNoSpecIsSkipped() throws Exception {
    Path spec = Files.writeString(tmp.resolve("spec.yaml"), """
        name: junit5
        recipes: [a.B]
        fix:
          provider: openai
          model: gpt-4.1
          apiKeyEnv: NO_SUCH_KEY_FOR_DOCTOR
        """);
    ModelProviders noKeys = new ModelProviders(Map.of(), pause -> {});

    Finding f = new ModelCheck(spec, noKeys).run();

    assertThat(f.status()).isEqualTo(Finding.Status.MISSING);
    assertThat(f.detail()).contains("no API key", "NO_SUCH_KEY_FOR_DOCTOR");
    assertThat(f.hint()).contains("fix.apiKeyEnv");
    assertThat(new ModelCheck(null, noKeys).run().status()).isEqualTo(Finding.Status.SKIPPED);
  }

  @Test
  void aGithubSpecWithoutAReadableTokenIsMissing() throws Exception {
    Path spec = Files.writeString(tmp.resolve("gh.yaml"), """
        name: junit5
        recipes: [a.B]
        codeHost:
          type: github
          tokenFile: %s
        """.formatted(tmp.resolve("no-token")));

    Finding f = new CodeHostCheck(spec, () -> {
      throw new io.fleetmigrate.deliver.CodeHostException("cannot read the token file " + tmp.resolve("no-token"));
    }, () -> {
      throw new AssertionError("a GitHub spec is not checked against GitLab");
    }).run();

    assertThat(f.status()).isEqualTo(Finding.Status.MISSING);
    assertThat(f.hint()).contains("FLEET_GITHUB_TOKEN");
  }

  @Test
  void aLocalSpecNeedsNoTokenAndABrokenSpecIsNamedAsSuch() throws Exception {
    Path local = Files.writeString(tmp.resolve("local.yaml"), """
        name: junit5
        recipes: [a.B]
        codeHost: {type: local}
        """);
    Path broken = Files.writeString(tmp.resolve("broken.yaml"), "name: junit5\nrecipes: [a.B\n");
    java.util.function.Function<Path, CodeHostCheck> check = spec -> new CodeHostCheck(spec, () -> {
      throw new AssertionError("GitHub is not asked");
    }, () -> {
      throw new AssertionError("GitLab is not asked");
    });

    Finding ok = check.apply(local).run();
    Finding bad = check.apply(broken).run();

    assertThat(ok.status()).isEqualTo(Finding.Status.OK);
    assertThat(ok.detail()).contains("local", "no token needed");
    assertThat(bad.status()).isEqualTo(Finding.Status.MISSING);
    assertThat(bad.detail()).contains("broken.yaml:");
    assertThat(bad.hint()).contains("fix the spec").doesNotContain("TOKEN");
  }

  @Test
  void aGitlabSpecIsCheckedAgainstGitlabWithItsToken() throws Exception {
    String token = "glpat-doctor-check";
    try (GitLabStub gitlab = new GitLabStub(token, "fleet-bot", (p, b) -> null)) {
      Path spec = Files.writeString(tmp.resolve("gl.yaml"), """
          name: junit5
          recipes: [a.B]
          codeHost: {type: gitlab, apiUrl: %s}
          """.formatted(gitlab.apiUrl()));
      ContentCallThrottle.Ledger ledger = ContentCallThrottle.jdbcLedger(TestDatabase.migrated());
      Function<Map<String, String>, CodeHostCheck> check = env -> new CodeHostCheck(spec, () -> {
        throw new AssertionError("a GitLab spec is not checked against GitHub");
      }, () -> new GitLabConnections(ledger, env));

      Finding accepted = check.apply(Map.of("FLEET_GITLAB_TOKEN", token)).run();
      Finding refused = check.apply(Map.of("FLEET_GITLAB_TOKEN", "glpat-another")).run();
      Finding none = check.apply(Map.of()).run();

      assertThat(accepted.status()).isEqualTo(Finding.Status.OK);
      assertThat(accepted.detail()).isEqualTo("GitLab at " + gitlab.apiUrl() + " accepts the token");
      assertThat(refused.status()).isEqualTo(Finding.Status.MISSING);
      assertThat(refused.detail()).contains("refused the token (401").doesNotContain("glpat-another");
      assertThat(none.status()).isEqualTo(Finding.Status.MISSING);
      assertThat(none.detail()).contains("no GitLab token");
      assertThat(none.hint()).contains("FLEET_GITLAB_TOKEN").doesNotContain("GITHUB");
      assertThat(gitlab.requests).extracting(GitLabStub.Recorded::toString)
          .containsExactly("GET /user -> 200", "GET /user -> 401");
    }
  }
}
