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
import java.util.concurrent.Semaphore;
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
 * and {@code JAVA_HOME}: a token in Fleet's environment never reaches it.
 *
 * <p>One child runs at a time in a JVM (like the in-process engine's one lane): each holds a whole
 * recipe environment in memory.
 */
public final class RewriteProcess {
  /** The child's heap when this JVM's own maximum cannot be read. */
  private static final long DEFAULT_HEAP_MB = 1024;

  private static final Semaphore ONE_AT_A_TIME = new Semaphore(1, true);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Variables the child keeps from this process's environment; everything else is dropped. */
  private static final List<String> KEPT_VARIABLES = List.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ");

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
   * log}, which is replaced. Waits for the child; when interrupted, kills it and waits for it to end,
   * so nothing it does outlives this call.
   *
   * @throws InvalidRecipeException the recipes cannot be used as written (the child says why)
   * @throws IOException the child could not start, or ended without an answer (the log's last lines say why)
   */
  public static RewriteResult run(Path javaHome, Request request, Path log) throws InvalidRecipeException, IOException {
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

      acquire();
      try {
        Process child = builder.start();
        int exit;
        try {
          exit = child.waitFor();
        } catch (InterruptedException e) {
          child.descendants().forEach(ProcessHandle::destroyForcibly);
          child.destroyForcibly();
          child.onExit().join();
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while the recipes ran on " + request.checkout() + " on " + javaHome);
        }
        if (exit != 0 || !Files.isRegularFile(replyFile)) {
          throw new IOException("the recipe engine on " + javaHome + " ended with exit code " + exit + " and no result: "
              + lastLines(log, 5) + " (whole output: " + log + ")");
        }
      } finally {
        ONE_AT_A_TIME.release();
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
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: RewriteProcess REQUEST.json REPLY.json");
      System.exit(2);
    }
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
    // The engine's lane and OpenRewrite's pools are daemon threads, but do not wait for any that is not.
    System.exit(0);
  }

  /**
   * How a JVM starts {@code mainClass} from the classes of {@code classPath} (this JVM's own): the
   * class path as it is (classes and jars, or Surefire's manifest-only jar), or, for Spring Boot's
   * executable jar, whose libraries are nested inside it, that jar through Spring Boot's {@code
   * PropertiesLauncher}.
   */
  static List<String> launch(String classPath, String mainClass) throws IOException {
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

  /** The child's environment: only {@link #KEPT_VARIABLES} of {@code parent}, and {@code JAVA_HOME}. */
  static Map<String, String> childEnvironment(Map<String, String> parent, Path javaHome) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : KEPT_VARIABLES) {
      String value = parent.get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.put("JAVA_HOME", javaHome.toString());
    return env;
  }

  /** This JVM's maximum heap: the child holds the same kind of work. */
  private static long heapMegabytes() {
    long max = Runtime.getRuntime().maxMemory();
    return max == Long.MAX_VALUE ? DEFAULT_HEAP_MB : Math.max(256, max / (1024 * 1024));
  }

  private static void acquire() throws InterruptedIOException {
    try {
      ONE_AT_A_TIME.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the other recipe run in a JVM of its own");
    }
  }

  /** An argument file's token: in double quotes, with backslashes and quotes escaped. */
  private static String quoted(String arg) {
    return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String lastLines(Path log, int n) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "(no output)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
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
