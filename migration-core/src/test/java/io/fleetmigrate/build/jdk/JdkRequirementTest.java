package io.fleetmigrate.build.jdk;

import io.fleetmigrate.testing.FakeJdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkRequirementTest {
  @TempDir Path checkout;

  private void write(String path, String text) throws IOException {
    Path file = checkout.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private JdkRequirement requirement() {
    Optional<JdkRequirement> found = JdkRequirement.of(checkout);
    assertThat(found).as("a requirement").isPresent();
    return found.get();
  }

  private static String pom(String artifactId, String inside) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.example</groupId>
          <artifactId>%s</artifactId>
          <version>1.0</version>
        %s
        </project>
        """.formatted(artifactId, inside);
  }

  private static String compilerPlugin(String configuration) {
    return """
          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.14.0</version>
                <configuration>%s</configuration>
              </plugin>
            </plugins>
          </build>
        """.formatted(configuration);
  }

  @Test
  void aJavaVersionFileNamesOneJdk() throws IOException {
    write(".java-version", "1.8\n");

    JdkRequirement r = requirement();

    assertThat(r).isEqualTo(new JdkRequirement(8, 8, ".java-version:1: 1.8"));
    assertThat(r.toString()).isEqualTo("JDK 8 (.java-version:1: 1.8)");
  }

  @Test
  void sdkmanrcAndToolVersionsNameTheirJavaLine() throws IOException {
    write(".sdkmanrc", "# Enable auto-env through the sdkman_auto_env config\nmaven=3.9.9\njava=17.0.2-tem\n");
    assertThat(requirement()).isEqualTo(new JdkRequirement(17, 17, ".sdkmanrc:3: java=17.0.2-tem"));

    Files.delete(checkout.resolve(".sdkmanrc"));
    write(".tool-versions", "nodejs 20.11.0\njava temurin-11.0.25+9 \n");
    assertThat(requirement()).isEqualTo(new JdkRequirement(11, 11, ".tool-versions:2: java temurin-11.0.25+9"));
  }

  @Test
  void aVersionFileLinkedToAFileOutsideTheCheckoutIsNotRead() throws IOException {
    Path outside = Files.writeString(checkout.resolveSibling(checkout.getFileName() + "-secret"), "11-some-line-of-another-file\n");
    Files.createSymbolicLink(checkout.resolve(".java-version"), outside);
    write(".tool-versions", "java\t17.0.13\n"); // a tab between tool and version, as asdf accepts

    assertThat(requirement()).isEqualTo(new JdkRequirement(17, 17, ".tool-versions:1: java\t17.0.13"));
  }

  @Test
  void theFirstSourceThatSaysAnythingWins() throws IOException {
    write("pom.xml", pom("app", "  <properties><maven.compiler.release>21</maven.compiler.release></properties>"));
    write(".github/workflows/ci.yml", "jobs:\n  build:\n    steps:\n      - uses: actions/setup-java@v4\n        with:\n          java-version: '25'\n");
    write(".tool-versions", "java corretto-17.0.13.11.1\n");
    write(".sdkmanrc", "java = 11.0.25-tem\n");
    write(".java-version", "system\n"); // jenv's "the system JDK": says nothing, so the next source decides

    assertThat(requirement().why()).isEqualTo(".sdkmanrc:1: java = 11.0.25-tem");
    Files.delete(checkout.resolve(".sdkmanrc"));
    assertThat(requirement().why()).isEqualTo(".tool-versions:1: java corretto-17.0.13.11.1");
    Files.delete(checkout.resolve(".tool-versions"));
    assertThat(requirement()).isEqualTo(new JdkRequirement(21, null, "pom.xml:7: maven.compiler.release 21"));
    Files.delete(checkout.resolve("pom.xml"));
    assertThat(requirement()).isEqualTo(new JdkRequirement(25, null, ".github/workflows/ci.yml:6:11: actions/setup-java java-version 25"));
  }

  @Test
  void theToolchainsPluginsJdkVersionIsARange() throws IOException {
    String toolchains = """
          <properties><toolchain.jdk>[1.8,17)</toolchain.jdk></properties>
          <build>
            <plugins>
              <plugin>
                <artifactId>maven-toolchains-plugin</artifactId>
                <executions><execution><goals><goal>toolchain</goal></goals></execution></executions>
                <configuration>
                  <toolchains>
                    <jdk>
                      <version>${toolchain.jdk}</version>
                    </jdk>
                  </toolchains>
                </configuration>
              </plugin>
            </plugins>
          </build>
          <!-- the toolchain comes before the compiler's level -->
          <properties><maven.compiler.release>21</maven.compiler.release></properties>
        """;
    write("pom.xml", pom("app", toolchains));

    assertThat(requirement()).isEqualTo(new JdkRequirement(8, 16, "pom.xml:16: maven-toolchains-plugin jdk version [1.8,17)"));
    assertThat(JdkRequirement.range("[11,)", "w")).contains(new JdkRequirement(11, null, "w"));
    assertThat(JdkRequirement.range("(,11]", "w")).contains(new JdkRequirement(1, 11, "w"));
    assertThat(JdkRequirement.range("17", "w")).contains(new JdkRequirement(17, 17, "w"));
    assertThat(JdkRequirement.range("[abc,", "w")).isEmpty();
  }

  @Test
  void anOldSourceLevelNeedsAJdkWhoseJavacStillAcceptsIt() throws IOException {
    write("pom.xml", pom("app", """
          <properties>
            <maven.compiler.source>1.6</maven.compiler.source>
            <maven.compiler.target>1.6</maven.compiler.target>
          </properties>
        """));

    JdkRequirement r = requirement();

    assertThat(r).isEqualTo(new JdkRequirement(6, 11, "pom.xml:8: maven.compiler.source 1.6"));
    assertThat(r.admits(11)).isTrue();
    assertThat(r.admits(17)).isFalse();
    assertThat(r.versions()).isEqualTo("JDK 6 to 11");
  }

  @Test
  void theCompilerPluginsReleaseIsResolvedThroughTheParentPomInTheCheckout() throws IOException {
    write("pom.xml", pom("parent", """
          <packaging>pom</packaging>
          <modules><module>core</module></modules>
          <properties>
            <java.version>21</java.version>
            <maven.compiler.source>1.8</maven.compiler.source>
          </properties>
        """));
    write("core/pom.xml", pom("core", """
          <parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
        """ + compilerPlugin("<release>${java.version}</release>")));

    JdkRequirement r = requirement();

    assertThat(r.min()).isEqualTo(21);
    assertThat(r.max()).isNull();
    assertThat(r.why()).isEqualTo("core/pom.xml:14: maven-compiler-plugin <release> ${java.version} = 21");
  }

  @Test
  void release8NeedsAJavacWithReleaseThatIsJdk9OrNewer() throws IOException {
    write("pom.xml", pom("app", compilerPlugin("<release>8</release>")));

    assertThat(requirement()).isEqualTo(new JdkRequirement(9, null, "pom.xml:13: maven-compiler-plugin <release> 8"));
  }

  @Test
  void theModuleThatNeedsMostDecidesForTheWholeBuild() throws IOException {
    write("pom.xml", pom("parent", """
          <packaging>pom</packaging>
          <modules><module>legacy</module><module>modern</module><module>absent</module></modules>
          <properties><maven.compiler.source>1.7</maven.compiler.source><maven.compiler.target>1.7</maven.compiler.target></properties>
        """));
    write("legacy/pom.xml", pom("legacy", "<parent><artifactId>parent</artifactId></parent>"));
    write("modern/pom.xml", pom("modern", "<parent><artifactId>parent</artifactId></parent>\n"
        + "<properties><maven.compiler.source>11</maven.compiler.source><maven.compiler.target>11</maven.compiler.target></properties>"));

    JdkRequirement r = requirement();

    assertThat(r.min()).isEqualTo(11);
    assertThat(r.max()).isEqualTo(19);
    assertThat(r.why()).isEqualTo("modern/pom.xml:8: maven.compiler.source 11; pom.xml:9: maven.compiler.source 1.7");
  }

  @Test
  void aParentOutsideTheCheckoutOrOfAnotherNameIsNotRead() throws IOException {
    write("pom.xml", pom("other-parent", "<properties><maven.compiler.release>17</maven.compiler.release></properties>"));
    write("app/pom.xml", pom("app", "<parent><artifactId>spring-boot-starter-parent</artifactId></parent>"));

    assertThat(JdkRequirement.of(checkout.resolve("app"))).isEmpty();
  }

  @Test
  void setupJavaInAMatrixGivesItsLowestVersion() throws IOException {
    write(".github/workflows/ci.yml", """
        name: CI
        on: [push]
        jobs:
          test:
            runs-on: ubuntu-latest
            strategy:
              matrix:
                java: [ '17', '11', '21' ]
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-java@v4
                with:
                  distribution: temurin
                  java-version: ${{ matrix.java }}
        """);
    write(".github/workflows/release.yaml", "jobs:\n  r:\n    steps:\n      - uses: actions/setup-java@v4\n        with:\n          java-version: 17\n");

    assertThat(requirement()).isEqualTo(new JdkRequirement(11, null, ".github/workflows/ci.yml:8:23: actions/setup-java java-version 11"));
  }

  @Test
  void filesThatCannotBeReadSayNothingAndNothingCrashes() throws IOException {
    write(".java-version", "\n# nothing\n");
    write(".sdkmanrc", "java=\n");
    write(".tool-versions", "java system\n");
    write("pom.xml", "<project><build><plugins><plugin>");
    write(".github/workflows/broken.yml", "jobs: [ {\n");
    write(".github/workflows/alias.yml", "x: &a 1\njobs:\n  b:\n    steps: *a\n");
    write(".github/workflows/notes.txt", "java-version: 8\n");
    Files.createDirectories(checkout.resolve(".github/workflows/dir.yml"));

    assertThat(JdkRequirement.of(checkout)).isEmpty();
    assertThat(JdkRequirement.of(checkout.resolve("does-not-exist"))).isEmpty();
  }

  @Test
  void aRepositoryThatNeedsAJdkFleetDoesNotKnowGetsAReasonNamingBoth() throws IOException {
    Path jvm = checkout.resolveSibling(checkout.getFileName() + "-jvm");
    Path jdk17 = FakeJdk.jdk(jvm.resolve("17"), "17.0.13", "Debian");
    FakeJdk.jdk(jvm.resolve("25"), "25.0.3", "Eclipse Adoptium");
    KnownJdks known = KnownJdks.discover(null, null, jdk17, jvm.resolve("home"), List.of(jvm));
    write(".java-version", "11\n");

    JdkChoice choice = known.choose(requirement());

    assertThat(choice.found()).isFalse();
    assertThat(choice.reason()).isEqualTo("needs JDK 11 (.java-version:1: 11), and Fleet knows JDK 17, JDK 25; add its home to FLEET_JDKS");

    Files.delete(checkout.resolve(".java-version"));
    write("pom.xml", pom("app", compilerPlugin("<release>21</release>")));
    assertThat(known.choose(requirement()).jdk()).extracting(Jdk::version).isEqualTo(25);
  }
}
