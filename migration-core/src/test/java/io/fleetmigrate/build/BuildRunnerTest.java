package io.fleetmigrate.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
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
    Path marker = dir.resolve("child.pid");
    long start = System.nanoTime();

    BuildResult result =
        runner.run(dir, "sleep 60 & echo $! > " + marker + "; wait", Duration.ofSeconds(2), dir.resolve("t.log"));

    assertThat(result.timedOut()).isTrue();
    assertThat(result.green()).isFalse();
    assertThat(result.summary()).isEqualTo("timed out after 2s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    long child = Long.parseLong(Files.readString(marker).strip());
    assertThat(gone(child)).as("the background child of the build was killed too").isTrue();
  }

  /** Dead, or a zombie waiting for a parent to reap it (it runs no more either way). */
  private static boolean gone(long pid) throws Exception {
    for (int i = 0; i < 50; i++) {
      Path stat = Path.of("/proc/" + pid + "/stat");
      if (!Files.exists(stat)) {
        return true;
      }
      String content = Files.readString(stat);
      char state = content.charAt(content.lastIndexOf(')') + 2);
      if (state == 'Z' || state == 'X') {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
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
