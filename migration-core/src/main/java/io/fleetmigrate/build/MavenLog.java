package io.fleetmigrate.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.fleetmigrate.build.BuildLog.Located;
import org.jspecify.annotations.Nullable;

/**
 * The one reader of Maven build logs (Maven's {@link BuildLog}, {@link #READER}): the one-line reason a person reads in the outcome (the first
 * compile error, the failing tests, the artifact that could not be resolved, the Docker or JDK a
 * build needs), the located errors and the misformatted files a fix prompt lists ({@link #located},
 * {@link #misformatted}, read by {@code verify.MavenDiagnostics}), and whether the build failed for
 * want of an artifact, which an offline build must never be called red for (see {@link
 * BuildRunner}), and whether it failed only because a download failed for a reason that goes away
 * ({@link #transientFailure}: no verdict at all, told apart from an artifact that is not there). The reason and the prompt read the same lines with the same patterns, so they
 * cannot disagree about where a build broke.
 *
 * <p>The reason is the first <em>meaningful</em> error: never a separator line ({@code
 * ----------}), Maven's closing boilerplate ({@code -> [Help 1]}, "Re-run Maven using the -X
 * switch") or a bare exception class name.
 */
public final class MavenLog {
  /** javac's errors, and Checkstyle's, which print the same {@code file:[line,col]} shape (column optional). */
  private static final Pattern LOCATED = Pattern.compile("^\\[(ERROR|WARNING)\\] (/?\\S+?\\.java):\\[(\\d+)(?:,(\\d+))?\\] (.*)$");
  /** Spotless's list of misformatted files, one per line after its heading. */
  private static final Pattern SPOTLESS_FILE = Pattern.compile("^\\[ERROR\\]\\s+(\\S+\\.(?:java|xml|kt|md|json|ya?ml|properties))$");
  private static final Pattern TEST_FAILURE = Pattern.compile("^\\[ERROR\\]\\s{2,}(\\S+(?:[.:]\\S+| » ).*)$");
  private static final Pattern TESTS_RUN = Pattern.compile("^\\[(?:ERROR|WARNING|INFO)\\] Tests run: \\d+, Failures: \\d+, Errors: \\d+.*$");
  private static final Pattern RERUN = Pattern.compile("^\\[ERROR\\]\\s+Run (\\d+): (.*)$");
  private static final Pattern RERUN_NAME = Pattern.compile("^\\[ERROR\\] [\\w.$]+(?:\\[.*\\])?$");
  private static final String COORDINATES = "[\\w.\\-]+(?::[\\w.\\-]+){3,4}";
  /** Maven 3.9's words for an artifact an offline build needs and the local repository lacks. */
  private static final Pattern OFFLINE_MISS =
      Pattern.compile("in offline mode and the artifact (" + COORDINATES + ") has not been downloaded from it before");
  /** Other ways Maven and Maven Resolver name an artifact they could not have. */
  private static final List<Pattern> UNRESOLVED = List.of(
      OFFLINE_MISS,
      // Surefire 2.22's MultipleArtifactsNotFoundException: "Missing:", "----------", "1) g:a:type:v"
      Pattern.compile("^(?:\\[ERROR\\])?\\s*\\d+\\) (" + COORDINATES + ")\\s*$"),
      Pattern.compile("Could not find artifact (" + COORDINATES + ")"),
      Pattern.compile("Failure to find (" + COORDINATES + ")"),
      Pattern.compile("Failed to read artifact descriptor for (" + COORDINATES + ")"),
      // "The following artifacts could not be resolved: g:a:type:v (absent): ..."
      Pattern.compile("could not be resolved: (" + COORDINATES + ")"),
      Pattern.compile("Plugin (" + COORDINATES.replace("{3,4}", "{2}") + ") or one of its dependencies could not be resolved"));
  /**
   * Signs that a build failed because something was not in the local repository (in whatever shape
   * the Maven, Resolver or Surefire version at hand reports it), beyond the named artifacts above.
   */
  private static final Pattern WANTS_ARTIFACT = Pattern.compile(
      "in offline mode|has not been downloaded from it before|Could not resolve dependencies|could not be resolved"
          + "|Could not find artifact|Failure to find|Failed to read artifact descriptor|Non-resolvable (?:parent|import) POM"
          + "|Unresolveable build extension|(?:MultipleArtifactsNotFound|ArtifactNotFound|ArtifactResolution|DependencyResolution"
          + "|PluginResolution|ArtifactDescriptor)Exception|ClassNotFoundException: org\\.apache\\.maven\\.surefire"
          + "|Could not transfer artifact|required artifacts? (?:is|are) missing"
          + "|NoClassDefFoundError: org/(?:junit/platform/launcher|apache/maven/surefire)");
  /**
   * The words of a resolution failure: Maven Resolver's (1.x and 2.x) and Wagon's for a download
   * that did not complete, and the local repository's locks. A transient cause ({@link
   * #TRANSIENT_CAUSE}) counts only on such a line: a test that meets "Connection reset" is the
   * test's failure, not Maven's.
   */
  private static final Pattern RESOLUTION = Pattern.compile(
      "Could not transfer (?:artifact|metadata)|Failed to transfer (?:file)?|[Tt]ransfer failed for|Could not resolve dependencies"
          + "|Could not collect dependencies|Failed to read artifact descriptor|could not be resolved|Could not acquire (?:\\w+ )?lock"
          + "|Failed to acquire (?:\\w+ )?lock");
  /**
   * What goes away when the same build runs again: a race between two Maven processes over one
   * local repository (a download's {@code .part} / {@code .part.lock} file moved away by the other,
   * a lock not acquired in time), a network error while downloading, or a repository's 5xx answer.
   */
  private static final Pattern TRANSIENT_CAUSE = Pattern.compile(
      "\\.(?:part|part\\.lock|lastUpdated|lock) \\((?:No such file or directory|The process cannot access the file[^)]*)\\)"
          + "|Could not acquire (?:\\w+ )?lock|Failed to acquire (?:\\w+ )?lock"
          + "|Connection reset|Read timed out|[Cc]onnect(?:ion)? timed out|Remote host terminated the handshake"
          + "|Remote host closed connection during handshake|Premature end of (?:Content-Length delimited message body|chunk coded message body)"
          + "|Connection closed prematurely|Broken pipe"
          // the JDK's HttpClient (Resolver 2's transport): an HTTP/1.1 answer cut off, a timeout, an HTTP/2 stream or connection closed
          + "|HTTP/1\\.1 header parser received no bytes|request timed out|RST_STREAM|GOAWAY"
          // the name server or the route, for now
          + "|Temporary failure in name resolution|No route to host|Network is unreachable"
          // a 5xx or a rate limit (429), in Resolver 1's, Wagon's and Resolver 2's words ("HTTP Status: 503")
          + "|(?i:status code: (?:5\\d\\d|429)|Return code is: (?:5\\d\\d|429)|Error code (?:5\\d\\d|429)|status: (?:5\\d\\d|429))"
          + "|\\b5\\d\\d (?:Bad Gateway|Service Unavailable|Gateway Time-?out|Internal Server Error)|\\((?:5\\d\\d|429)\\)"
          + "|Too Many Requests");
  /**
   * A repository's answer that the artifact is not there, which no retry changes: a 404, Resolver's
   * "Could not find artifact", a cached "was not found in", an offline miss.
   */
  private static final Pattern NOT_FOUND = Pattern.compile(
      "Could not find artifact|Failure to find|was not found in|has not been downloaded from it before"
          + "|(?i:status code: 404|Return code is: 404|Error code 404|status: 404)|\\b404 Not Found|Not Found \\(404\\)");
  /** The artifact a not-found line names (the innermost, when it names several), in the words of {@link #NOT_FOUND}. */
  private static final Pattern NOT_FOUND_ARTIFACT = Pattern.compile(
      "(?:Could not find artifact|Failure to find|the artifact|Could not transfer artifact) (" + COORDINATES + ")"
          + "|(" + COORDINATES + ") was not found in");
  /** The artifact a transfer failed for. */
  private static final Pattern TRANSFER_ARTIFACT = Pattern.compile("Could not transfer artifact (" + COORDINATES + ")");
  /** Metadata that could not be transferred, by group and artifact ({@code g:a/maven-metadata.xml}, {@code g:a:v/...}). */
  private static final Pattern METADATA_OF = Pattern.compile("Could not transfer metadata ([\\w.\\-]+:[\\w.\\-]+)[:/]");
  /** A version range that metadata did not answer, by group and artifact. */
  private static final Pattern NO_VERSIONS_OF = Pattern.compile("No versions available for ([\\w.\\-]+:[\\w.\\-]+):");
  /** Surefire's and Failsafe's test output, from its heading to its results: what the tests printed, not Maven. */
  private static final Pattern TESTS_BEGIN = Pattern.compile("^(?:\\[\\w+\\] )?\\s*T E S T S\\s*$");
  private static final Pattern TESTS_END = Pattern.compile("^(?:\\[\\w+\\] )?(?:Results:|BUILD FAILURE|BUILD SUCCESS)\\s*$");
  /** Tests that failed: a build that got as far as its tests did not fail for its downloads alone. */
  private static final Pattern TESTS_FAILED = Pattern.compile(
      "Tests run: \\d+, Failures: (?:[1-9]\\d*, Errors: \\d+|\\d+, Errors: [1-9])|There are test failures|There were test failures");
  private static final Pattern DOCKER = Pattern.compile(
      "Could not find a valid Docker environment|DockerClientProviderStrategy|Cannot connect to the Docker daemon"
          + "|docker\\.sock");
  /** JVM options that JDK 17 refuses to start with: a test fork given one dies before it says a word. */
  private static final Pattern EXPIRED_JVM_OPTION = Pattern.compile("-XX:(?:Max)?PermSize=\\S+");
  private static final Pattern NETWORK_IN_TEST = Pattern.compile(
      "java\\.net\\.UnknownHostException: ([\\w.\\-]+)|java\\.net\\.(?:ConnectException|NoRouteToHostException): ([^\\r\\n]*)"
          + "|Network is unreachable");
  private static final Pattern JDK = Pattern.compile(
      "(Source option \\d+ is no longer supported\\.[^\\[]*?(?=$| -> )|Target option \\d+ is no longer supported\\.[^\\[]*?(?=$| -> )"
          + "|invalid target release: [\\w.]+|invalid source release: [\\w.]+|release version \\d+ not supported"
          + "|Detected JDK [Vv]ersion [\\w.\\-]+ is not in the allowed range [^\\s.]+"
          + "|class file has wrong version \\d+\\.\\d+, should be \\d+\\.\\d+"
          + "|has been compiled by a more recent version of the Java Runtime[^,]*"
          // Libraries of the Java 8 years on a newer JDK: cglib/Spring reflecting into java.base,
          // an old Lombok reaching into javac, an old ASM reading newer class files.
          + "|module java\\.base does not \"opens [\\w.]+\" to unnamed module"
          + "|class lombok\\.[\\w.$]+ \\(in unnamed module @\\w+\\) cannot access class com\\.sun\\.tools\\.javac\\.[\\w.$]+"
          + "|Unsupported class file major version \\d+)");
  /** Maven's closing words after a failure: never the reason. */
  private static final Pattern BOILERPLATE = Pattern.compile(
      "^(?:-> \\[Help \\d+\\].*|To see the full stack trace of the errors.*|Re-run Maven using the -X switch.*"
          + "|For more information about the errors and possible solutions.*|\\[Help \\d+\\] http.*|After correcting the problems.*"
          + "|mvn <args> -rf .*|Failures:|Errors:|COMPILATION ERROR :?|BUILD FAILURE|Tests run:.*|Results:|Missing:"
          + "|Try downloading the file manually.*|Then, install it using the command:.*|Alternatively, if you host your own.*"
          + "|Path to dependency:.*|from the specified remote repositories:.*|\\s*mvn (?:install|deploy):.*|.*Crash dump.*)$");
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

