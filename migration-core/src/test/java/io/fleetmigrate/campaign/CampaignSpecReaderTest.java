package io.fleetmigrate.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.recipes.RecipeUse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignSpecReaderTest {
  private static CampaignSpec parse(String yaml) throws SpecException {
    return CampaignSpecReader.parse(yaml, "spec.yaml");
  }

  @Test
  void minimalSpecGetsSensibleDefaults() throws Exception {
    CampaignSpec spec =
        parse(
            """
            name: junit5
            recipes:
              - org.openrewrite.java.testing.junit5.JUnit4to5Migration
            """);

    assertThat(spec.name()).isEqualTo("junit5");
    assertThat(spec.recipes()).containsExactly(RecipeUse.of("org.openrewrite.java.testing.junit5.JUnit4to5Migration"));
    assertThat(spec.verify()).isEqualTo(new CampaignSpec.Verify("mvn -B verify", Duration.ofMinutes(20)));
    assertThat(spec.pullRequest().branch()).isEqualTo("fleet/junit5");
    assertThat(spec.pullRequest().title()).isEqualTo("Fleet Migrate: junit5");
    assertThat(spec.rollout().concurrency()).isEqualTo(2);
    assertThat(spec.repositories().include()).isEmpty();
  }

  @Test
  void fullSpecIsReadAsWritten() throws Exception {
    CampaignSpec spec =
        parse(
            """
            name: java17
            description: Java 8 to 17
            repositories:
              include: ["payments-*"]
              exclude: ["*-legacy"]
              owners: [team-pay]
              tags: [java]
            recipes: [org.openrewrite.java.migrate.UpgradeToJava17]
            verify:
              command: ./mvnw -B -q verify
              timeout: 90s
            pullRequest:
              branch: migrate/java17
              title: Java 17
              body: Upgrades to Java 17.
            rollout:
              concurrency: 4
            """);

    assertThat(spec.repositories().include()).containsExactly("payments-*");
    assertThat(spec.repositories().exclude()).containsExactly("*-legacy");
    assertThat(spec.repositories().owners()).containsExactly("team-pay");
    assertThat(spec.verify()).isEqualTo(new CampaignSpec.Verify("./mvnw -B -q verify", Duration.ofSeconds(90)));
    assertThat(spec.pullRequest()).isEqualTo(new CampaignSpec.PullRequest("migrate/java17", "Java 17", "Upgrades to Java 17."));
    assertThat(spec.rollout().concurrency()).isEqualTo(4);
  }

  @Test
  void verifyStagesFixAndGuardrailsAreReadAsWritten() throws Exception {
    CampaignSpec spec =
        parse(
            """
            name: junit5
            recipes: [a.B]
            verify:
              command: ./mvnw -B verify
              timeout: 15m
              lint: {command: none}
              compile: {command: ./mvnw -B -q test-compile, timeout: 4m}
            fix:
              provider: openai
              model: qwen2.5-coder
              baseUrl: http://127.0.0.1:11434/v1
              apiKeyEnv: LOCAL_LLM_KEY
              maxAttempts: 2
              callTimeout: 90s
              budget: {tokensPerRepository: 50000, tokensPerCampaign: 0}
              judge: true
            guardrails:
              allowedPaths: ["src/**", "pom.xml"]
              maxChangedLines: 40
            """);

    assertThat(spec.verify().lint()).isEqualTo(new CampaignSpec.Stage("", Duration.ofMinutes(5)));
    assertThat(spec.verify().compile()).isEqualTo(new CampaignSpec.Stage("./mvnw -B -q test-compile", Duration.ofMinutes(4)));
    assertThat(spec.fix())
        .isEqualTo(new CampaignSpec.Fix("openai", "qwen2.5-coder", "http://127.0.0.1:11434/v1", "LOCAL_LLM_KEY", null, 2,
            Duration.ofSeconds(90), 4096, 50_000, 0, true, true));
    assertThat(spec.guardrails().allowedPaths()).containsExactly("src/**", "pom.xml");
    assertThat(spec.guardrails().deniedPaths()).contains(".github/**", "Jenkinsfile");
    assertThat(spec.guardrails().maxChangedLines()).isEqualTo(40);
  }

  @Test
  void noFixSectionMeansNoModel() throws Exception {
    CampaignSpec spec = parse("name: a\nrecipes: [a.B]\n");
    assertThat(spec.fix().configured()).isFalse();
    assertThat(spec.fix().maxAttempts()).isEqualTo(3);
    assertThat(spec.guardrails()).isEqualTo(CampaignSpec.Guardrails.DEFAULT);
  }

  @Test
  void toolsTurnsTimeoutAndMemoryOfTheFixerAreReadWithDefaultsAndErrorsWithPositions() throws Exception {
    CampaignSpec.Fix defaults = parse("name: a\nrecipes: [a.B]\nfix: {provider: openai, model: m}\n").fix();
    assertThat(defaults.tools()).isTrue();
    assertThat(defaults.maxTurns()).isEqualTo(10);
    assertThat(defaults.timeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(defaults.memory()).isTrue();

    CampaignSpec.Fix set = parse("name: a\nrecipes: [a.B]\nfix:\n  provider: openai\n  model: m\n  tools: false\n  maxTurns: 4\n"
        + "  timeout: 12m\n  memory: false\n").fix();
    assertThat(set.tools()).isFalse();
    assertThat(set.maxTurns()).isEqualTo(4);
    assertThat(set.timeout()).isEqualTo(Duration.ofMinutes(12));
    assertThat(set.memory()).isFalse();

    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\nfix:\n  provider: openai\n  model: m\n  maxTurns: 0\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:6:3: 'fix.maxTurns' must be between 1 and 50, not 0");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\nfix:\n  provider: openai\n  model: m\n  timeout: soon\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:6:3:");
  }

  @Test
  void unknownProviderAndKeyInPlaceOfVariableNameAreErrorsWithPositions() {
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\nfix:\n  provider: gemini\n  model: m\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:4:3: 'fix.provider' is 'gemini'");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\nfix:\n  provider: openai\n  model: m\n  apiKeyEnv: sk-abc-123\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:6:3: 'fix.apiKeyEnv' names an environment variable");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\nfix:\n  provider: anthropic\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("'fix.model' is required");
  }

  @Test
  void unknownFieldNamesItsLineAndColumnAndTheKnownFields() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    name: junit5
                    recipes: [a.B]
                    verify:
                      command: mvn verify
                      timout: 5m
                    """))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:5:3: unknown field 'timout'")
        .hasMessageContaining("timeout");
  }

  @Test
  void malformedYamlNamesLineAndColumn() {
    assertThatThrownBy(() -> parse("name: junit5\nrecipes: [a.B\nverify: x\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageMatching("spec\\.yaml:\\d+:\\d+: not valid YAML: .*");
  }

  @Test
  void missingRecipesIsAnError() {
    assertThatThrownBy(() -> parse("name: junit5\n")).isInstanceOf(SpecException.class).hasMessageContaining("recipes");
  }

  @Test
  void emptyRecipeListPointsAtIt() {
    assertThatThrownBy(() -> parse("name: junit5\nrecipes: []\n"))
        .hasMessageStartingWith("spec.yaml:2:1: 'recipes' lists no recipe");
  }

  @Test
  void badValuesPointAtTheirKey() {
    assertThatThrownBy(() -> parse("name: Bad Name\nrecipes: [a.B]\n")).hasMessageStartingWith("spec.yaml:1:1: name 'Bad Name'");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nverify:\n  timeout: soon\n"))
        .hasMessageStartingWith("spec.yaml:4:3: 'verify.timeout' is 'soon'");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  concurrency: 0\n"))
        .hasMessageStartingWith("spec.yaml:4:3: 'rollout.concurrency' must be between 1 and 64");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\npullRequest:\n  branch: ../x\n"))
        .hasMessageStartingWith("spec.yaml:4:3: 'pullRequest.branch' is not a valid branch name");
  }

  @Test
  void wrongTypeNamesTheField() {
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  concurrency: many\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:4:3: 'rollout.concurrency'");
  }

  @Test
  void emptyDocumentIsAnError() {
    assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> parse("- a\n- b\n")).hasMessageContaining("a campaign spec is a mapping");
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    assertThat(CampaignSpecReader.duration("20m")).isEqualTo(Duration.ofMinutes(20));
    assertThat(CampaignSpecReader.duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(CampaignSpecReader.duration("PT45S")).isEqualTo(Duration.ofSeconds(45));
    assertThat(CampaignSpecReader.duration("later")).isNull();
  }

  @Test
  void recipeItemsMayCarryOptions() throws Exception {
    CampaignSpec spec =
        parse(
            """
            name: rename
            recipes:
              - org.openrewrite.java.testing.junit5.JUnit4to5Migration
              - name: org.openrewrite.text.FindAndReplace
                options:
                  find: team-a
                  replace: team-b
                  regex: false
              - name: org.openrewrite.maven.AddProperty
                options:
                  key: java.version
                  value: "17"
                  preserveExistingValue: true
                  trustParent: false
            """);

    assertThat(spec.recipes())
        .containsExactly(
            RecipeUse.of("org.openrewrite.java.testing.junit5.JUnit4to5Migration"),
            new RecipeUse("org.openrewrite.text.FindAndReplace", Map.of("find", "team-a", "replace", "team-b", "regex", false)),
            new RecipeUse(
                "org.openrewrite.maven.AddProperty",
                Map.of("key", "java.version", "value", "17", "preserveExistingValue", true, "trustParent", false)));
    assertThat(spec.recipes().get(1).options().keySet()).containsExactly("find", "replace", "regex");
    assertThat(spec.recipeNames()).hasSize(3);
  }

  @Test
  void recipeItemWithAnUnknownFieldNamesItsLine() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    name: rename
                    recipes:
                      - name: org.openrewrite.text.FindAndReplace
                        option:
                          find: a
                    """))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:4:5: unknown field 'option' in recipes[0]");
  }

  @Test
  void recipeItemWithoutANameOrWithBadOptionsIsAnError() {
    assertThatThrownBy(() -> parse("name: r\nrecipes:\n  - options: {find: a}\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:3:5: recipes[0] needs a 'name'");
    assertThatThrownBy(() -> parse("name: r\nrecipes:\n  - name: a.B\n    options: [x]\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:4:5: 'options' of a.B must be a mapping");
    assertThatThrownBy(() -> parse("name: r\nrecipes:\n  - [a.B]\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("recipes[0] must be a recipe name or a mapping");
  }

  @Test
  void githubPullRequestOptionsAndCodeHostAreReadAsWritten() throws Exception {
    CampaignSpec spec = parse("""
        name: junit5
        recipes: [a.B]
        pullRequest:
          title: "JUnit 5 for {repo}"
          draft: true
          labels: [fleet-migrate, junit5]
          reviewers: [alice]
          teamReviewers: [platform]
          assignees: [bob-2]
        codeHost:
          type: github
          apiUrl: https://github.example.com/api/v3/
          tokenFile: ~/.config/fleet/token
          fork: never
          contentCallInterval: 2s
          contentCallsPerHour: 100
        """);

    assertThat(spec.pullRequest()).isEqualTo(new CampaignSpec.PullRequest("fleet/junit5", "JUnit 5 for {repo}", "", true,
        List.of("fleet-migrate", "junit5"), List.of("alice"), List.of("platform"), List.of("bob-2")));
    assertThat(spec.codeHost()).isEqualTo(new CampaignSpec.CodeHost("github", "https://github.example.com/api/v3",
        "~/.config/fleet/token", "never", Duration.ofSeconds(2), 100));
    assertThat(CampaignSpec.PullRequest.render(spec.pullRequest().title(), "junit5", "acme/billing")).isEqualTo("JUnit 5 for billing");
    assertThat(parse("name: a\nrecipes: [a.B]\n").codeHost()).isEqualTo(CampaignSpec.CodeHost.LOCAL);
  }

  @Test
  void aGitLabHostNeedsItsApiUrlAndTakesNoApp() throws Exception {
    CampaignSpec.CodeHost host = parse("name: a\nrecipes: [a.B]\ncodeHost:\n  type: gitlab\n  apiUrl: https://gitlab.example.com/api/v4/\n"
        + "  tokenFile: /run/secrets/gitlab\n").codeHost();
    assertThat(host.gitlab()).isTrue();
    assertThat(host.github()).isFalse();
    assertThat(host.apiUrl()).isEqualTo("https://gitlab.example.com/api/v4");
    assertThat(host.tokenFile()).isEqualTo("/run/secrets/gitlab");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\ncodeHost:\n  type: gitlab\n"))
        .hasMessageStartingWith("spec.yaml:4:3: 'codeHost.apiUrl' is missing; GitLab needs its REST API root");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\ncodeHost:\n  type: gitlab\n  apiUrl: https://oauth2:glpat-x@gitlab.example.com/api/v4\n"))
        .hasMessageStartingWith("spec.yaml:5:3: 'codeHost.apiUrl' must be an https URL without credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("glpat-x"));
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\ncodeHost:\n  type: gitlab\n  apiUrl: https://gitlab.example.com/api/v4\n"
        + "  app: {id: 1}\n"))
        .hasMessageContaining("'codeHost.app' is for GitHub");
  }

  @Test
  void badGithubFieldsPointAtTheirPosition() throws Exception {
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\ncodeHost:\n  type: bitbucket\n"))
        .hasMessageStartingWith("spec.yaml:4:3: 'codeHost.type' is 'bitbucket'; use one of local, github, gitlab");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\ncodeHost:\n  type: github\n  apiUrl: https://x:ghp_secret@ghe/api/v3\n"))
        .hasMessageStartingWith("spec.yaml:5:3: 'codeHost.apiUrl' must be an https URL without credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_secret"));
    // Plain http would put the token on the wire in clear text: only a loopback host may use it.
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\ncodeHost:\n  type: github\n  apiUrl: http://ghe.example.com/api/v3\n"))
        .hasMessageStartingWith("spec.yaml:5:3: 'codeHost.apiUrl' must be an https URL")
        .hasMessageContaining("clear text");
    assertThat(parse("name: a\nrecipes: [a.B]\ncodeHost:\n  type: github\n  apiUrl: http://127.0.0.1:8080\n").codeHost().apiUrl())
        .isEqualTo("http://127.0.0.1:8080");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\ncodeHost:\n  type: github\n  apiUrl: not a url\n"))
        .hasMessageStartingWith("spec.yaml:5:3: 'codeHost.apiUrl' must be an https URL");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\ncodeHost:\n  contentCallInterval: 200ms\n"))
        .hasMessageStartingWith("spec.yaml:4:3: 'codeHost.contentCallInterval'");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\ncodeHost:\n  token: ghp_abc\n"))
        .hasMessageStartingWith("spec.yaml:4:3: unknown field 'token'");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\npullRequest:\n  reviewers: [ok, \"not a login\"]\n"))
        .hasMessageStartingWith("spec.yaml:4:19: 'pullRequest.reviewers' item 1 is not a GitHub login");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\npullRequest:\n  draft: maybe\n"))
        .hasMessageStartingWith("spec.yaml:4:");
  }

  @Test
  void aGitHubAppIsNamedByIdKeyFileAndInstallationAndItsMistakesPointAtTheirPosition() throws Exception {
    String host = "name: a\nrecipes: [a.B]\ncodeHost:\n  type: github\n";
    assertThat(parse(host + "  app: {id: 12345, privateKeyFile: /etc/fleet/app.pem, installation: 42}\n").codeHost().app())
        .isEqualTo(new CampaignSpec.App(12345, "/etc/fleet/app.pem", 42L));
    assertThat(parse(host + "  app: {id: 12345}\n").codeHost().app()).isEqualTo(new CampaignSpec.App(12345, null, null));
    assertThat(parse(host + "  app: {id: 12345, installation: auto}\n").codeHost().app().installation()).isNull();
    assertThatThrownBy(() -> parse(host + "  app: {id: 12345, installation: acme}\n"))
        .hasMessageStartingWith("spec.yaml:5:").hasMessageContaining("'codeHost.app.installation' is 'acme'; use auto");
    assertThatThrownBy(() -> parse(host + "  app: {privateKeyFile: k.pem}\n"))
        .hasMessageStartingWith("spec.yaml:5:").hasMessageContaining("'codeHost.app.id' is missing");
    assertThatThrownBy(() -> parse(host + "  tokenFile: t\n  app: {id: 1}\n"))
        .hasMessageContaining("either 'codeHost.tokenFile' or 'codeHost.app', not both");
    assertThatThrownBy(() -> parse(host + "  app: {id: 1, privateKey: \"-----BEGIN\"}\n"))
        .hasMessageContaining("unknown field 'privateKey'");
  }

  @Test
  void aGuardrailIsTurnedOffOnlyByItsNameAndAnUnknownNamePointsAtItsPosition() throws Exception {
    CampaignSpec spec = parse("name: a\nrecipes: [a.B]\nguardrails:\n  off: [no-fewer-assertions, size-cap]\n");
    assertThat(spec.guardrails().off()).containsExactly("no-fewer-assertions", "size-cap");
    assertThat(spec.guardrails().deniedPaths()).isEqualTo(CampaignSpec.Guardrails.CI_PATHS);
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\nguardrails:\n  off:\n    - size-cap\n    - no-assertion-check\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:6:7: 'guardrails.off' item 1 is not a guardrail's name: 'no-assertion-check'")
        .hasMessageContaining("no-fewer-assertions");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\nguardrails:\n  off: [{name: size-cap}]\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:4:9: 'guardrails.off' item 0 is not a guardrail's name");
  }

  @Test
  void repositoriesContainingIsAPreconditionOfTextsAndAnEmptyOnePointsAtItsItem() throws Exception {
    assertThat(parse("name: a\nrecipes: [a.B]\n").repositories().containing()).isEmpty();
    CampaignSpec spec = parse("name: a\nrecipes: [a.B]\nrepositories:\n  containing: [org.junit.Test, \"junit.framework\"]\n");
    assertThat(spec.repositories().containing()).containsExactly("org.junit.Test", "junit.framework");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\nrepositories:\n  containing:\n    - org.junit.Test\n    - \"  \"\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:6:7: 'repositories.containing' item 1 is empty");
  }

  // Errors a newcomer met (issue 22), each in the words of the spec's author, with a place.

  @Test
  void aModelBaseUrlWithCredentialsIsRefusedWithItsPlaceAndWithoutTheSecret() {
    assertThatThrownBy(() -> parse("""
        name: c
        recipes: [a.B]
        fix:
          provider: openai
          model: m
          baseUrl: https://bot:sk-canary-42@llm.example.com/v1
        """))
        .hasMessageStartingWith("spec.yaml:6:")
        .hasMessageContaining("'fix.baseUrl' must not carry credentials")
        .hasMessageNotContaining("sk-canary-42");
  }

  @Test
  void aMissingNameOrRecipesIsNamedWithAPlaceAndAnExample() {
    assertThatThrownBy(() -> parse("recipes: [a.B]\n"))
        .hasMessage("spec.yaml:1:1: the spec has no 'name'; add one, e.g. 'name: junit5' (1-63 lower-case letters, digits, '.', '_' or '-')");
    assertThatThrownBy(() -> parse("name: junit5\ndescription: x\n"))
        .hasMessage("spec.yaml:1:1: the spec has no 'recipes'; add the recipes to run, e.g. 'recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]'");
  }

  @Test
  void aTabUsedForIndentationIsReportedOnItsOwnLine() {
    assertThatThrownBy(() -> parse("name: junit5\nrecipes:\n\t- a.B\n"))
        .hasMessage("spec.yaml:3:1: line 3 is indented with a tab; YAML indents with spaces only");
  }

  @Test
  void anAliasBombIsStoppedInPlainWords() {
    StringBuilder bomb = new StringBuilder("name: bomb\nrecipes: [a.B]\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'z'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append(previous);
      }
      bomb.append("]\n");
      previous = c;
    }

    assertThatThrownBy(() -> parse(bomb.toString()))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec.yaml:")
        .hasMessageStartingWith("spec.yaml:4:")
        .hasMessageContaining("YAML aliases ('*a') are not accepted here; write the value out")
        .hasMessageNotContaining("FAIL_ON_TRAILING_TOKENS")
        .hasMessageNotContaining("Trailing token");
  }

  @Test
  void aSecondDocumentAndValuesOfTheWrongKindAreSaidPlainly() {
    assertThatThrownBy(() -> parse("name: x\nrecipes: [a.B]\n---\nfoo: 1\n"))
        .hasMessage("spec.yaml:4:1: a second YAML document starts here (after '---'); this file must hold one document");
    assertThatThrownBy(() -> parse("name: x\nrecipes: [a.B]\nrollout: {concurrency: many}\n"))
        .hasMessage("spec.yaml:3:11: 'rollout.concurrency' must be a whole number, not 'many'");
    assertThatThrownBy(() -> parse("name: x\nrecipes: [a.B]\npullRequest: {draft: maybe}\n"))
        .hasMessage("spec.yaml:3:15: 'pullRequest.draft' must be true or false, not 'maybe'");
    assertThatThrownBy(() -> parse("name: x\nrecipes: [a.B]\nrollout: 3\n"))
        .hasMessage("spec.yaml:3:1: 'rollout' must be a mapping (fields indented under it), not '3'");
    assertThatThrownBy(() -> parse("name: x\nrecipes: a.B\n"))
        .hasMessage("spec.yaml:2:1: 'recipes' must be a list, not 'a.B'");
  }

  @Test
  void aSpecThatIsNotTextOrIsAFolderSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path binary = dir.resolve("spec.yaml");
    java.nio.file.Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});

    assertThatThrownBy(() -> CampaignSpecReader.read(binary))
        .isInstanceOf(SpecException.class)
        .hasMessage(binary + ": is not a text file (not UTF-8 text); a campaign spec is YAML text");
    assertThatThrownBy(() -> CampaignSpecReader.read(dir))
        .isInstanceOf(SpecException.class)
        .hasMessage(dir + ": is a folder, not a campaign spec; name the spec's YAML file");
    assertThatThrownBy(() -> CampaignSpecReader.read(dir.resolve("nope.yaml")))
        .isInstanceOf(SpecException.class)
        .hasMessage(dir.resolve("nope.yaml") + ": no such campaign spec");
  }

  @Test
  void recipeProblemsFoundLaterArePlacedOnTheRecipeOrOptionInTheSpec() throws Exception {
    String yaml = """
        name: junit5
        recipes:
          - org.openrewrite.java.ChangeType
          - name: org.openrewrite.text.FindAndReplace
            options:
              find: a
              replase: b
        """;

    assertThat(CampaignSpecReader.locate(yaml, "spec.yaml", 0, null)).isEqualTo("spec.yaml:3:5: ");
    assertThat(CampaignSpecReader.locate(yaml, "spec.yaml", 1, null)).isEqualTo("spec.yaml:4:5: ");
    assertThat(CampaignSpecReader.locate(yaml, "spec.yaml", 1, "replase")).isEqualTo("spec.yaml:7:7: ");
  }

  @Test
  void rolloutWavesPinsAndGateAreRead() throws Exception {
    CampaignSpec spec = parse("""
        name: ok
        recipes: [a.B]
        rollout:
          waves: [5, 10%, 50%, 100%]
          pin: [billing, canary]
          gate: {merged: 80%, checksGreen: 100%, minAge: 24h}
        """);

    assertThat(spec.rollout().waves()).extracting(Object::toString).containsExactly("5", "10%", "50%", "100%");
    assertThat(spec.rollout().pin()).containsExactly("billing", "canary");
    assertThat(spec.rollout().gate()).isEqualTo(new CampaignSpec.Gate(80, 100, java.time.Duration.ofHours(24)));
    assertThat(parse("name: ok\nrecipes: [a.B]\nrollout: {waves: [100%]}\n").rollout().gate()).isEqualTo(CampaignSpec.Gate.DEFAULT);
    assertThat(parse("name: ok\nrecipes: [a.B]\n").rollout().inWaves()).as("no waves: today's behaviour").isFalse();
    CampaignSpec gates = parse("name: ok\nrecipes: [a.B]\nrollout: {draft: true, autoMerge: true}\n");
    assertThat(gates.rollout().draft()).isTrue();
    assertThat(gates.rollout().autoMerge()).isTrue();
    assertThat(gates.pullRequest().draft()).as("rollout.draft opens drafts").isTrue();
    assertThat(parse("name: ok\nrecipes: [a.B]\n").rollout().autoMerge()).as("off by default").isFalse();
    assertThat(parse("name: ok\nrecipes: [a.B]\n").rollout().minTests()).isEqualTo(10);
    assertThat(parse("name: ok\nrecipes: [a.B]\nrollout: {minTests: 0}\n").rollout().minTests()).isZero();
    assertThat(parse("name: ok\nrecipes: [a.B]\nrollout: {nudgeAfter: 5d}\n").rollout().nudgeAfter()).isEqualTo(java.time.Duration.ofDays(5));
    assertThat(parse("name: ok\nrecipes: [a.B]\n").rollout().nudgeAfter()).as("no nudges by default").isNull();
    assertThat(parse("name: ok\nrecipes: [a.B]\n").rollout().minCoverage()).isEqualTo(50);
    assertThat(parse("name: ok\nrecipes: [a.B]\nrollout: {minCoverage: 70%}\n").rollout().minCoverage()).isEqualTo(70);
    assertThat(parse("name: ok\nrecipes: [a.B]\nrollout: {minCoverage: 0}\n").rollout().minCoverage()).as("0 turns it off").isZero();
  }

  @Test
  void badRolloutValuesPointAtTheirLineAndColumn() {
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  waves: [5, 10%, 50%]\n"))
        .hasMessage("spec.yaml:4:19: the last wave is 50%; it must be 100% so that the rollout reaches every selected repository");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  waves: [5, lots, 100%]\n"))
        .hasMessage("spec.yaml:4:14: 'rollout.waves[1]' is 'lots'; write a count of repositories (5) or a share of the selection (1% to 100%)");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  waves: [0, 100%]\n"))
        .hasMessageStartingWith("spec.yaml:4:11: a wave of 0 repositories");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  waves: [120%]\n"))
        .hasMessageStartingWith("spec.yaml:4:11: 'rollout.waves[0]' is '120%'");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  waves: [100%]\n  gate: {merged: most}\n"))
        .hasMessage("spec.yaml:5:10: 'rollout.gate.merged' is 'most'; write a share from 0% to 100%");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  waves: [100%]\n  gate: {minAge: soon}\n"))
        .hasMessageStartingWith("spec.yaml:5:10: 'rollout.gate.minAge' is 'soon'");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  pin: [billing]\n"))
        .hasMessageStartingWith("spec.yaml:4:3: 'rollout.pin' needs 'rollout.waves'");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  waves: [100%]\n  gate: {mergd: 80%}\n"))
        .hasMessageContaining("mergd");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  minTests: -1\n"))
        .hasMessage("spec.yaml:4:3: 'rollout.minTests' must be 0 (no floor) or more, not -1");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  minTests: 5\n  minCoverage: 120%\n"))
        .hasMessage("spec.yaml:5:3: 'rollout.minCoverage' is '120%'; write a share from 0% to 100%");
    assertThatThrownBy(() -> parse("name: ok\nrecipes: [a.B]\nrollout:\n  minCoverage: lots\n"))
        .hasMessage("spec.yaml:4:3: 'rollout.minCoverage' is 'lots'; write a share from 0% to 100%");
  }
}
