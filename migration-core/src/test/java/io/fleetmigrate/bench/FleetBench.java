package io.fleetmigrate.bench;

import io.fleetmigrate.cli.FleetMain;
import io.fleetmigrate.testing.SampleRepos;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.URIish;

/**
 * The fleet benchmark behind {@code scripts/bench-fleet}: N small sample repositories (variations of
 * the demo projects), one campaign run through the real CLI in this JVM at the default concurrency,
 * then the same run again with nothing to do. Prints the figures and, last, one machine-readable
 * line. Heap is measured after a full GC inside the run, when the 10th and the last repository
 * finish; RSS is this process's peak (VmHWM).
 */
public final class FleetBench {
  /** Samples the campaign ends well or deterministically on (search-indexer ends NEEDS_HUMAN, which a re-run retries). */
  private static final List<String> SAMPLES =
      List.of("billing-service", "inventory-api", "payments-gateway", "legacy-reports", "docs-site");
  private static final PersonIdent AUTHOR = new PersonIdent("Sample Developer", "dev@example.com");
  private static final Pattern DONE = Pattern.compile("\"done\"\\s*:\\s*(\\d+)");

  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    // With a share: that many percent of the fleet is already migrated (payments-gateway, on JUnit 5),
    // the rest is billing-service (JUnit 4, a pull request each): a campaign some weeks in.
    int migratedPct = args.length > 2 ? Integer.parseInt(args[2]) : -1;
    Path data = work.resolve("data");
    Path origins = work.resolve("origins");
    Files.createDirectories(origins);

    // 10,000 repositories: import and select (the inventory at a platform team's scale).
    StringBuilder big = new StringBuilder("name,clone_url,owner,tags\n");
    for (int i = 0; i < 10_000; i++) {
      big.append("org/repo-").append(i).append(",https://git.example.com/org/repo-").append(i).append(".git,team-")
          .append(i % 50).append(',').append(i % 3 == 0 ? "java;spring" : "java").append('\n');
    }
    Files.writeString(work.resolve("big.csv"), big);
    Path bigData = work.resolve("data-10k");
    long t0 = System.nanoTime();
    cli(bigData, null, "inventory", "import", work.resolve("big.csv").toString());
    long t1 = System.nanoTime();
    cli(bigData, null, "inventory", "list", "--json");
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "inventory of 10,000: import %.1f s, list %.1f s (each with the CLI's start-up)%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9);

    StringBuilder csv = new StringBuilder("name,clone_url,tags\n");
    for (int i = 0; i < n; i++) {
      String sample = migratedPct < 0
          ? SAMPLES.get(i % SAMPLES.size())
          : (i + 1) * migratedPct / 100 > i * migratedPct / 100 ? "payments-gateway" : "billing-service";
      String name = sample + "-" + i;
      csv.append(name).append(',').append(origin(work, origins, sample, name)).append(",bench\n");
    }
    Files.writeString(work.resolve("inventory.csv"), csv);
    Path spec = work.resolve("bench.yaml");
    // With --containing: the spec's text precondition, so a repository without the text is not even parsed.
    String containing = System.getProperty("bench.containing", "");
    Files.writeString(spec, """
        name: bench
        repositories:
          tags: [bench]
        """ + (containing.isEmpty() ? "" : "  containing: [\"" + containing + "\"]\n") + """
        recipes:
          - org.openrewrite.java.testing.junit5.JUnit4to5Migration
        verify:
          command: mvn -B -q verify
        pullRequest:
          branch: fleet/bench
        """);
    cli(data, null, "inventory", "import", work.resolve("inventory.csv").toString());

    Heap heap = new Heap(n);
    long startedAtMs = System.currentTimeMillis();
    // A shared machine's load says how far the wall is the fleet's own.
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double loadBefore = os.getSystemLoadAverage();
    long start = System.nanoTime();
    int exit = cli(data, heap, "campaign", "run", spec.toString(), "--json");
    double wall = (System.nanoTime() - start) / 1e9;
    long endedAtMs = System.currentTimeMillis();
    System.out.printf(Locale.ROOT, "first run: exit %d, %.1f s (load average %.1f at the start, %.1f at the end; JVM options %s)%n",
        exit, wall, loadBefore, os.getSystemLoadAverage(), java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
            .stream().filter(a -> a.startsWith("-X")).toList());
    Path log = data.resolve("logs/fleet.log");
    if (Files.exists(log)) {
      try (var lines = Files.lines(log)) {
        lines.filter(l -> l.contains("run 1: ") && l.contains("build slots"))
            .forEach(l -> System.out.println("build slots: " + l.substring(l.indexOf("run 1: ") + 7)));
      }
    }