  private MavenLog() {}

  /** This reader as {@link MavenBuildTool#log} gives it to the verify stages and the fix prompt. */
  static final BuildLog READER = new BuildLog() {
    @Override
    public List<Located> located(Path log, Path workdir) {
      return MavenLog.located(log, workdir);
    }

    @Override
    public List<String> misformatted(Path log, Path workdir) {
      return MavenLog.misformatted(log, workdir);
    }

    @Override
    public @Nullable String firstError(Path log) {
      return MavenLog.firstError(log);
    }

    @Override
    public @Nullable String lastLine(Path log) {
      return MavenLog.lastLine(log);
    }

    @Override
    public String summarize(Path log, Path workdir) {
      return MavenLog.summarize(log, workdir);
    }

    @Override
    public boolean lacksArtifacts(Path log) {
      return MavenLog.wantsArtifacts(log);
    }

    @Override
    public List<String> lacked(Path log) {
      return MavenLog.unresolved(MavenLog.lines(log));
    }

    @Override
    public @Nullable String transientFailure(Path log, Path workdir) {
      return MavenLog.transientFailure(log, workdir);
    }
  };

  /** Every located {@code [ERROR]} and {@code [WARNING]} line of the log, in order. */
  public static List<Located> located(Path log, Path workdir) {
    return located(lines(log), workdir);
  }

