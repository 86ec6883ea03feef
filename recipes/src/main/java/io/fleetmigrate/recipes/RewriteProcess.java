package io.fleetmigrate.recipes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.jspecify.annotations.Nullable;

/**
 * The recipe engine in a JVM of its own, on another JDK: the one a repository's code needs when it
 * is newer than the JDK Fleet runs on. OpenRewrite parses with the javac of the JVM it runs in, so a
 * Fleet on JDK 17 can neither parse Java 21 syntax nor read the class files of a library (or of the
 * repository's own {@code target/classes}) compiled for release 21: every such file would come back
 * unparsed or with missing types, and the repository would end {@code RECIPE_REFUSED} for a reason
 * that is Fleet's, not the code's.
 *
 * <p>The protocol, both sides in this class: the parent writes a {@link Request} as JSON, starts
 * {@code java} of the chosen JDK with this JVM's own class path and {@link #main} as the main class,
 * and reads a {@link Reply} back from a second file. The child's output goes to a log the caller
 * names. The child gets no environment but {@code PATH}, {@code HOME}, {@code TMPDIR}, the locale
 * ({@code LANG}, {@code LC_*}), {@code TZ} and {@code JAVA_HOME}, and of this JVM's system
 * properties only the network's ({@link #KEPT_PROPERTIES}: proxies, trust store, {@code
 * user.home}): a token in Fleet's environment never reaches it, and it downloads POMs as this JVM
 * would.
 *
 * <p>The child ends with its parent: it watches its standard input, which only the parent holds,
 * and halts when that closes. A child that does not finish within the caller's limit is killed.
 * The caller runs one child at a time (the station's one recipe lane): each holds a whole recipe
 * environment in memory.
 */
public final class RewriteProcess {
  /** The child's heap when this JVM's own maximum cannot be read. */
  private static final long DEFAULT_HEAP_MB = 1024;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Variables the child keeps from this process's environment (and every {@code LC_*}); everything else is dropped. */
  private static final List<String> KEPT_VARIABLES = List.of("PATH", "HOME", "TMPDIR", "LANG", "TZ");

  /**
   * System properties the child gets from this JVM: how it reaches Maven repositories (proxies, the
   * trust store) and where {@code ~/.m2} is. No password among them.
   */
  static final List<String> KEPT_PROPERTIES = List.of(
      "http.proxyHost", "http.proxyPort", "https.proxyHost", "https.proxyPort", "http.nonProxyHosts",
      "java.net.useSystemProxies", "javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType", "user.home");

  /** How the child says why it failed: one line of its output, quoted by the parent. */
  private static final String FAILED = "[fleet] failed: ";

  /** The child's exit code when its parent is gone. */
  private static final int ORPHANED = 3;

  private RewriteProcess() {}

  /**
   * What the child runs.
   *
   * @param checkout the checkout's absolute path
   * @param mavenVersion the Maven version recipes read (see {@link RecipeEngine#RecipeEngine(String)})
   * @param recipeYaml the campaign's own YAML recipes, layered over the classpath's; may be empty
   * @param recipeYamlSource what {@code recipeYaml} is called in errors
   * @param uses the recipes, with their options
   * @param write whether the result is written to the checkout
   */
  public record Request(
      String checkout, String mavenVersion, String recipeYaml, String recipeYamlSource, List<RecipeUse> uses, boolean write) {}

  /** The child's answer: a result, or why the recipes cannot be used as written. */
  record Reply(@Nullable Result result, @Nullable String invalidRecipe) {}

  /** A {@link RewriteResult} on the wire: durations in nanoseconds. */
  record Result(
      List<RewriteResult.ChangedFile> changedFiles,
      String diff,
      Map<String, Integer> changesByRecipe,
      List<String> searchResults,
      List<RewriteResult.FileError> errors,
      boolean written,
      long parseNanos,
      long recipeNanos) {
    static Result of(RewriteResult r) {
      return new Result(r.changedFiles(), r.diff(), r.changesByRecipe(), r.searchResults(), r.errors(), r.written(),
          r.parseTime().toNanos(), r.recipeTime().toNanos());
    }

    RewriteResult toResult() {
      return new RewriteResult(changedFiles, diff, changesByRecipe, searchResults, errors, written,
          Duration.ofNanos(parseNanos), Duration.ofNanos(recipeNanos));
    }
  }