    long noopStart = System.nanoTime();
    int noopExit = cli(data, null, "campaign", "run", spec.toString(), "--json");
    double noop = (System.nanoTime() - noopStart) / 1e9;

    double buildSum;
    double noChangesS = 0;
    double builtS = 0;
    int concurrency;
    long clonesFirst;
    String url = "jdbc:h2:file:" + data.resolve("fleet") + ";AUTO_SERVER=TRUE";
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(duration_ms), 0) FROM repo_attempt WHERE run_id = 1");
      rs.next();
      buildSum = rs.getLong(1) / 1000.0;
      rs = c.createStatement().executeQuery("SELECT concurrency FROM campaign_run WHERE id = 1");
      rs.next();
      concurrency = rs.getInt(1);
      rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM repo_attempt WHERE run_id = 2");
      rs.next();
      clonesFirst = rs.getLong(1);
      rs = c.createStatement().executeQuery("SELECT status, COUNT(*) FROM repo_outcome WHERE run_id = 1 GROUP BY status ORDER BY status");
      StringBuilder counts = new StringBuilder();
      while (rs.next()) {
        counts.append(rs.getString(1)).append('=').append(rs.getInt(2)).append(' ');
      }
      System.out.println("first run outcomes: " + counts.toString().strip());
      rs = c.createStatement().executeQuery(
          "SELECT COUNT(*) FROM repo_outcome WHERE run_id = 2 AND reason LIKE 'unchanged since run 1%'");
      rs.next();
      System.out.printf("no-op re-run: exit %d, %d of %d outcomes reused, %d builds run%n", noopExit, rs.getInt(1), n, clonesFirst);
      timeline(c, startedAtMs, endedAtMs, concurrency);
      // What a repository with nothing to do costs, against one that is built and delivered.
      rs = c.createStatement().executeQuery(
          "SELECT status, AVG(duration_ms), COUNT(*) FROM repo_outcome WHERE run_id = 1 AND status IN ('NO_CHANGES', 'PR_OPENED') GROUP BY status");
      while (rs.next()) {
        if (rs.getString(1).equals("NO_CHANGES")) {
          noChangesS = rs.getDouble(2) / 1000.0;
        } else {
          builtS = rs.getDouble(2) / 1000.0;
        }
      }
      rs = c.createStatement().executeQuery(
          "SELECT COUNT(*) FROM repo_attempt a JOIN repo_outcome o ON o.run_id = a.run_id AND o.repository = a.repository"
              + " WHERE a.run_id = 1 AND o.status = 'NO_CHANGES' AND a.stage <> 'classpath'");
      rs.next();
      System.out.printf(Locale.ROOT, "first run: a NO_CHANGES repository took %.1f s on average, a PR_OPENED one %.1f s (%.1f%%);"
          + " NO_CHANGES repositories ran %d verify builds%n", noChangesS, builtS, builtS > 0 ? 100 * noChangesS / builtS : 0, rs.getLong(1));
    }
    double overhead = 1 - (buildSum / concurrency) / wall;
    long rss = peakRssMb();
    System.out.printf(Locale.ROOT, "total wall %.1f s; repositories' own builds %.1f s summed (%.1f s per lane at concurrency %d);"
        + " orchestration overhead %.3f%n", wall, buildSum, buildSum / concurrency, concurrency, overhead);
    System.out.printf(Locale.ROOT, "no-op re-run %.1f s (%.1f s per 100 repositories)%n", noop, noop * 100 / n);
    System.out.printf(Locale.ROOT, "heap after GC: %d MB at repository 10, %d MB at the last; peak RSS %d MB%n",
        heap.at10, heap.atLast, rss);
    System.out.printf(Locale.ROOT,
        "repos=%d wall_s=%.1f build_sum_s=%.1f concurrency=%d overhead=%.3f noop_rerun_s=%.1f heap10_mb=%d heap_last_mb=%d rss_mb=%d"
            + " noop_build_s=%.1f built_s=%.1f%n",
        n, wall, buildSum, concurrency, overhead, noop, heap.at10, heap.atLast, rss, noChangesS, builtS);
  }

  /**
   * Where the first run's wall went, from the store's own records (each build's and each
   * repository's end and duration): start-up before the run row, the time to the first build, the
   * build slots left idle between the first build's start and the last build's end, and the tail.
   */
  private static void timeline(Connection c, long startedAtMs, long endedAtMs, int concurrency) throws Exception {
    List<long[]> builds = new java.util.ArrayList<>();
    // The stages of one verification (verify-lint, verify-compile, verify-test; fix-N-...) are
    // stored together when the last one ends: each earlier stage ended where the next one started.
    ResultSet rs = c.createStatement().executeQuery(
        "SELECT repository, stage, finished_at, duration_ms FROM repo_attempt WHERE run_id = 1 ORDER BY repository, id DESC");
    String group = "";
    long nextStart = 0;
    while (rs.next()) {
      String stage = rs.getString(2);
      String label = rs.getString(1) + "/" + (stage.contains("-") ? stage.substring(0, stage.lastIndexOf('-')) : stage);
      long end = label.equals(group) ? nextStart : rs.getTimestamp(3).getTime();
      builds.add(new long[] {end - rs.getLong(4), end});
      group = label;
      nextStart = end - rs.getLong(4);
    }
    rs = c.createStatement().executeQuery("SELECT started_at FROM campaign_run WHERE id = 1");
    rs.next();
    long runRow = rs.getTimestamp(1).getTime();
    rs = c.createStatement().executeQuery(
        "SELECT AVG(o.duration_ms - COALESCE((SELECT SUM(a.duration_ms) FROM repo_attempt a WHERE a.run_id = 1"
            + " AND a.repository = o.repository), 0)) FROM repo_outcome o WHERE o.run_id = 1");
    rs.next();
    double notBuilding = rs.getDouble(1) / 1000.0;
    if (builds.isEmpty()) {
      return;
    }
    long first = builds.stream().mapToLong(b -> b[0]).min().orElseThrow();
    long last = builds.stream().mapToLong(b -> b[1]).max().orElseThrow();
    long busy = builds.stream().mapToLong(b -> b[1] - b[0]).sum();
    double span = (last - first) / 1000.0;
    System.out.printf(Locale.ROOT,
        "where the wall went: %.1f s to the run row (start-up, spec, recipe validation), %.1f s more to the first build,"
            + " %.1f s from the first build to the last (%.1f of %.1f slot-seconds idle), %.1f s after the last build;"
            + " %.1f s per repository not building (clone, recipe, waiting, commit, delivery)%n",
        (runRow - startedAtMs) / 1000.0, (first - runRow) / 1000.0, span, concurrency * span - busy / 1000.0, concurrency * span,
        (endedAtMs - last) / 1000.0, notBuilding);
  }

  private static int cli(Path data, Heap heap, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = data.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    Writer sink = heap == null ? Writer.nullWriter() : heap;
    return FleetMain.run(all, new PrintWriter(sink, true), new PrintWriter(System.err, true));
  }

  private static String origin(Path work, Path origins, String sample, String name) throws Exception {
    Path dir = SampleRepos.copy(sample, work.resolve("scratch").resolve(name));
    Path pom = dir.resolve("pom.xml");
    if (Files.exists(pom)) {
      String text = Files.readString(pom);
      Files.writeString(pom, text.replaceFirst("<artifactId>" + sample + "</artifactId>", "<artifactId>" + name + "</artifactId>"));
    }
    Path origin = origins.resolve(name + ".git");
    try (Git bare = Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call();
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Initial import of " + name).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
      git.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toString())).call();
      git.push().setRemote("origin").add("main").call();
    }
    return origin.toString();
  }

  private static long peakRssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  /** Watches the run's JSON events and measures the heap after a full GC at the 10th and the last repository. */
  private static final class Heap extends Writer {
    private final int total;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder block = new StringBuilder();
    long at10 = -1;
    long atLast = -1;

    Heap(int total) {
      this.total = total;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          // The CLI's JSON events may span lines (pretty-printed): an event ends with a line "}".
          block.append(line).append('\n');
          if (line.toString().strip().equals("}") || line.toString().strip().endsWith("}") && block.indexOf("\n") == block.length() - 1) {
            event(block.toString());
            block.setLength(0);
          }
          line.setLength(0);
        } else {
          line.append(buf[i]);
        }
      }
    }

    private void event(String json) {
      Matcher m = DONE.matcher(json);
      if (!json.contains("repository-finished") || !m.find()) {
        return;
      }
      int done = Integer.parseInt(m.group(1));
      if (done == Math.min(10, total)) {
        at10 = heapAfterGc();
      }
      if (done == total) {
        atLast = heapAfterGc();
      }
    }

    private static long heapAfterGc() {
      System.gc();
      System.gc();
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