  private static List<Located> located(List<String> lines, Path workdir) {
    String prefix = workdir.toAbsolutePath().normalize() + "/";
    List<Located> found = new ArrayList<>();
    for (String line : lines) {
      Matcher m = LOCATED.matcher(line);
      if (m.matches()) {
        // javac names the file by its absolute path and always gives a column; a linter's line
        // (Checkstyle's relative path, no column) is an error, but not a compile error.
        boolean compiler = m.group(2).startsWith("/") && m.group(4) != null;
        found.add(new Located(relative(m.group(2), prefix), Integer.parseInt(m.group(3)),
            m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), m.group(5), m.group(1).equals("ERROR"), compiler));
      }
    }
    return found;
  }

  /** The files Spotless says are misformatted ("The following files had format violations"), relative to {@code workdir}. */
  public static List<String> misformatted(Path log, Path workdir) {
    String prefix = workdir.toAbsolutePath().normalize() + "/";
    List<String> files = new ArrayList<>();
    boolean inList = false;
    for (String line : lines(log)) {
      if (line.contains("The following files had format violations")) {
        inList = true;
        continue;
      }
      Matcher f = SPOTLESS_FILE.matcher(line);
      if (inList && f.matches()) {
        files.add(relative(f.group(1), prefix));
      } else if (inList && !line.startsWith("[ERROR]     ")) {
        inList = false;
      }
    }
    return files;
  }

  private static String relative(String file, String prefix) {
    return file.startsWith(prefix) ? file.substring(prefix.length()) : file;
  }

  /** The log's lines without colour codes and without our own lines (the sandbox header, the cap's notice). */
  static List<String> lines(Path log) {
    try (Stream<String> stream = Files.lines(log, StandardCharsets.UTF_8)) {
      return stream.map(l -> ANSI.matcher(l).replaceAll("")).filter(l -> !l.startsWith(OutputCap.OWN_LINE)).toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  /** The artifacts an offline Maven build said it lacked, in order, without repeats. */
  static List<String> offlineMisses(Path log) {
    return matches(lines(log), List.of(OFFLINE_MISS));
  }

  /** The artifacts the build could not resolve, in any of the shapes Maven reports them, in order. */
  static List<String> unresolved(List<String> lines) {
    return matches(lines, UNRESOLVED);
  }

  private static List<String> matches(List<String> lines, List<Pattern> patterns) {
    Set<String> found = new LinkedHashSet<>();
    for (String line : lines) {
      for (Pattern p : patterns) {
        Matcher m = p.matcher(line);
        while (m.find()) {
          // Maven's "Path to dependency:" lists start at a made-up root, dummy:dummy:jar:1.0.
          if (!m.group(1).startsWith("dummy:dummy:")) {
            found.add(m.group(1));
          }
        }
      }
    }
    return List.copyOf(found);
  }

  /**
   * Whether the build failed for want of an artifact (plugin, dependency, provider, extension, BOM):
   * a sign of it in any shape, or an artifact named as unresolved (the same reading that names it in
   * the reason, so the two never disagree).
   */
  static boolean wantsArtifacts(Path log) {
    List<String> lines = lines(log);
    return lines.stream().anyMatch(l -> WANTS_ARTIFACT.matcher(l).find()) || !unresolved(lines).isEmpty();
  }

  /**
   * Why a failed build failed only for a transient resolution reason, in the log's words ("Could
   * not transfer artifact g:a:pom:1 from/to central (...): Connection reset"), or {@code null}. A
   * transient reason: a race over the local repository (a {@code .part.lock} gone, a lock not
   * acquired), a network or name-server error while downloading, a 5xx or 429 from the repository
   * -- on an {@code [ERROR]} line of Maven's own (not one a test printed between Surefire's
   * {@code T E S T S} and its results) that is about resolution; or, for a version range Maven found
   * no versions for, a {@code [WARNING]} that the same artifact's metadata could not be transferred
   * for such a reason. Never when an artifact is not there (404, "Could not find artifact", "was not
   * found in", an offline miss) and no repository failed for a transient reason for that same
   * artifact (Maven 3.9.8+ reports each repository's failure on its own line: a 404 from one beside
   * a reset connection to another is still transient), nor when the build got far enough to have
   * compile errors or failing tests: those are the build's own verdict. Running the same build again
   * is the cure; the repository is not to blame.
   */
  public static @Nullable String transientFailure(Path log, Path workdir) {
    return transientFailure(lines(log), workdir);
  }

  static @Nullable String transientFailure(List<String> lines, Path workdir) {
    if (lines.stream().anyMatch(l -> TESTS_FAILED.matcher(l).find()) || located(lines, workdir).stream().anyMatch(Located::error)) {
      return null;
    }
    List<String> mavens = outsideTests(lines);
    List<String> errors = mavens.stream().filter(l -> l.startsWith("[ERROR]") || l.startsWith("[FATAL]")).toList();
    // Per artifact: a repository that has not got it decides only when no other repository failed
    // to deliver it for a transient reason (Maven 3.9.8+ reports each repository on its own line).
    Set<String> failedForNow = new HashSet<>();
    String cause = null;
    for (String line : errors) {
      if (RESOLUTION.matcher(line).find() && TRANSIENT_CAUSE.matcher(line).find()) {
        cause = cause == null ? cause(line) : cause;
        Matcher m = TRANSFER_ARTIFACT.matcher(line);
        while (m.find()) {
          failedForNow.add(artifactKey(m.group(1)));
        }
      }
    }
    for (String line : errors) {
      if (NOT_FOUND.matcher(line).find()) {
        String missing = null;
        Matcher m = NOT_FOUND_ARTIFACT.matcher(line);
        while (m.find()) {
          missing = m.group(1) != null ? m.group(1) : m.group(2);
        }
        if (missing == null || !failedForNow.contains(artifactKey(missing))) {
          return null;
        }
      }
    }
    if (cause != null) {
      return cause;
    }
    // A version range that the metadata did not answer: the warning that it could not be transferred
    // for the same group and artifact is why (a dead repository's warning about another one is not).
    Set<String> unlisted = new HashSet<>();
    for (String line : errors) {
      Matcher m = NO_VERSIONS_OF.matcher(line);
      while (m.find()) {
        unlisted.add(m.group(1));
      }
    }
    for (String line : mavens) {
      Matcher m = METADATA_OF.matcher(line);
      if (line.startsWith("[WARNING]") && m.find() && unlisted.contains(m.group(1)) && TRANSIENT_CAUSE.matcher(line).find()) {
        return cause(line);
      }
    }
    return null;
  }

  /** {@code g:a:v} (with a classifier, {@code g:a:classifier:v}) of Maven's {@code g:a:type[:classifier]:v}: a pom and a jar are one artifact. */
  private static String artifactKey(String coordinates) {
    String[] p = coordinates.split(":");
    return p.length == 5 ? p[0] + ":" + p[1] + ":" + p[3] + ":" + p[4] : p[0] + ":" + p[1] + ":" + p[p.length - 1];
  }

  /** The lines Maven wrote itself: without what the tests printed between Surefire's heading and its results. */
  private static List<String> outsideTests(List<String> lines) {
    List<String> mavens = new ArrayList<>();
    boolean inTests = false;
    for (String line : lines) {
      if (TESTS_BEGIN.matcher(line).matches()) {
        inTests = true;
      } else if (inTests && TESTS_END.matcher(line).matches()) {
        inTests = false;
      }
      if (!inTests) {
        mavens.add(line);
      }
    }
    return mavens;
  }

  /** A resolution line from its innermost "Could not transfer"/lock clause on, without Maven's help pointer. */
  private static String cause(String line) {
    String text = line.replaceFirst("^\\[\\w+\\]\\s*", "").replaceFirst("\\s*-> \\[Help \\d+\\]$", "").strip();
    Matcher m = Pattern.compile("Could not transfer (?:artifact|metadata)|Could not acquire|Failed to acquire|[Tt]ransfer failed for").matcher(text);
    int from = -1;
    while (m.find()) {
      from = m.start();
    }
    return from < 0 ? text : text.substring(from);
  }

  /**
   * One line that says why the build failed: the first compile error, else the failing tests, else
   * the artifact it could not resolve, else what the build needs that it did not have (Docker, the
   * network, another JDK), else the first meaningful {@code [ERROR]} line, else the last line.
   */
  static String summarize(Path log, Path workdir) {
    List<String> lines = lines(log);
    if (lines.isEmpty() && !Files.isReadable(log)) {
      return "build failed (log unreadable: " + log + ")";
    }
    List<Located> errors = located(lines, workdir).stream().filter(Located::error).toList();
    String kind = errors.isEmpty() || errors.get(0).compiler() ? "compile error" : "error";
    List<String> compileErrors = errors.stream().map(Located::text).distinct().toList();
    String jdk = firstGroup(lines, JDK);
    if (!compileErrors.isEmpty()) {
      String first = kind + ": " + compileErrors.get(0) + more(compileErrors.size() - 1, kind);
      return jdk == null ? first : needsJdk(jdk) + "; " + first;
    }
    List<String> failures = new ArrayList<>();
    boolean inResults = false;
    for (String line : lines) {
      if (line.startsWith("[ERROR] Failures:") || line.startsWith("[ERROR] Errors:")) {
        inResults = true;
        continue;
      }
      if (inResults) {
        // With reruns (rerunFailingTestsCount), each failing test is a bare name followed by one
        // "Run N: message" line per run; the first run's message stands for the test.
        Matcher run = RERUN.matcher(line);
        Matcher m = TEST_FAILURE.matcher(line);
        if (run.matches()) {
          if (run.group(1).equals("1")) {
            failures.add(run.group(2).strip());
          }
        } else if (m.matches()) {
          failures.add(m.group(1).strip());
        } else if (!line.startsWith("[ERROR]   ") && !RERUN_NAME.matcher(line).matches()) {
          inResults = false;
        }
      }
    }
    String cause = needs(lines);
    if (!failures.isEmpty()) {
      String totals = lines.stream().filter(l -> TESTS_RUN.matcher(l).matches() && !l.contains(" - in ")).reduce((a, b) -> b).orElse("");
      String counts = totals.isEmpty() ? "" : " (" + totals.replaceFirst("^\\[\\w+\\] ", "") + ")";
      String tests = "test failed: " + failures.get(0) + more(failures.size() - 1, "failure") + counts;
      return cause == null ? tests : cause + "; " + tests;
    }
    List<String> unresolved = unresolved(lines);
    if (!unresolved.isEmpty()) {
      return "cannot resolve " + unresolved.get(0) + more(unresolved.size() - 1, "artifact");
    }
    if (cause != null) {
      return cause;
    }
    String error = firstError(lines, true);
    if (error == null) {
      error = firstError(lines, false);
    }
    if (error != null) {
      return error;
    }
    String last = lastLine(lines);
    return last == null ? "build failed with no output" : "build failed: " + last;
  }

  /** The log's last line that is not blank, stripped, or null: what is left to say when nothing else did. */
  public static @Nullable String lastLine(Path log) {
    return lastLine(lines(log));
  }

  private static @Nullable String lastLine(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return null;
  }

  /**
   * The first meaningful {@code [ERROR]} line of a log (Surefire's "there are test failures" only
   * when nothing else says more), or null: what a fix prompt shows when no located error or failing
   * test was found, in the same words as the outcome's reason.
   */
  public static @Nullable String firstError(Path log) {
    List<String> lines = lines(log);
    String error = firstError(lines, true);
    return error != null ? error : firstError(lines, false);
  }

  /** What the build needed and did not have, in words, or null: Docker, the network at test time, another JDK. */
  private static @Nullable String needs(List<String> lines) {
    if (lines.stream().anyMatch(l -> DOCKER.matcher(l).find())) {
      return "tests need Docker (Testcontainers found no Docker environment), and builds here have none";
    }
    String jdk = firstGroup(lines, JDK);
    if (jdk != null) {
      return needsJdk(jdk);
    }
    if (lines.stream().anyMatch(l -> l.contains("The forked VM terminated without properly saying goodbye"))) {
      String option = lines.stream().map(EXPIRED_JVM_OPTION::matcher).filter(Matcher::find).map(Matcher::group).findFirst().orElse(null);
      if (option != null) {
        return needsJdk("the test JVM is started with " + option + ", an option this JDK no longer accepts, so the fork died");
      }
    }
    for (String line : lines) {
      Matcher m = NETWORK_IN_TEST.matcher(line);
      if (m.find()) {
        String what = m.group(1) != null ? "UnknownHostException: " + m.group(1)
            : m.group(2) != null ? m.group(0).replaceFirst("^java\\.net\\.", "") : "network is unreachable";
        return "tests reach for the network at run time (" + what.strip()
            + "; a binary or service downloaded by the tests), and builds run without it";
      }
    }
    return null;
  }

  private static String needsJdk(String message) {
    return "needs another JDK than the one it was built on: " + message.strip();
  }

  private static @Nullable String firstGroup(List<String> lines, Pattern pattern) {
    for (String line : lines) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  /**
   * The first {@code [ERROR]} line that says something: not a separator, not Maven's boilerplate;
   * with {@code skipSurefire}, not Surefire's "there are test failures" goal line either.
   */
  private static @Nullable String firstError(List<String> lines, boolean skipSurefire) {
    for (int i = 0; i < lines.size(); i++) {
      String text = errorText(lines.get(i));
      if (text == null) {
        continue;
      }
      if (skipSurefire && text.startsWith("Failed to execute goal org.apache.maven.plugins:maven-surefire")) {
        continue;
      }
      if (text.endsWith(":")) {
        // An introduction ("Some problems were encountered while processing the POMs:"): the
        // cause is the next error line, often a [FATAL] one ("Non-parseable POM ... line 1, column 2").
        for (int j = i + 1; j < lines.size(); j++) {
          String cause = errorText(lines.get(j));
          if (cause != null) {
            return text + " " + cause;
          }
        }
      }
      return text;
    }
    return null;
  }

  /** The words of an {@code [ERROR]} or {@code [FATAL]} line, or null when it says nothing. */
  private static @Nullable String errorText(String line) {
    if (!line.startsWith("[ERROR]") && !line.startsWith("[FATAL]")) {
      return null;
    }
    String text = line.substring(7).strip().replaceFirst("^\\[(?:ERROR|FATAL)\\]\\s*", "");
    if (text.isEmpty() || !text.matches(".*[\\p{L}\\p{N}].*") || BOILERPLATE.matcher(text).matches()) {
      return null;
    }
    return text.replaceFirst("\\s*-> \\[Help \\d+\\]$", "").replaceAll("\\s{2,}", " ");
  }

  private static String more(int n, String what) {
    return n <= 0 ? "" : " (+" + n + " more " + what + (n == 1 ? "" : "s") + ")";
  }
}
