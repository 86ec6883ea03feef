package io.fleetmigrate.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.inventory.RepoRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code verify.jdk} and the per-repository {@code builds} rules of a spec: read, matched, and refused with positions. */
class BuildRulesTest {
  private static final String HEAD = "name: a\nrecipes: [a.B]\nverify:\n  command: mvn -B verify\n  timeout: 20m\n  jdk: 17\n";

  private static CampaignSpec parse(String yaml) throws SpecException {
    return CampaignSpecReader.parse(yaml, "spec.yaml");
  }

  private static RepoRef repo(String name, String owner, String... tags) {
    return new RepoRef(name, "file:///tmp/" + name, null, owner, List.of(tags), "test");
  }

  @Test
  void verifyJdkIsReadWithWhereItIsWritten() throws Exception {
    CampaignSpec spec = parse(HEAD);

    assertThat(spec.verify().jdk()).isEqualTo(new CampaignSpec.JdkPin(17, "spec.yaml:6:3"));
    assertThat(parse("name: a\nrecipes: [a.B]\nverify: {jdk: '1.8'}\n").verify().jdk().version()).isEqualTo(8);
    assertThat(parse("name: a\nrecipes: [a.B]\n").verify().jdk()).isNull();
  }

  @Test
  void theFirstMatchingRuleSetsTheRepositorysCommandTimeoutJdkAndEnvironment() throws Exception {
    CampaignSpec spec = parse(HEAD + """
        builds:
          - match: {include: ["payments-*"], exclude: ["payments-legacy"]}
            command: mvn -B verify -Dgpg.skip
            env: {MAVEN_OPTS: "-Xmx2g", SIGN: false}
          - match: {owners: [team-slow]}
            timeout: 45m
            jdk: 11
          - match: {tags: [legacy]}
            jdk: 8
        """);

    RepoRef payments = repo("payments-api", "team-slow", "legacy");
    assertThat(spec.buildRule(payments).orElseThrow().where()).isEqualTo("spec.yaml:8:5");
    assertThat(spec.verifyFor(payments).command()).isEqualTo("mvn -B verify -Dgpg.skip");
    assertThat(spec.verifyFor(payments).timeout()).isEqualTo(Duration.ofMinutes(20));
    assertThat(spec.buildRule(payments).orElseThrow().env()).containsExactly(Map.entry("MAVEN_OPTS", "-Xmx2g"), Map.entry("SIGN", "false"));
    assertThat(spec.buildRule(payments).orElseThrow().jdk()).as("first match wins: the owner's rule is not consulted").isNull();

    RepoRef legacy = repo("payments-legacy", "team-slow", "legacy");
    assertThat(spec.verifyFor(legacy).command()).isEqualTo("mvn -B verify");
    assertThat(spec.verifyFor(legacy).timeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(spec.verifyFor(legacy).jdk()).as("verify.jdk stays the campaign's").isEqualTo(spec.verify().jdk());
    assertThat(spec.buildRule(legacy).orElseThrow().jdk()).isEqualTo(new CampaignSpec.JdkPin(11, "spec.yaml:13:5"));

    assertThat(spec.buildRule(repo("billing", "team-b", "legacy")).orElseThrow().jdk().version()).isEqualTo(8);
    RepoRef other = repo("billing", "team-b");
    assertThat(spec.buildRule(other)).isEmpty();
    assertThat(spec.verifyFor(other)).isEqualTo(spec.verify());
  }

  @Test
  void badRulesAreErrorsNamingLineAndColumn() {
    assertThatThrownBy(() -> parse(HEAD + "builds:\n  - command: mvn -B verify\n"))
        .hasMessageStartingWith("spec.yaml:8:5: 'builds' item 0 matches no repository by name");
    assertThatThrownBy(() -> parse(HEAD + "builds:\n  - match: {tags: [x]}\n"))
        .hasMessageStartingWith("spec.yaml:8:5: 'builds' item 0 sets nothing");
    assertThatThrownBy(() -> parse(HEAD + "builds:\n  - match: {tags: [x]}\n    jdk: java\n"))
        .hasMessageStartingWith("spec.yaml:9:5: 'builds[0].jdk' is 'java'; write a Java version");
    assertThatThrownBy(() -> parse(HEAD + "builds:\n  - match: {tags: [x]}\n    timeout: soon\n"))
        .hasMessageStartingWith("spec.yaml:9:5: ").hasMessageContaining("positive duration");
    assertThatThrownBy(() -> parse(HEAD + "builds:\n  - match: {tags: [x]}\n    env: {JAVA_HOME: /opt/jdk}\n"))
        .hasMessageStartingWith("spec.yaml:9:").hasMessageContaining("JAVA_HOME is set by Fleet").hasMessageContaining("'jdk'");
    assertThatThrownBy(() -> parse(HEAD + "builds:\n  - match: {tags: [x]}\n    env: {1BAD: x}\n"))
        .hasMessageContaining("'1BAD' is not an environment variable name");
    assertThatThrownBy(() -> parse(HEAD + "builds:\n  - match: {tags: [x]}\n    env: {TOKEN: }\n"))
        .hasMessageContaining("'TOKEN' has no value; values are literal text");
    assertThatThrownBy(() -> parse(HEAD + "builds:\n  - match: {tags: [x]}\n    jdk: 17\n    gpg: skip\n"))
        .hasMessageStartingWith("spec.yaml:10:5: ").hasMessageContaining("unknown field 'gpg'");
    assertThatThrownBy(() -> parse("name: a\nrecipes: [a.B]\nverify: {jdk: latest}\n"))
        .hasMessageStartingWith("spec.yaml:3:10: 'verify.jdk' is 'latest'");
  }
}
