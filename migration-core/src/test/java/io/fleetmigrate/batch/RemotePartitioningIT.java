package io.fleetmigrate.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.testing.FleetProcess;
import io.fleetmigrate.testing.PostgresServer;
import io.fleetmigrate.testing.GitFixtures;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out end to end on loopback: a real PostgreSQL, an embedded Artemis broker ({@code fleet
 * broker}), two worker processes and a manager ({@code campaign run --remote}). One worker is
 * killed with SIGKILL in the middle of a shard (one repository of the shard done, the next in
 * flight); its request is redelivered to the other worker, which resumes the shard. Every
 * repository ends with exactly one outcome, no pull request is opened twice, the job completes.
 * Then a second campaign's manager is killed mid-run and {@code campaign resume --remote} carries
 * it on through the surviving worker, with the same invariants.
 */
class RemotePartitioningIT {
  @TempDir Path tmp;
  private final List<Process> processes = new ArrayList<>();
  private PostgresServer pg;

  @AfterEach
  void stopAll() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      p.waitFor(30, TimeUnit.SECONDS);
    }
    if (pg != null) {
      pg.close();
    }
  }

  /**
   * Five repositories from the sample projects. Sorted by name and dealt into 4 shards, shard 0
   * holds two (billing-a, then payments-a): the shard in whose middle a worker is killed.
   */
  private static final Map<String, String> FLEET = new LinkedHashMap<>();

  static {
    FLEET.put("billing-a", "billing-service");
    FLEET.put("docs-a", "docs-site");
    FLEET.put("inventory-a", "inventory-api");
    FLEET.put("legacy-a", "legacy-reports");
    FLEET.put("payments-a", "payments-gateway");
  }

  private static final Map<String, String> EXPECTED = Map.of(
      "billing-a", "PR_OPENED", "docs-a", "SKIPPED", "inventory-a", "PR_OPENED",
      "legacy-a", "BASELINE_RED", "payments-a", "NO_CHANGES");

  @Test
  void aKilledWorkersShardIsResumedByTheOtherAndEveryRepositoryEndsOnce() throws Exception {
    pg = PostgresServer.start();
    Map<String, String> env = FleetProcess.postgres(pg);
    int brokerPort;
    try (ServerSocket s = new ServerSocket(0)) {
      brokerPort = s.getLocalPort();
    }
    String broker = "tcp://127.0.0.1:" + brokerPort;
    List<String> shared = List.of("--db-url", pg.url(), "--broker-url", broker);

    Process brokerProcess = start("broker", env, List.of("broker", "--bind", "127.0.0.1:" + brokerPort));
    waitForLog("broker", "Broker listening", brokerProcess);

    StringBuilder csv = new StringBuilder("name,clone_url\n");
    for (var repo : FLEET.entrySet()) {
      csv.append(repo.getKey()).append(',').append(origin(repo.getKey(), repo.getValue())).append('\n');
    }
    Files.writeString(tmp.resolve("inventory.csv"), csv);
    Process importing = start("import", env, concat(shared, "inventory", "import", tmp.resolve("inventory.csv").toString()));
    assertThat(importing.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(importing.exitValue()).as(log("import")).isZero();

    Process one = start("worker-1", env, concat(shared, "worker", "--lanes", "1"));
    Process two = start("worker-2", env, concat(shared, "worker", "--lanes", "1"));
    waitForLog("worker-1", "taking partition requests", one);
    waitForLog("worker-2", "taking partition requests", two);

    Path spec = tmp.resolve("remote.yaml");
    // The pause makes each repository take a while, so that a worker can be caught in the middle of a shard.
    Files.writeString(spec, """
        name: remote
        recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
        verify:
          command: sleep 1 && mvn -B -q verify
        pullRequest:
          branch: fleet/remote
        """);
    // 4 shards of the 5 repositories: shard 0 holds two.
    Process manager = start("manager", env, concat(shared, "campaign", "run", spec.toString(), "--remote", "--shards", "4"));

    String victim = null;
    try (Connection c = DriverManager.getConnection(pg.url(), PostgresServer.USER, PostgresServer.PASSWORD)) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8); // a shared, busy machine: builds take their time
      while (victim == null && System.nanoTime() < deadline) {
        assertThat(manager.isAlive()).as(log("manager")).isTrue();
        victim = workerInTheMiddleOfAShard(c);
        if (victim == null) {
          Thread.sleep(250);
        }
      }
      assertThat(victim).as("a worker was seen with one repository of a two-repository shard done").isNotNull();
      Process killed = victim.equals(pidOf(one)) ? one : two;
      Process survivor = killed == one ? two : one;
      // Make sure the shard's next repository has started on the victim, then kill it without a word.
      Thread.sleep(1500);
      killed.destroyForcibly(); // SIGKILL
      assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(manager.waitFor(8, TimeUnit.MINUTES)).as("the manager ends").isTrue();
      String managerLog = log("manager");
      assertThat(manager.exitValue()).as(managerLog).isEqualTo(1); // legacy-a was red from the start
      assertThat(managerLog).contains("was redelivered: the worker holding it died or lost the broker", "took it over", "run 1: COMPLETED");
      assertThat(survivor.isAlive()).isTrue();

      Map<String, String> outcomes = new TreeMap<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT repository, status FROM repo_outcome")) {
        while (rs.next()) {
          assertThat(outcomes.put(rs.getString(1), rs.getString(2))).as("one outcome for " + rs.getString(1)).isNull();
        }
      }
      assertThat(outcomes).isEqualTo(new TreeMap<>(EXPECTED));
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT repository, COUNT(*) FROM pull_request_event WHERE state = 'OPEN' GROUP BY repository")) {
        int prs = 0;
        while (rs.next()) {
          assertThat(rs.getInt(2)).as("pull requests opened for " + rs.getString(1)).isEqualTo(1);
          prs++;
        }
        assertThat(prs).isEqualTo(2);
      }
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT MAX(claims) FROM worker_shard")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the killed worker's shard was taken over").isEqualTo(2);
      }
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT status FROM batch_job_execution")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("COMPLETED");
        assertThat(rs.next()).isFalse();
      }
      for (String repo : List.of("billing-a", "inventory-a")) {
        try (Git git = Git.open(tmp.resolve("origins").resolve(repo + ".git").toFile())) {
          assertThat(git.getRepository().resolve("refs/heads/fleet/remote")).as(repo + " has the campaign branch").isNotNull();
        }
      }

      // A manager killed in the middle of a run: the workers run on with the shards they hold;
      // 'campaign resume --remote' waits for them, then sends only what is unfinished.
      Path specB = tmp.resolve("remote-b.yaml");
      Files.writeString(specB, """
          name: remote-b
          recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]
          verify:
            command: sleep 1 && mvn -B -q verify
          pullRequest:
            branch: fleet/remote-b
          """);
      Process managerB = start("manager-b", env, concat(shared, "campaign", "run", specB.toString(), "--remote", "--shards", "4"));
      String outcomesOfB = "SELECT o.repository, o.status FROM repo_outcome o JOIN campaign_run r ON r.id = o.run_id WHERE r.campaign = 'remote-b'";
      deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
      boolean started = false;
      while (!started && System.nanoTime() < deadline) {
        assertThat(managerB.isAlive()).as(log("manager-b")).isTrue();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(outcomesOfB)) {
          started = rs.next();
        }
        if (!started) {
          Thread.sleep(250);
        }
      }
      assertThat(started).as("a first outcome of remote-b").isTrue();
      managerB.destroyForcibly(); // SIGKILL
      assertThat(managerB.waitFor(30, TimeUnit.SECONDS)).isTrue();

      Process resumed = start("resume-b", env, concat(shared, "campaign", "resume", "remote-b", "--remote"));
      assertThat(resumed.waitFor(8, TimeUnit.MINUTES)).as("the resumed manager ends").isTrue();
      String resumeLog = log("resume-b");
      assertThat(resumed.exitValue()).as(resumeLog).isEqualTo(1); // legacy-a is red from the start
      assertThat(resumeLog).contains("COMPLETED");
      Map<String, String> outcomesB = new TreeMap<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(outcomesOfB)) {
        while (rs.next()) {
          assertThat(outcomesB.put(rs.getString(1), rs.getString(2))).as("one outcome for " + rs.getString(1) + " in remote-b").isNull();
        }
      }
      assertThat(outcomesB).isEqualTo(new TreeMap<>(EXPECTED));
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(
              "SELECT repository, COUNT(*) FROM pull_request_event WHERE campaign = 'remote-b' AND state = 'OPEN' GROUP BY repository")) {
        int prs = 0;
        while (rs.next()) {
          assertThat(rs.getInt(2)).as("pull requests of remote-b opened for " + rs.getString(1)).isEqualTo(1);
          prs++;
        }
        assertThat(prs).isEqualTo(2);
      }
    }
  }

  /**
   * The pid of a worker that holds a two-repository shard whose first repository has an outcome and
   * whose second has none yet, or null.
   */
  private static String workerInTheMiddleOfAShard(Connection c) throws Exception {
    String sql = """
        SELECT s.worker_id FROM worker_shard s
         WHERE s.released_at IS NULL
           AND (SELECT COUNT(*) FROM run_repository r WHERE r.run_id = s.run_id AND r.shard = s.shard) = 2
           AND (SELECT COUNT(*) FROM run_repository r JOIN repo_outcome o ON o.run_id = r.run_id AND o.repository = r.repository
                 WHERE r.run_id = s.run_id AND r.shard = s.shard) = 1""";
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1).substring(0, rs.getString(1).indexOf('@')) : null;
    } catch (java.sql.SQLException e) {
      return null; // tables not there yet
    }
  }

  private static String pidOf(Process p) {
    return String.valueOf(p.pid());
  }

  private Path origin(String name, String sample) throws Exception {
    return GitFixtures.sampleOrigin(tmp.resolve("origins"), name, sample);
  }

  /**
   * Every process (broker, workers, managers) with a worker heartbeat of 2 s and a lease of 10 s
   * instead of 5 s and 20 s: the survivor takes the killed worker's shard over once the lease is
   * out, and would wait 20 s for nothing else. A live worker keeps its shard while it is late by
   * less than the lease minus a beat (8 s here, 15 s in production); a spurious takeover would show
   * as a second claim, which the test counts.
   */
  private static final List<String> SHORT_LEASE = List.of("-Dfleet.worker.heartbeat=PT2S", "-Dfleet.worker.lease=PT10S");

  private Process start(String name, Map<String, String> env, List<String> args) throws Exception {
    Process p = FleetProcess.start(tmp.resolve("data-" + name), tmp.resolve(name + ".log"), env, SHORT_LEASE, args);
    processes.add(p);
    return p;
  }

  private String log(String name) throws Exception {
    Path file = tmp.resolve(name + ".log");
    String text = Files.exists(file) ? Files.readString(file) : "";
    Path appLog = tmp.resolve("data-" + name).resolve("logs").resolve("fleet.log");
    if (Files.exists(appLog)) {
      String app = Files.readString(appLog);
      text += "\n--- " + appLog + " (tail) ---\n" + app.substring(Math.max(0, app.length() - 6000));
    }
    return text;
  }

  private void waitForLog(String name, String text, Process p) throws Exception {
    for (int i = 0; i < 480; i++) {
      if (log(name).contains(text)) {
        return;
      }
      assertThat(p.isAlive()).as(log(name)).isTrue();
      Thread.sleep(250);
    }
    throw new AssertionError(name + " never printed '" + text + "':\n" + log(name));
  }

  private static List<String> concat(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all;
  }
}
