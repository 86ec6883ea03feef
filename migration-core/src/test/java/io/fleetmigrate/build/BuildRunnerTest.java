package io.fleetmigrate.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildRunnerTest {
  @TempDir Path dir;
  private final BuildRunner runner = new BuildRunner(new MavenToolchain(null));

  @Test
  void greenCommandIsGreenAndLogged() throws Exception {
    BuildResult result = runner.run(dir, "echo hello; pwd", Duration.ofSeconds(30), dir.resolve("logs/ok.log"));

    assertThat(result.green()).isTrue();
    assertThat(result.summary()).isEmpty();
    assertThat(Files.readString(result.log())).contains("hello", dir.toRealPath().toString());
  }

  @Test
  void failingCommandReportsItsLastLine() throws Exception {
    BuildResult result = runner.run(dir, "echo starting; echo 'no such thing' >&2; exit 3", Duration.ofSeconds(30), dir.resolve("f.log"));

    assertThat(result.green()).isFalse();
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.summary()).isEqualTo("build failed: no such thing");
  }

  @Test
  void timeLimitKillsTheWholeProcessTree() throws Exception {
    // A background child writes a heartbeat; after the time limit it must beat no more. (Its pid
    // is no help: in the sandbox's PID namespace $! is not the pid this JVM sees.)
    Path beat = dir.resolve("beat");
    long start = System.nanoTime();

    BuildResult result =
        runner.run(dir, "(while true; do date +%s%N > " + beat + "; sleep 0.1; done) & wait", Duration.ofSeconds(2), dir.resolve("t.log"));

    assertThat(result.timedOut()).isTrue();
    assertThat(result.green()).isFalse();
    assertThat(result.summary()).isEqualTo("timed out after 2s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    Thread.sleep(300);
    String last = Files.readString(beat);
    Thread.sleep(1000);
    assertThat(Files.readString(beat)).as("the background child of the build was killed too").isEqualTo(last);
  }

  @Test
  void aBuildThatFloodsItsOutputKeepsHeadAndTailWithinTheCap() throws Exception {
    BuildRunner capped = new BuildRunner(new MavenToolchain(null), Sandbox.detect(), Sandbox.Network.ALLOWED, 1_000_000);

    BuildResult result = capped.run(
        dir, "echo first-line; yes flood | head -c 30000000; echo; echo '[ERROR] the real reason'; exit 1", Duration.ofMinutes(2), dir.resolve("flood.log"));

    String log = Files.readString(result.log());
    assertThat(Files.size(result.log())).isLessThan(1_100_000);
    assertThat(log).contains("first-line", "bytes of output dropped here").endsWith("[ERROR] the real reason\n");
    assertThat(result.summary()).isEqualTo("the real reason");
  }

  @Test
  void aBuildThatFailsSilentlyIsNotSummarisedWithOurOwnHeader() throws Exception {
    BuildResult result = runner.run(dir, "exit 3", Duration.ofSeconds(30), dir.resolve("silent.log"));

    assertThat(result.summary()).isEqualTo("build failed with no output");
  }

  @Test
  void theLogSaysWhichIsolationWasInForce() throws Exception {
    BuildRunner plain = new BuildRunner(new MavenToolchain(null), Sandbox.processOnly("testing the fallback"), Sandbox.Network.NONE, 1_000_000);

    BuildResult result = plain.run(dir, "echo hi", Duration.ofSeconds(30), dir.resolve("plain.log"));

    assertThat(result.isolation()).contains("network allowed", "no namespaces: testing the fallback");
    assertThat(Files.readString(result.log())).startsWith("[fleet] build ran in: " + result.isolation());
  }

  @Test
  void withoutNetworkABuildSeesOnlyLoopbackAndMavenIsOffline() throws Exception {
    Sandbox sandbox = Sandbox.detect();
    org.junit.jupiter.api.Assumptions.assumeTrue(sandbox.namespaces(), "this machine cannot create namespaces");
    BuildRunner offline = new BuildRunner(new MavenToolchain(null), sandbox, Sandbox.Network.NONE, 1_000_000);

    BuildResult result = offline.run(dir, "echo \"args=$MAVEN_ARGS\"; tail -n +3 /proc/net/dev | cut -d: -f1", Duration.ofSeconds(30), dir.resolve("net.log"));
    BuildResult baseline = offline.runOnline(dir, "tail -n +3 /proc/net/dev | wc -l", Duration.ofSeconds(30), dir.resolve("online.log"));

    assertThat(result.isolation()).contains("no network");
    List<String> lines = Files.readAllLines(result.log());
    assertThat(lines).contains("args=-o");
    assertThat(lines.stream().filter(l -> !l.startsWith("[fleet]") && !l.startsWith("args=")).map(String::strip)).containsExactly("lo");
    assertThat(baseline.isolation()).contains("network allowed");
  }

  @Test
  void buildSeesOnlyAllowlistedEnvironment() throws Exception {
    BuildResult result = runner.run(dir, "env", Duration.ofSeconds(30), dir.resolve("env.log"));

    Set<String> names =
        Files.readAllLines(result.log()).stream()
            .filter(l -> l.contains("="))
            .map(l -> l.substring(0, l.indexOf('=')))
            .collect(Collectors.toSet());
    Set<String> allowed = new HashSet<>(BuildRunner.ALLOWED_ENV);
    allowed.addAll(Arrays.asList("PWD", "SHLVL", "_", "OLDPWD"));
    assertThat(names).isSubsetOf(allowed).contains("PATH");
  }

  @Test
  void tokensAndKeysInOurEnvironmentNeverReachABuild() throws Exception {
    java.util.Map<String, String> ours = new java.util.HashMap<>(System.getenv());
    List<String> secrets = List.of("GITHUB_TOKEN", "FLEET_GITHUB_TOKEN", "GH_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY",
        "AWS_SECRET_ACCESS_KEY", "FLEET_DB_PASSWORD", "SPRING_DATASOURCE_PASSWORD", "JAVA_TOOL_OPTIONS", "LD_PRELOAD");
    for (String name : secrets) {
      ours.put(name, "canary-" + name.toLowerCase(java.util.Locale.ROOT) + "-5ec2e7");
    }
    ours.put("LANG", "C.UTF-8");
    for (Sandbox sandbox : List.of(Sandbox.detect(), Sandbox.processOnly("test"))) {
      BuildRunner runner = new BuildRunner(new MavenToolchain(null), sandbox, Sandbox.Network.ALLOWED, BuildRunner.DEFAULT_OUTPUT_CAP, ours);

      BuildResult result = runner.run(dir, "env; cat /proc/self/environ | tr '\\0' '\\n'", Duration.ofSeconds(30),
          dir.resolve("env-" + sandbox.namespaces() + ".log"));

      String log = Files.readString(result.log());
      assertThat(result.green()).isTrue();
      assertThat(log).doesNotContain("5ec2e7");
      for (String name : secrets) {
        assertThat(log).doesNotContain(name + "=");
      }
      assertThat(log).contains("LANG=C.UTF-8").contains("PATH=");
    }
  }

  @Test
  void summarizesFirstCompileError() throws Exception {
    Path log = dir.resolve("compile.log");
    Files.writeString(
        log,
        """
        [INFO] BUILD FAILURE
        [ERROR] COMPILATION ERROR :
        [ERROR] %1$s/src/test/java/a/FooTest.java:[6,26] package org.junit.internal does not exist
        [ERROR] %1$s/src/test/java/a/FooTest.java:[20,18] cannot find symbol
        [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:testCompile
        """
            .formatted(dir));

    assertThat(BuildRunner.summarize(log, dir))
        .isEqualTo("compile error: src/test/java/a/FooTest.java:6:26: package org.junit.internal does not exist (+1 more compile error)");
  }

  @Test
  void summarizesFailingTests() throws Exception {
    Path log = dir.resolve("test.log");
    Files.writeString(
        log,
        """
        [ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.05 s <<< FAILURE! - in a.PercentagesTest
        [INFO] Results:
        [ERROR] Failures:\s
        [ERROR]   PercentagesTest.roundsToNearestPercent:15 expected:<6[7]%> but was:<6[6]%>
        [INFO]
        [ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0
        """);

    assertThat(BuildRunner.summarize(log, dir))
        .isEqualTo(
            "test failed: PercentagesTest.roundsToNearestPercent:15 expected:<6[7]%> but was:<6[6]%> (Tests run: 2, Failures: 1, Errors: 0, Skipped: 0)");
  }
}
