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
import io.fleetmigrate.build.jdk.Jdk;
import io.fleetmigrate.build.jdk.JdkChoice;
import io.fleetmigrate.build.jdk.KnownJdks;
import io.fleetmigrate.build.jdk.Toolchains;
import io.fleetmigrate.testing.TestJdks;
import java.util.Map;
import org.assertj.core.api.Assertions;
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
    MavenToolchain maven = new MavenToolchain(null, dir.resolve("repo"), null);
    BuildRunner offline = new BuildRunner(maven, sandbox, Sandbox.Network.NONE, 1_000_000);
    BuildRunner online = new BuildRunner(maven, sandbox, Sandbox.Network.ALLOWED, 1_000_000);

    BuildResult result = offline.run(dir, "echo \"args=$MAVEN_ARGS\"; tail -n +3 /proc/net/dev | cut -d: -f1", Duration.ofSeconds(30), dir.resolve("net.log"));
    BuildResult allowed = online.run(dir, "echo \"args=$MAVEN_ARGS\"; tail -n +3 /proc/net/dev | wc -l", Duration.ofSeconds(30), dir.resolve("online.log"));

    assertThat(result.isolation()).contains("no network");
    List<String> lines = Files.readAllLines(result.log());
    assertThat(lines).contains("args=-Dmaven.repo.local=" + BuildRunner.headFor(dir) + " -Dmaven.repo.local.tail="
        + dir.resolve("repo").toAbsolutePath() + " " + MavenToolchain.RERUN_FAILING_TESTS + " -o");
    assertThat(lines.stream().filter(l -> !l.startsWith("[fleet]") && !l.startsWith("args=")).map(String::strip)).containsExactly("lo");
    assertThat(allowed.isolation()).contains("network allowed");
    assertThat(Files.readAllLines(allowed.log()))
        .contains("args=-Dmaven.repo.local=" + dir.resolve("repo").toAbsolutePath() + " " + MavenToolchain.RERUN_FAILING_TESTS);
  }

  @Test
  void aMistypedBuildSettingIsNamedWithTheValuesItTakes() {
    BuildSettings ok = settings(java.util.Map.of("FLEET_BUILD_NETWORK", "None", "FLEET_SANDBOX", "bwrap", "FLEET_MAVEN_WARM", "shared"));
    assertThat(ok.network()).isEqualTo("none");
    assertThat(ok.sandbox()).isEqualTo("bwrap");
    assertThat(ok.sharedWarm()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(java.util.Map.of("FLEET_BUILD_NETWORK", "bogus")))
        .hasMessage("FLEET_BUILD_NETWORK must be auto, none, allowed, not 'bogus'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(java.util.Map.of("FLEET_SANDBOX", "docker")))
        .hasMessage("FLEET_SANDBOX must be auto, bwrap, unshare, off, not 'docker'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(java.util.Map.of("FLEET_MAVEN_WARM", "all")))
        .hasMessage("FLEET_MAVEN_WARM must be own, shared, not 'all'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(java.util.Map.of("FLEET_PREFETCH", "two")))
        .hasMessage("FLEET_PREFETCH must be a number between 0 and 8, not 'two'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(java.util.Map.of("FLEET_BUILD_OUTPUT_CAP", "lots")))
        .hasMessage("FLEET_BUILD_OUTPUT_CAP must be a size in bytes such as 16m or 512k, not 'lots'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(java.util.Map.of("FLEET_BUILD_OUTPUT_CAP", "1k")))
        .hasMessage("FLEET_BUILD_OUTPUT_CAP must be at least 64k, not 1024 bytes");
    assertThat(settings(java.util.Map.of("FLEET_BUILD_OUTPUT_CAP", "4m")).outputCap()).isEqualTo(4L * 1024 * 1024);
    assertThat(settings(java.util.Map.of()).outputCap()).isEqualTo(BuildRunner.DEFAULT_OUTPUT_CAP);
  }

  @Test
  void aSettingComesFromTheEnvironmentElseTheSystemPropertyBesideIt() {
    java.util.Map<String, String> properties = java.util.Map.of("fleet.build.network", "allowed", "fleet.maven.home", "/opt/maven",
        "fleet.prefetch", "3", "fleet.sandbox", "off");
    BuildSettings s = BuildSettings.bind(java.util.Map.of("FLEET_SANDBOX", "unshare")::get, properties::get);
    assertThat(s.network()).isEqualTo("allowed");
    assertThat(s.sandbox()).as("the environment first").isEqualTo("unshare");
    assertThat(s.mavenHome()).isEqualTo(Path.of("/opt/maven"));
    assertThat(s.prefetch()).isEqualTo(3);
    assertThat(s.resolveOnMiss()).isTrue();
    BuildSettings defaults = BuildSettings.bind(name -> null, name -> null);
    assertThat(defaults).isEqualTo(new BuildSettings("auto", "auto", false, null, null, null, BuildSlots.DEFAULT_PREFETCH, null));
  }

  private static BuildSettings settings(java.util.Map<String, String> env) {
    return BuildSettings.bind(env::get, name -> null);
  }

  @Test
  void networkPolicyAutoTakesTheNetworkAwayWhereTheSandboxCan() {
    assertThat(BuildRunner.networkPolicy("auto", Sandbox.processOnly("test"))).isEqualTo(Sandbox.Network.ALLOWED);
    assertThat(BuildRunner.networkPolicy("none", Sandbox.processOnly("test"))).isEqualTo(Sandbox.Network.NONE);
    assertThat(BuildRunner.networkPolicy(" Allowed ", Sandbox.detect())).isEqualTo(Sandbox.Network.ALLOWED);
    if (Sandbox.detect().namespaces()) {
      assertThat(BuildRunner.networkPolicy("auto", Sandbox.detect())).isEqualTo(Sandbox.Network.NONE);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BuildRunner.networkPolicy("off", Sandbox.detect()))
        .hasMessageContaining("must be auto, none, allowed, not 'off'");
  }

  @Test
  void underBubblewrapABuildSeesItsWorkspaceAndNothingOfOurs() throws Exception {
    Sandbox sandbox = Sandbox.detect();
    org.junit.jupiter.api.Assumptions.assumeTrue(sandbox.mode() == Sandbox.Mode.BWRAP, "bubblewrap is not available here");
    // Not under /tmp: the sandbox's /tmp is a fresh tmpfs anyway, which would hide these for the wrong reason.
    Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sandbox-test-");
    try {
      Path home = Files.createDirectories(base.resolve("home"));
      Files.createDirectories(home.resolve(".m2"));
      Files.writeString(home.resolve(".m2/settings.xml"), "<password>canary-settings-71c3</password>");
      Files.writeString(home.resolve(".git-credentials"), "https://x:canary-credentials-71c3@example.com");
      Path other = Files.createDirectories(base.resolve("workspaces/other"));
      Files.writeString(other.resolve("secret.txt"), "canary-other-workspace-71c3");
      Path workspace = Files.createDirectories(base.resolve("workspaces/mine"));
      Files.createDirectories(workspace.resolve(".git/hooks"));
      Path mavenHome = Files.createDirectories(base.resolve("maven/bin"));
      Path repository = Files.createDirectories(home.resolve(".m2/repository"));
      Files.writeString(repository.resolve("present.txt"), "a dependency");
      java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
      env.put("HOME", home.toString());
      BuildRunner runner = new BuildRunner(new MavenToolchain(mavenHome.getParent(), repository, null), sandbox, Sandbox.Network.NONE,
          1_000_000, env);

      BuildResult result = runner.run(workspace,
          "cat $HOME/.m2/settings.xml $HOME/.git-credentials ../other/secret.txt " + other.resolve("secret.txt") + "; "
              + "cat " + repository.resolve("present.txt") + "; echo; "
              + "echo built > inside.txt && echo wrote-inside; "
              + "(echo x > " + repository.resolve("poisoned.txt") + ") 2>/dev/null || echo repository-read-only; "
              + "(echo x > " + mavenHome.resolve("mvn") + ") 2>/dev/null || echo maven-read-only; "
              + "(echo 'curl evil' > .git/hooks/post-commit) 2>/dev/null || echo git-read-only; "
              + "(echo x > " + other.resolve("tampered.txt") + ") 2>/dev/null || echo other-workspace-unreachable; "
              + "(echo x > /etc/fleet-sandbox-probe) 2>/dev/null || echo etc-read-only; "
              + "ls -A $HOME/.m2",
          Duration.ofSeconds(30), base.resolve("logs/confined.log"));

      String log = Files.readString(result.log());
      assertThat(log).doesNotContain("71c3");
      assertThat(log).contains("a dependency", "wrote-inside", "repository-read-only", "maven-read-only", "git-read-only",
          "other-workspace-unreachable", "etc-read-only");
      assertThat(Files.readString(workspace.resolve("inside.txt"))).isEqualTo("built\n");
      assertThat(repository.resolve("poisoned.txt")).doesNotExist();
      assertThat(mavenHome.resolve("mvn")).doesNotExist();
      assertThat(workspace.resolve(".git/hooks/post-commit")).doesNotExist();
      assertThat(other.resolve("tampered.txt")).doesNotExist();
      assertThat(Path.of("/etc/fleet-sandbox-probe")).doesNotExist();
      assertThat(result.isolation()).contains("bubblewrap", "sees only its workspace");
    } finally {
      try (java.util.stream.Stream<Path> walk = Files.walk(base)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void theWarmStepRunsInACopyOfThePomsAlone() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("proj"));
    Files.writeString(ws.resolve("pom.xml"), "<project/>");
    Files.createDirectories(ws.resolve(".mvn"));
    Files.writeString(ws.resolve(".mvn/jvm.config"), "-javaagent:evil.jar");
    Files.createDirectories(ws.resolve("core/src/main/java"));
    Files.writeString(ws.resolve("core/pom.xml"), "<project/>");
    Files.writeString(ws.resolve("core/src/main/java/A.java"), "class A {}");
    Files.writeString(ws.resolve("mvnw"), "#!/bin/sh\necho evil");

    Path copy = MavenBuildTool.MAVEN.buildFilesOnly(ws);

    try (java.util.stream.Stream<Path> files = Files.walk(copy)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> copy.relativize(p).toString()).sorted().toList())
          .containsExactly("core/pom.xml", "pom.xml");
    }
    assertThat(copy.getParent()).isEqualTo(ws.getParent());
  }

  /**
   * A stand-in for Maven that answers like Maven 3.9 does: offline, a build needing an artifact the
   * local repository lacks fails with Maven's own words; {@code dependency:get} fetches it.
   */
  private Path fakeMaven(String... needed) throws Exception {
    return fakeMavenSaying("[ERROR] Failed to execute goal on project x: Cannot access central (https://repo.maven.apache.org/maven2) in "
        + "offline mode and the artifact %s has not been downloaded from it before. -> [Help 1]", needed);
  }

  /**
   * The same stand-in, saying an offline miss in {@code missLine}'s words ({@code %s}: the
   * artifact): Surefire and Maven Resolver each have their own. With the network, the build fetches
   * what it lacks into the local repository it was given, as Maven does.
   */
  private Path fakeMavenSaying(String missLine, String... needed) throws Exception {
    Path home = Files.createDirectories(dir.resolve("fake-maven/bin"));
    StringBuilder script = new StringBuilder("""
        #!/bin/sh
        repo=$(echo "$MAVEN_ARGS" | sed -n 's/.*-Dmaven.repo.local=\\([^ ]*\\).*/\\1/p')
        tail=$(echo "$MAVEN_ARGS" | sed -n 's/.*-Dmaven.repo.local.tail=\\([^ ]*\\).*/\\1/p')
        have() { [ -e "$repo/$1" ] || { [ -n "$tail" ] && [ -e "$tail/$1" ]; }; }
        case " $MAVEN_ARGS $* " in
          *" -o "*) offline=1 ;;
          *) offline=0 ;;
        esac
        echo "mvn $* (offline=$offline)"
        case "$*" in
          *:go-offline*) echo "[INFO] go-offline done"; touch "$repo/go-offline"; exit 0 ;;
          *:get*)
            a=$(echo "$*" | sed -n 's/.*-Dartifact=\\([^ ]*\\).*/\\1/p')
            if [ "$offline" = 1 ]; then echo "[ERROR] get offline"; exit 1; fi
            case "$a" in *nowhere*) echo "[ERROR] Could not find artifact $a in central"; exit 1 ;; esac
            touch "$repo/$a" && echo "[INFO] fetched $a"; exit 0 ;;
        esac
        missing=0
        """);
    for (String artifact : needed) {
      String[] p = artifact.split(":");
      String get = p[0] + ":" + p[1] + ":" + p[3] + ":" + p[2];
      script.append("if ! have \"").append(get).append("\" && [ $offline = 0 ]; then touch \"$repo/").append(get)
          .append("\"; echo \"Downloaded ").append(get).append("\"; fi\n");
      script.append("if ! have \"").append(get).append("\"; then printf '%s\\n' ")
          .append(shellQuote(missLine.formatted(artifact)).replace("\n", "' '")).append("; missing=1; fi\n");
      // One miss at a time, as Surefire's provider shows up only after the dependencies resolve.
      script.append("[ $missing = 1 ] && exit 1\n");
    }
    script.append("echo '[INFO] BUILD SUCCESS'\n");
    Files.writeString(home.resolve("mvn"), script.toString());
    home.resolve("mvn").toFile().setExecutable(true);
    return home.getParent();
  }

  private static String shellQuote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /**
   * A runner under {@code fleet.build.network=none}: without network, and the build itself never
   * gets it (the warm step fetches), for a machine that can take it away (else the test is skipped).
   */
  private static BuildRunner offline(MavenToolchain maven) {
    Sandbox sandbox = Sandbox.detect();
    org.junit.jupiter.api.Assumptions.assumeTrue(sandbox.namespaces(), "this machine cannot create namespaces");
    return new BuildRunner(maven, sandbox, BuildRunner.networkPolicy("none", sandbox), BuildRunner.resolveOnMiss("none"), 1_000_000);
  }

  /**
   * A runner under the default policy, {@code auto}, in bubblewrap: the only sandbox in which a
   * build that lacks an artifact runs again with the network (its file system is confined).
   */
  private static BuildRunner auto(MavenToolchain maven) {
    Sandbox sandbox = Sandbox.detect();
    org.junit.jupiter.api.Assumptions.assumeTrue(sandbox.mode() == Sandbox.Mode.BWRAP, "bubblewrap is not available here");
    return new BuildRunner(maven, sandbox, BuildRunner.networkPolicy("auto", sandbox), BuildRunner.resolveOnMiss("auto"), 1_000_000);
  }

  @Test
  void anOfflineBuildThatLacksAnArtifactRunsAgainWithResolutionAllowedIntoItsOwnHead() throws Exception {
    Path repository = dir.resolve("repo");
    BuildRunner runner = auto(new MavenToolchain(fakeMaven("org.junit.jupiter:junit-jupiter:jar:5.11.4",
        "org.apache.maven.surefire:surefire-junit-platform:jar:3.5.2"), repository, null));
    Path workspace = Files.createDirectories(dir.resolve("ws"));

    BuildResult result = runner.run(workspace, "mvn -B verify", Duration.ofSeconds(60), dir.resolve("logs/test.log"));

    assertThat(result.green()).as(Files.readString(result.log())).isTrue();
    Path head = BuildRunner.headFor(workspace);
    assertThat(head.resolve("org.junit.jupiter:junit-jupiter:5.11.4:jar")).exists();
    assertThat(head.resolve("org.apache.maven.surefire:surefire-junit-platform:3.5.2:jar")).exists();
    try (java.util.stream.Stream<Path> shared = Files.list(repository)) {
      assertThat(shared).as("the shared repository is only a read-only tail").isEmpty();
    }
    assertThat(result.isolation()).contains("resolution allowed", "own local-repository head (read-write)",
        "the offline build lacked org.junit.jupiter:junit-jupiter:jar:5.11.4 (test.offline.log)");
    assertThat(Files.readString(dir.resolve("logs/test.resolve.log"))).contains("(offline=0)", "Downloaded");
    assertThat(Files.readString(result.log())).as("the verdict is an offline build").contains("(offline=1)", "BUILD SUCCESS");
    assertThat(result.isolation()).endsWith("then offline again for the verdict");
    assertThat(Files.readString(dir.resolve("logs/test.offline.log"))).contains("(offline=1)", "has not been downloaded");
    assertThat(dir.resolve("logs/test.warm-1.log")).as("no guessing rounds").doesNotExist();

    BuildResult again = runner.run(workspace, "mvn -B verify", Duration.ofSeconds(60), dir.resolve("logs/again.log"));
    assertThat(again.green()).isTrue();
    assertThat(again.isolation()).doesNotContain("resolution allowed");
    assertThat(Files.readString(again.log())).contains("(offline=1)");
  }

  @Test
  void surefiresOwnWordsForAMissingProviderAlsoAllowResolution() throws Exception {
    // Surefire 2.22 (MultipleArtifactsNotFoundException, no "offline" in sight) and Surefire 3.0.0-M5
    // (the provider class missing in the forked JVM): both are a want of an artifact, not a red build.
    List<String> shapes = List.of(
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.2:test (default-test) on project x: "
            + "Execution default-test of goal org.apache.maven.plugins:maven-surefire-plugin:2.22.2:test failed: Missing:"
            + "\n[ERROR] ----------\n[ERROR] 1) %s\n[ERROR]\n[ERROR]   Try downloading the file manually from the project website."
            + "\n[ERROR]   Path to dependency:\n[ERROR]   \t1) dummy:dummy:jar:1.0\n[ERROR]\n[ERROR] ----------\n[ERROR] 1 required artifact is missing.",
        "[ERROR] java.lang.ClassNotFoundException: org.apache.maven.surefire.junit4.JUnit4Provider (for %s)");
    int n = 0;
    for (String shape : shapes) {
      n++;
      Path base = Files.createDirectories(dir.resolve("shape-" + n));
      BuildRunner runner = auto(new MavenToolchain(fakeMavenSaying(shape, "org.apache.maven.surefire:surefire-junit4:jar:2.22.2"),
          base.resolve("repo"), null));
      Path workspace = Files.createDirectories(base.resolve("ws"));

      BuildResult result = runner.run(workspace, "mvn -B verify", Duration.ofSeconds(60), base.resolve("logs/baseline.log"));

      assertThat(result.green()).as(shape).isTrue();
      assertThat(result.isolation()).contains("resolution allowed");
    }
  }

  @Test
  void aBuildGreenOnlyWithTheNetworkIsRedWithThatReasonWhateverTheCacheHeld() throws Exception {
    // The tests download a binary: green with the network, red offline. That the baseline had to
    // resolve an artifact first must not make it green.
    Path home = Files.createDirectories(dir.resolve("net-maven/bin"));
    Files.writeString(home.resolve("mvn"), """
        #!/bin/sh
        repo=$(echo "$MAVEN_ARGS" | sed -n 's/.*-Dmaven.repo.local=\\([^ ]*\\).*/\\1/p')
        case " $MAVEN_ARGS " in *" -o "*) offline=1 ;; *) offline=0 ;; esac
        if [ ! -e "$repo/provider" ]; then
          if [ $offline = 1 ]; then echo "[ERROR] Cannot access central in offline mode and the artifact a:provider:jar:1 has not been downloaded from it before."; exit 1; fi
          touch "$repo/provider"
        fi
        if [ $offline = 1 ]; then
          echo "[ERROR] Tests run: 1, Failures: 0, Errors: 1"
          echo "java.net.UnknownHostException: fastdl.mongodb.org"
          exit 1
        fi
        echo "[INFO] BUILD SUCCESS"
        """);
    home.resolve("mvn").toFile().setExecutable(true);
    Path repository = dir.resolve("shared");
    BuildRunner runner = auto(new MavenToolchain(home.getParent(), repository, null, true));
    Path workspace = Files.createDirectories(dir.resolve("ws"));

    BuildResult result = runner.run(workspace, "mvn -B verify", Duration.ofSeconds(60), dir.resolve("logs/baseline.log"));

    assertThat(result.green()).isFalse();
    assertThat(result.summary()).startsWith("green only with the network (baseline.resolve.log), red offline: tests reach for the network")
        .contains("fastdl.mongodb.org");
    assertThat(BuildRunner.headFor(workspace).resolve("provider")).as("the build with the network writes its own head").exists();
    try (java.util.stream.Stream<Path> shared = Files.list(repository)) {
      assertThat(shared).as("even with FLEET_MAVEN_WARM=shared the project's own build never writes the shared repository").isEmpty();
    }
  }

  @Test
  void aRunnerForAnotherBuildToolReadsItsLogsWithThatToolsReader() throws Exception {
    // A tool whose log reader gives its own reason: the runner's outcome must come from it, not from Maven's.
    BuildLog reader = (BuildLog) java.lang.reflect.Proxy.newProxyInstance(BuildLog.class.getClassLoader(), new Class<?>[] {BuildLog.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "summarize" -> "the other tool's reason";
          case "transientFailure" -> null;
          case "lacksArtifacts" -> false;
          default -> method.invoke(MavenLog.READER, args);
        });
    BuildTool other = (BuildTool) java.lang.reflect.Proxy.newProxyInstance(BuildTool.class.getClassLoader(), new Class<?>[] {BuildTool.class},
        (proxy, method, args) -> method.getName().equals("log") ? reader : method.invoke(MavenBuildTool.MAVEN, args));

    // Through the runner's other settings too, as RepositoryBuild and the classpath resolver chain them.
    BuildResult result = runner.with(other).withEnvironment(Map.of("FLEET_RULE", "1")).withTransientBackoff(List.of())
        .run(dir, "echo '[ERROR] no such thing'; exit 1", Duration.ofSeconds(30), dir.resolve("logs/other.log"));
    BuildResult maven = runner.run(dir, "echo '[ERROR] no such thing'; exit 1", Duration.ofSeconds(30), dir.resolve("logs/maven.log"));

    assertThat(result.summary()).isEqualTo("the other tool's reason");
    assertThat(maven.summary()).isEqualTo("no such thing");
  }

  @Test
  void aRedBuildThatLacksNothingIsNotRunAgain() throws Exception {
    BuildRunner runner = auto(new MavenToolchain(null, dir.resolve("repo"), null));

    BuildResult result = runner.run(dir, "echo '[ERROR] Tests failed'; exit 1", Duration.ofSeconds(30), dir.resolve("logs/red.log"));

    assertThat(result.summary()).isEqualTo("Tests failed");
    assertThat(result.isolation()).doesNotContain("resolution allowed");
    assertThat(dir.resolve("logs/red.offline.log")).doesNotExist();
  }

  /** A build that fails with Maven's words for a download cut short until it has been run {@code failures} times. */
  private String flakyDownload(int failures, String cause) {
    Path count = dir.resolve("runs");
    return "n=$(cat " + count + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > " + count + "; "
        + "if [ $n -le " + failures + " ]; then echo '[ERROR] Failed to execute goal on project app: Could not resolve dependencies for"
        + " project com.example:app:jar:1.0: Could not transfer artifact org.slf4j:slf4j-api:jar:2.0.16 from/to central"
        + " (https://repo.maven.apache.org/maven2): " + cause + " -> [Help 1]'; exit 1; fi; echo '[INFO] BUILD SUCCESS'";
  }

  @Test
  void aBuildThatFailedOnlyForATransientDownloadRunsAgainAndIsGreen() throws Exception {
    BuildRunner retrying = runner.withTransientBackoff(List.of(Duration.ZERO, Duration.ZERO));

    BuildResult result = retrying.run(dir, flakyDownload(1, "/home/u/.m2/repository/org/slf4j/slf4j-api/2.0.16/slf4j-api-2.0.16.jar.part.lock"
        + " (No such file or directory)"), Duration.ofSeconds(30), dir.resolve("logs/baseline.log"));

    assertThat(result.green()).as(Files.readString(result.log())).isTrue();
    assertThat(Files.readString(dir.resolve("runs")).strip()).isEqualTo("2");
    assertThat(Files.readString(result.log())).contains("BUILD SUCCESS");
    assertThat(Files.readString(dir.resolve("logs/baseline.transient-1.log"))).contains(".part.lock");
    assertThat(result.isolation()).contains("run 2 times", "baseline.transient-1.log");
  }

  @Test
  void aBuildThatKeepsFailingForATransientDownloadIsTheInfrastructuresFaultNotAVerdict() throws Exception {
    BuildRunner retrying = runner.withTransientBackoff(List.of(Duration.ZERO, Duration.ZERO));

    Assertions.assertThatThrownBy(() -> retrying.run(dir, flakyDownload(99, "Connection reset"), Duration.ofSeconds(30), dir.resolve("logs/baseline.log")))
        .isInstanceOf(TransientBuildException.class)
        .hasMessageContaining("3 times")
        .hasMessageContaining("Could not transfer artifact org.slf4j:slf4j-api:jar:2.0.16 from/to central (https://repo.maven.apache.org/maven2): Connection reset")
        .hasMessageContaining("baseline.log, baseline.transient-1.log, baseline.transient-2.log")
        .hasMessageContaining("infrastructure");
    assertThat(Files.readString(dir.resolve("runs")).strip()).isEqualTo("3");
    assertThat(dir.resolve("logs/baseline.log")).exists();
  }

  /** {@link #flakyDownload}, the first run taking {@code first} seconds and each run after it {@code then}. */
  private String slowFlakyDownload(int failures, double first, double then) {
    return "if [ -e " + dir.resolve("runs") + " ]; then sleep " + then + "; else sleep " + first + "; fi; " + flakyDownload(failures, "Connection reset");
  }

  @Test
  void aRunAgainGetsWhatIsLeftOfTheTimeoutNotATimeoutOfItsOwn() throws Exception {
    BuildRunner retrying = runner.withTransientBackoff(List.of(Duration.ZERO, Duration.ZERO));

    // 2 s spent failing, 4 s left: the run again that needs 5 s is stopped, as the one timeout says.
    BuildResult result = retrying.run(dir, slowFlakyDownload(1, 2, 5), Duration.ofSeconds(6), dir.resolve("logs/baseline.log"));

    // With a timeout of its own (6 s) the run again would have ended green after 7 s in all.
    assertThat(result.timedOut()).as(Files.readString(result.log())).isTrue();
    assertThat(dir.resolve("logs/baseline.transient-1.log")).as("it ran again").exists();
    assertThat(result.duration()).as("the one timeout, plus the time to stop the run").isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aTransientFailureWithLittleOfTheTimeoutLeftIsNotRunAgain() throws Exception {
    BuildRunner retrying = runner.withTransientBackoff(List.of(Duration.ZERO, Duration.ZERO));

    Assertions.assertThatThrownBy(() -> retrying.run(dir, slowFlakyDownload(1, 5, 0), Duration.ofSeconds(6), dir.resolve("logs/baseline.log")))
        .isInstanceOf(TransientBuildException.class)
        .hasMessageContaining("1 time (not run again:")
        .hasMessageContaining("Connection reset");
    assertThat(Files.readString(dir.resolve("runs")).strip()).isEqualTo("1");
    assertThat(BuildRunner.leastForARunAgain(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aLogWrittenAgainKeepsEachEarlierTransientLog() throws Exception {
    BuildRunner retrying = runner.withTransientBackoff(List.of(Duration.ZERO));

    retrying.run(dir, flakyDownload(1, "Connection reset"), Duration.ofSeconds(30), dir.resolve("logs/test.log"));
    Files.delete(dir.resolve("runs"));
    BuildResult again = retrying.run(dir, flakyDownload(1, "Read timed out"), Duration.ofSeconds(30), dir.resolve("logs/test.log"));

    assertThat(again.green()).isTrue();
    assertThat(Files.readString(dir.resolve("logs/test.transient-1.log"))).contains("Connection reset");
    assertThat(Files.readString(dir.resolve("logs/test.transient-2.log"))).contains("Read timed out");
    assertThat(again.isolation()).contains("test.transient-2.log");
  }

  @Test
  void aWarmStepWhoseGoOfflineFailedForATransientReasonRunsAgainWhateverItsExitCode() throws Exception {
    // go-offline: a reset connection; dependency:get after it: green, so the chain exits 0.
    Path home = Files.createDirectories(dir.resolve("flaky-maven/bin"));
    Files.writeString(home.resolve("mvn"), """
        #!/bin/sh
        echo "mvn $*"
        case "$*" in
          *:go-offline*) echo '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-dependency-plugin:3.8.1:go-offline (default-cli) on project x: org.eclipse.aether.resolution.DependencyResolutionException: Could not transfer artifact org.apache.maven.plugins:maven-surefire-plugin:jar:3.5.2 from/to central (https://repo.maven.apache.org/maven2): Connection reset -> [Help 1]'; exit 1 ;;
          *:get*) echo '[INFO] BUILD SUCCESS'; exit 0 ;;
        esac
        echo '[ERROR] Failed to execute goal on project x: Cannot access central (https://repo.maven.apache.org/maven2) in offline mode and the artifact com.example:lib:jar:1.0 has not been downloaded from it before. -> [Help 1]'
        exit 1
        """);
    home.resolve("mvn").toFile().setExecutable(true);
    BuildRunner runner = offline(new MavenToolchain(home.getParent(), dir.resolve("repo"), null)).withTransientBackoff(List.of(Duration.ZERO));

    Assertions.assertThatThrownBy(() -> runner.run(Files.createDirectories(dir.resolve("ws")), "mvn -B verify", Duration.ofSeconds(60),
            dir.resolve("logs/test.log")))
        .isInstanceOf(TransientBuildException.class)
        .hasMessageContaining("maven-surefire-plugin:jar:3.5.2 from/to central (https://repo.maven.apache.org/maven2): Connection reset")
        .hasMessageContaining("test.warm-1.transient-1.log");
  }

  @Test
  void anArtifactTheRepositoryDoesNotHaveIsRedAtOnceNotRetried() throws Exception {
    BuildRunner retrying = runner.withTransientBackoff(List.of(Duration.ZERO, Duration.ZERO));

    BuildResult result = retrying.run(dir, "echo '[ERROR] Failed to execute goal on project app: Could not resolve dependencies for project"
        + " com.example:app:jar:1.0: Could not find artifact com.example:gone:jar:9.9 in central (https://repo.maven.apache.org/maven2)'; exit 1",
        Duration.ofSeconds(30), dir.resolve("logs/red.log"));

    assertThat(result.green()).isFalse();
    assertThat(result.summary()).isEqualTo("cannot resolve com.example:gone:jar:9.9");
    assertThat(dir.resolve("logs/red.transient-1.log")).doesNotExist();
  }

  @Test
  void networkSettingsMapToPolicies() {
    assertThat(BuildRunner.resolveOnMiss("auto")).isTrue();
    assertThat(BuildRunner.resolveOnMiss(" ")).isTrue();
    assertThat(BuildRunner.resolveOnMiss("None")).isFalse();
    assertThat(BuildRunner.resolveOnMiss("allowed")).isTrue();
  }

  @Test
  void anOfflineMissWarmsTheLocalRepositoryAndBuildsAgain() throws Exception {
    Path repository = dir.resolve("repo");
    BuildRunner runner = offline(new MavenToolchain(fakeMaven("org.junit.jupiter:junit-jupiter:jar:5.11.4",
        "org.apache.maven.surefire:surefire-junit-platform:jar:3.5.2"), repository, null));
    Path workspace = Files.createDirectories(dir.resolve("ws"));

    BuildResult result = runner.run(workspace, "mvn -B verify", Duration.ofSeconds(60), dir.resolve("logs/test.log"));

    assertThat(result.green()).as(Files.readString(result.log())).isTrue();
    Path head = BuildRunner.headFor(workspace);
    assertThat(head.resolve("go-offline")).exists();
    assertThat(head.resolve("org.junit.jupiter:junit-jupiter:5.11.4:jar")).exists();
    assertThat(head.resolve("org.apache.maven.surefire:surefire-junit-platform:3.5.2:jar")).exists();
    try (java.util.stream.Stream<Path> shared = Files.list(repository)) {
      assertThat(shared).as("the shared repository is only a read-only tail").isEmpty();
    }
    assertThat(result.isolation()).contains("no network", "warmed 2 times (2 missing artifacts");
    assertThat(Files.readString(dir.resolve("logs/test.warm-1.log")))
        .contains("warm step", "network allowed", "own local-repository head (read-write)", "go-offline", "(offline=0)");
    assertThat(Files.readString(dir.resolve("logs/test.warm-2.log"))).doesNotContain(":go-offline");

    BuildResult again = runner.run(workspace, "mvn -B verify", Duration.ofSeconds(60), dir.resolve("logs/again.log"));
    assertThat(again.green()).isTrue();
    assertThat(again.isolation()).doesNotContain("warmed");
    assertThat(dir.resolve("logs/again.warm-1.log")).doesNotExist();
  }

  @Test
  void withASharedWarmTheWarmStepFillsTheSharedRepository() throws Exception {
    Path repository = dir.resolve("shared-repo");
    BuildRunner runner = offline(new MavenToolchain(fakeMaven("org.junit.jupiter:junit-jupiter:jar:5.11.4"), repository, null, true));
    Path workspace = Files.createDirectories(dir.resolve("ws"));

    BuildResult result = runner.run(workspace, "mvn -B verify", Duration.ofSeconds(60), dir.resolve("logs/test.log"));

    assertThat(result.green()).as(Files.readString(result.log())).isTrue();
    assertThat(repository.resolve("org.junit.jupiter:junit-jupiter:5.11.4:jar")).exists();
    // Builds read the shared repository through their (empty, read-only) head's tail.
    assertThat(BuildRunner.headFor(workspace)).isEmptyDirectory();
  }

  @Test
  void anArtifactTheWarmStepCannotFetchEndsRedWithItsName() throws Exception {
    BuildRunner runner = offline(new MavenToolchain(fakeMaven("com.example.nowhere:lost:jar:1.0"), dir.resolve("repo"), null));

    BuildResult result = runner.run(Files.createDirectories(dir.resolve("ws")), "mvn -B verify", Duration.ofSeconds(60), dir.resolve("logs/test.log"));

    assertThat(result.green()).isFalse();
    assertThat(result.summary()).startsWith("offline build lacks com.example.nowhere:lost:jar:1.0 and the warm step could not fetch it")
        .contains("FLEET_BUILD_NETWORK=none", "cannot resolve com.example.nowhere:lost:1.0:jar");
    assertThat(result.isolation()).contains("warmed 1 time (1 missing artifact");
    assertThat(dir.resolve("logs/test.warm-2.log")).doesNotExist();
  }

  @Test
  void aRedBuildThatLacksNothingIsNotWarmed() throws Exception {
    BuildRunner runner = offline(new MavenToolchain(null, dir.resolve("repo"), null));

    BuildResult result = runner.run(dir, "echo '[ERROR] Tests failed'; exit 1", Duration.ofSeconds(30), dir.resolve("logs/red.log"));

    assertThat(result.summary()).isEqualTo("Tests failed");
    assertThat(result.isolation()).doesNotContain("warmed");
    assertThat(dir.resolve("logs/red.warm-1.log")).doesNotExist();
  }

  @Test
  void reportedCoordinatesBecomeDependencyGetCoordinates() {
    assertThat(MavenBuildTool.getCoordinates("org.apache.maven.surefire:surefire-junit4:jar:3.5.2"))
        .isEqualTo("org.apache.maven.surefire:surefire-junit4:3.5.2:jar");
    assertThat(MavenBuildTool.getCoordinates("io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.100.Final"))
        .isEqualTo("io.netty:netty-transport-native-epoll:4.1.100.Final:jar:linux-x86_64");
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

    assertThat(MavenLog.summarize(log, dir))
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

    assertThat(MavenLog.summarize(log, dir))
        .isEqualTo(
            "test failed: PercentagesTest.roundsToNearestPercent:15 expected:<6[7]%> but was:<6[6]%> (Tests run: 2, Failures: 1, Errors: 0, Skipped: 0)");
  }

  @Test
  void aRunnerOnAChosenJdkGivesItsBuildsThatJdkAndSaysWhyAtTheTopOfTheLog() throws Exception {
    Jdk jdk25 = TestJdks.require(25);
    BuildRunner on25 = runner.on(new JdkChoice(jdk25, "JDK 25 at " + jdk25.home() + ": the repository needs JDK 25 (.java-version:1: 25)"));

    BuildResult result = on25.run(dir, "echo home=$JAVA_HOME; java -version 2>&1; javac -version 2>&1", Duration.ofMinutes(1),
        dir.resolve("logs/jdk.log"));

    assertThat(result.green()).as(Files.readString(result.log())).isTrue();
    List<String> lines = Files.readAllLines(result.log());
    assertThat(lines.get(0)).isEqualTo("[fleet] JDK: JDK 25 at " + jdk25.home() + ": the repository needs JDK 25 (.java-version:1: 25)");
    assertThat(lines).contains("home=" + jdk25.home(), "javac " + jdk25.fullVersion());
    assertThat(String.join("\n", lines)).contains("version \"" + jdk25.fullVersion() + "\"");
    assertThat(result.isolation()).startsWith("on JDK 25 at ");
  }

  @Test
  void everyMavenRunGetsTheToolchainsOfTheKnownJdksAndTheSandboxShowsTheFile() throws Exception {
    KnownJdks known = TestJdks.known();
    Toolchains toolchains = Toolchains.write(known, dir.resolve("data"));
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    BuildRunner withToolchains = runner.withJdks(known, toolchains);

    BuildResult result = withToolchains.run(workspace, "echo \"args=$MAVEN_ARGS\"; cat " + toolchains.file(), Duration.ofMinutes(1),
        dir.resolve("logs/toolchains.log"));

    String log = Files.readString(result.log());
    assertThat(result.green()).as(log).isTrue();
    assertThat(log).contains(" -t " + toolchains.file());
    for (Jdk jdk : known.jdks()) {
      assertThat(log).contains("<jdkHome>" + jdk.home() + "</jdkHome>");
    }
  }

  @Test
  void environmentAdditionsAreLiteralAndMayNotReplaceWhatFleetSets() throws Exception {
    BuildRunner added = new BuildRunner(new MavenToolchain(null), Sandbox.detect(), Sandbox.Network.ALLOWED, 1_000_000,
        Map.of("PATH", "/usr/bin:/bin", "FLEET_GITHUB_TOKEN", "secret-token"))
        .withEnvironment(Map.of("GPG_SKIP", "true", "FROM_SPEC", "$FLEET_GITHUB_TOKEN"));

    BuildResult result = added.run(dir, "echo gpg=$GPG_SKIP; echo spec=$FROM_SPEC; echo token=$FLEET_GITHUB_TOKEN", Duration.ofSeconds(30),
        dir.resolve("env.log"));

    String log = Files.readString(result.log());
    assertThat(log).contains("gpg=true", "spec=$FLEET_GITHUB_TOKEN", "token=\n").doesNotContain("secret-token");
    Assertions.assertThatThrownBy(() -> runner.withEnvironment(Map.of("JAVA_HOME", "/opt/jdk")))
        .hasMessageContaining("JAVA_HOME is set by Fleet").hasMessageContaining("'jdk'");
  }
}