  /**
   * Runs {@code request} in a JVM of the JDK at {@code javaHome}; the child's output goes to {@code
   * log}, which is replaced. Waits for the child at most {@code limit}; when interrupted or past the
   * limit, kills it and waits for it to end, so nothing it does outlives this call.
   *
   * @throws InvalidRecipeException the recipes cannot be used as written (the child says why)
   * @throws IOException the child could not start, did not finish within {@code limit}, or ended
   *     without an answer (its own last words say why)
   */
  public static RewriteResult run(Path javaHome, Request request, Path log, java.time.Duration limit)
      throws InvalidRecipeException, IOException {
    Path java = javaHome.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
    if (!Files.isExecutable(java)) {
      throw new IOException("no java at " + java + " to run the recipes with");
    }
    Path work = Files.createTempDirectory("fleet-rewrite-");
    try {
      Path requestFile = work.resolve("request.json");
      Path replyFile = work.resolve("reply.json");
      Path argFile = work.resolve("java.args");
      JSON.writeValue(requestFile.toFile(), request);
      List<String> args = new ArrayList<>();
      args.add("-XX:+UseSerialGC");
      args.add("-Xmx" + heapMegabytes() + "m");
      for (String name : KEPT_PROPERTIES) {
        String value = System.getProperty(name);
        if (value != null) {
          args.add("-D" + name + "=" + value);
        }
      }
      args.addAll(launch(System.getProperty("java.class.path", ""), RewriteProcess.class.getName()));
      args.add(requestFile.toString());
      args.add(replyFile.toString());
      // An argument file: the class path of an unpacked application is longer than some systems allow on a command line.
      Files.write(argFile, args.stream().map(RewriteProcess::quoted).toList(), StandardCharsets.UTF_8);

      ProcessBuilder builder = new ProcessBuilder(java.toString(), "@" + argFile)
          .directory(work.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().clear();
      builder.environment().putAll(childEnvironment(System.getenv(), javaHome));

      // Standard input stays a pipe that only this JVM holds: the child halts when it closes.
      Process child = builder.start();
      try {
        boolean finished;
        try {
          finished = child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          kill(child);
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while the recipes ran on " + request.checkout() + " on " + javaHome);
        }
        if (!finished) {
          kill(child);
          throw new IOException("the recipe engine on " + javaHome +  " did not finish within " + (limit.toSeconds() < 120 ? limit.toSeconds() + " s" : limit.toMinutes() + " min")
              + " on " + request.checkout() + " (its output: " + log + ")");
        }
        int exit = child.exitValue();
        if (exit != 0 || !Files.isRegularFile(replyFile)) {
          throw new IOException("the recipe engine on " + javaHome + " ended with exit code " + exit + " and no result: "
              + lastWords(log) + " (its output: " + log + ")");
        }
      } finally {
        child.getOutputStream().close();
      }
      Reply reply = JSON.readValue(replyFile.toFile(), Reply.class);
      if (reply.invalidRecipe() != null) {
        throw new InvalidRecipeException(reply.invalidRecipe());
      }
      if (reply.result() == null) {
        throw new IOException("the recipe engine on " + javaHome + " gave an empty answer (output: " + log + ")");
      }
      return reply.result().toResult();
    } finally {
      deleteQuietly(work);
    }
  }

  /** The child: {@code REQUEST.json REPLY.json}. Exits 0 with a reply written, else non-zero. */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: RewriteProcess REQUEST.json REPLY.json");
      System.exit(2);
    }
    haltWhenOrphaned();
    try {
      answer(args);
    } catch (Throwable t) {
      t.printStackTrace();
      Throwable root = t;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      System.out.println(FAILED + oneLine(root.toString()));
      System.out.flush();
      Runtime.getRuntime().halt(1);
    }
    // The engine's lane and OpenRewrite's pools are daemon threads, but do not wait for any that is not.
    System.exit(0);
  }

  private static void answer(String[] args) throws IOException {
    Request request = JSON.readValue(Path.of(args[0]).toFile(), Request.class);
    System.out.println("[fleet] recipes on JDK " + Runtime.version() + " (" + System.getProperty("java.home") + ") over " + request.checkout());
    Path checkout = Path.of(request.checkout());
    if (!Files.isDirectory(checkout)) {
      throw new java.nio.file.NoSuchFileException(checkout.toString(), null, "no checkout there");
    }
    Reply reply;
    try {
      RecipeCatalog catalog = RecipeCatalog.scan();
      if (!request.recipeYaml().isBlank()) {
        catalog = catalog.withRecipeYaml(request.recipeYaml(), request.recipeYamlSource());
      }
      RecipeEngine engine = new RecipeEngine(catalog, request.mavenVersion());
      RewriteResult result = engine.run(checkout, catalog, request.uses(), request.write());
      reply = new Reply(Result.of(result), null);
    } catch (InvalidRecipeException e) {
      reply = new Reply(null, e.getMessage());
    }
    Path replyFile = Path.of(args[1]);
    Path partial = replyFile.resolveSibling(replyFile.getFileName() + ".part");
    JSON.writeValue(partial.toFile(), reply);
    Files.move(partial, replyFile);
    System.out.println("[fleet] done");
  }

  /** A daemon that halts this JVM when its standard input ends: the parent that held it is gone. */
  private static void haltWhenOrphaned() {
    Thread watch = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the parent never writes; read until the pipe closes
        }
      } catch (IOException ignored) {
        // a broken pipe is a closed one
      }
      System.out.println("[fleet] the parent is gone: stopping");
      System.out.flush();
      Runtime.getRuntime().halt(ORPHANED);
    }, "fleet-parent-watch");
    watch.setDaemon(true);
    watch.start();
  }

  /**
   * How a JVM starts {@code mainClass} from the classes of {@code classPath} (this JVM's own): the
   * class path as it is (classes and jars, or Surefire's manifest-only jar), or, for Spring Boot's
   * executable jar, whose libraries are nested inside it, that jar through Spring Boot's {@code
   * PropertiesLauncher}.
   */
  static List<String> launch(String given, String mainClass) throws IOException {
    // Absolute: the child starts in a directory of its own, where a relative entry means nothing.
    String classPath = java.util.Arrays.stream(given.split(java.io.File.pathSeparator))
        .filter(e -> !e.isEmpty())
        .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    if (isExecutableJar(classPath)) {
      return List.of("-Dloader.main=" + mainClass, "-cp", classPath, "org.springframework.boot.loader.launch.PropertiesLauncher");
    }
    return List.of("-cp", classPath, mainClass);
  }

  private static boolean isExecutableJar(String classPath) throws IOException {
    if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
      return false;
    }
    Path jar = Path.of(classPath);
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
    }
  }

  /** The child's environment: only {@link #KEPT_VARIABLES} and {@code LC_*} of {@code parent}, and {@code JAVA_HOME}. */
  static Map<String, String> childEnvironment(Map<String, String> parent, Path javaHome) {
    Map<String, String> env = new LinkedHashMap<>();
    parent.forEach((name, value) -> {
      if (KEPT_VARIABLES.contains(name) || name.startsWith("LC_")) {
        env.put(name, value);
      }
    });
    env.put("JAVA_HOME", javaHome.toString());
    return env;
  }

  /** This JVM's maximum heap: the child holds the same kind of work. */
  private static long heapMegabytes() {
    long max = Runtime.getRuntime().maxMemory();
    return max == Long.MAX_VALUE ? DEFAULT_HEAP_MB : Math.max(256, max / (1024 * 1024));
  }

  private static void kill(Process child) {
    try (var descendants = child.descendants()) {
      descendants.forEach(ProcessHandle::destroyForcibly);
    }
    child.destroyForcibly();
    child.onExit().join();
  }

  /** An argument file's token: in double quotes, with backslashes, quotes and line ends escaped. */
  static String quoted(String arg) {
    return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
  }

  /** The child's own account of its failure ({@link #FAILED}), else its last lines. */
  private static String lastWords(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).startsWith(FAILED)) {
          return lines.get(i).substring(FAILED.length());
        }
      }
      return lines.isEmpty() ? "(no output)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ");
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").startsWith("Windows");
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
