package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewriteProcessTest {
  @TempDir Path tmp;

  @Test
  void theChildKeepsOnlyThePathHomeTemporaryFilesAndLocaleOfTheParentsEnvironment() {
    Map<String, String> parent = Map.of(
        "PATH", "/usr/bin", "HOME", "/home/fleet", "TMPDIR", "/tmp/x", "LC_CTYPE", "C.UTF-8",
        "GITHUB_TOKEN", "ghp_secret", "FLEET_MODEL_API_KEY", "sk-secret", "JAVA_HOME", "/old/jdk", "MAVEN_OPTS", "-Xmx8g");

    Map<String, String> child = RewriteProcess.childEnvironment(parent, Path.of("/jdks/25"));

    assertThat(child).containsExactlyInAnyOrderEntriesOf(Map.of(
        "PATH", "/usr/bin", "HOME", "/home/fleet", "TMPDIR", "/tmp/x", "LC_CTYPE", "C.UTF-8", "JAVA_HOME", "/jdks/25"));
  }

  @Test
  void aClassPathOfClassesAndJarsStartsTheMainClassDirectly() throws Exception {
    String classPath = tmp.resolve("classes") + java.io.File.pathSeparator + tmp.resolve("lib/a.jar");

    assertThat(RewriteProcess.launch(classPath, "com.example.Main")).containsExactly("-cp", classPath, "com.example.Main");
  }

  @Test
  void relativeClassPathEntriesBecomeAbsoluteForTheChildStartsElsewhere() throws Exception {
    String relative = "fleet-app/fleet.jar" + java.io.File.pathSeparator + "fleet-app/lib/a.jar";

    assertThat(RewriteProcess.launch(relative, "com.example.Main")).containsExactly("-cp",
        Path.of("fleet-app/fleet.jar").toAbsolutePath() + java.io.File.pathSeparator + Path.of("fleet-app/lib/a.jar").toAbsolutePath(),
        "com.example.Main");
  }

  @Test
  void aRelativeSpringBootExecutableJarIsFoundAndStartedByItsAbsolutePath() throws Exception {
    Path jar = jar("fleet.jar", "Start-Class", "io.fleetmigrate.cli.FleetMain");
    String relative = Path.of("").toAbsolutePath().relativize(jar).toString();

    assertThat(RewriteProcess.launch(relative, "com.example.Main")).containsExactly(
        "-Dloader.main=com.example.Main", "-cp", jar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher");
  }

  @Test
  void anArgumentFileTokenKeepsSpacesQuotesBackslashesAndLineEndsInsideIt() {
    assertThat(RewriteProcess.quoted("/a b/\"q\"\\x\ny\rz")).isEqualTo("\"/a b/\\\"q\\\"\\\\x\\ny\\rz\"");
  }

  @Test
  void aSpringBootExecutableJarStartsTheMainClassThroughItsPropertiesLauncher() throws Exception {
    Path jar = jar("fleet.jar", "Start-Class", "io.fleetmigrate.cli.FleetMain");

    assertThat(RewriteProcess.launch(jar.toString(), "com.example.Main")).containsExactly(
        "-Dloader.main=com.example.Main", "-cp", jar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher");
  }

  @Test
  void aPlainJarWithAClassPathManifestStartsTheMainClassDirectly() throws Exception {
    // Surefire's manifest-only jar: the JVM follows its Class-Path.
    Path jar = jar("surefirebooter.jar", "Class-Path", "file:/x/classes/");

    assertThat(RewriteProcess.launch(jar.toString(), "com.example.Main")).containsExactly("-cp", jar.toString(), "com.example.Main");
  }

  private Path jar(String name, String attribute, String value) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue(attribute, value);
    Path jar = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // a manifest and nothing else
    }
    return jar;
  }
}
