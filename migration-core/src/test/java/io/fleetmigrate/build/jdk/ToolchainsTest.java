package io.fleetmigrate.build.jdk;

import io.fleetmigrate.testing.FakeJdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainsTest {
  @TempDir Path tmp;

  @Test
  void eachJdkIsListedByFeatureThenFullVersionLowestFirstAndAJreNot() throws Exception {
    Path jvm = tmp.resolve("jvm");
    Path jdk11 = FakeJdk.jdk(jvm.resolve("zulu-11"), "11.0.22", "Azul Systems, Inc.");
    Path jdk17 = FakeJdk.jdk(jvm.resolve("jdk-17"), "17.0.15", "A & B <vendor>");
    FakeJdk.jre(jvm.resolve("jre-21"), "21.0.2", "Eclipse Adoptium");
    KnownJdks known = KnownJdks.discover(null, null, jdk17, tmp.resolve("home"), List.of(jvm));

    Toolchains toolchains = Toolchains.write(known, tmp.resolve("data"));

    assertThat(toolchains.file()).isEqualTo(tmp.resolve("data/toolchains.xml").toAbsolutePath());
    assertThat(toolchains.homes()).containsExactly(jdk11.toRealPath(), jdk17.toRealPath());
    String xml = Files.readString(toolchains.file());
    assertThat(xml.split("<toolchain>")).hasSize(5);
    assertThat(xml).containsSubsequence(
        "<version>11</version>", "<vendor>Azul Systems, Inc.</vendor>", "<jdkHome>" + jdk11.toRealPath() + "</jdkHome>",
        "<version>11.0.22</version>",
        "<version>17</version>", "<vendor>A &amp; B &lt;vendor&gt;</vendor>", "<jdkHome>" + jdk17.toRealPath() + "</jdkHome>",
        "<version>17.0.15</version>");
    assertThat(xml).doesNotContain("jre-21");
    // Maven reads it: well-formed XML.
    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(toolchains.file().toFile());
  }
}
