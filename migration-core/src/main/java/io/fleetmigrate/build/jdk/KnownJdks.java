package io.fleetmigrate.build.jdk;

import io.fleetmigrate.build.BuildSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The JDKs Fleet knows: those a user lists in {@code FLEET_JDKS} (homes separated by the path
 * separator), the JDK Fleet runs on, {@code JAVA_HOME}, and the folders installers put JDKs in
 * ({@code /usr/lib/jvm/*}, SDKMAN's {@code ~/.sdkman/candidates/java/*}, IntelliJ's {@code
 * ~/.jdks/*}). Each home once (links resolved), sorted by version. A discovered folder that is not
 * a JDK is passed over; a {@code FLEET_JDKS} entry that is not one is a {@link #problems() problem}
 * named in words, since a person wrote it.
 */
public record KnownJdks(List<Jdk> jdks, List<String> problems) {
  /** The environment variable that lists JDK homes. */
  public static final String FLEET_JDKS = "FLEET_JDKS";

  /** Where the JDK this process runs on is said to be found. */
  static final String RUNNING = "running Fleet";

  public KnownJdks {
    jdks = List.copyOf(jdks);
    problems = List.copyOf(problems);
  }

  /** The JDKs of this machine and those {@code settings} list ({@code FLEET_JDKS}). */
  public static KnownJdks of(BuildSettings settings) {
    return discover(settings.jdks(), System.getenv("JAVA_HOME"), Path.of(System.getProperty("java.home")),
        Path.of(System.getProperty("user.home")), List.of(Path.of("/usr/lib/jvm"), Path.of("/Library/Java/JavaVirtualMachines")));
  }

  /**
   * @param listed the value of {@code FLEET_JDKS}, or {@code null}
   * @param javaHome the value of {@code JAVA_HOME}, or {@code null}
   * @param running the home of the JDK this process runs on
   * @param userHome where SDKMAN's and IntelliJ's folders are
   * @param systemFolders folders whose children are JDKs ({@code /usr/lib/jvm}; on macOS {@code
   *     /Library/Java/JavaVirtualMachines}, whose children keep the home in {@code Contents/Home})
   */
  public static KnownJdks discover(@Nullable String listed, @Nullable String javaHome, Path running, Path userHome,
      List<Path> systemFolders) {
    Map<Path, Jdk> byHome = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    if (listed != null) {
      for (String entry : listed.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
        if (entry.isBlank()) {
          continue;
        }
        try {
          add(byHome, Jdk.at(Path.of(entry.strip()), FLEET_JDKS));
        } catch (Jdk.NotAJdkException | java.nio.file.InvalidPathException e) {
          problems.add(FLEET_JDKS + ": " + e.getMessage());
        }
      }
    }
    tryAdd(byHome, running, RUNNING);
    if (javaHome != null && !javaHome.isBlank()) {
      tryAdd(byHome, Path.of(javaHome.strip()), "JAVA_HOME");
    }
    List<Path> folders = new ArrayList<>(systemFolders);
    folders.add(userHome.resolve(".sdkman").resolve("candidates").resolve("java"));
    folders.add(userHome.resolve(".jdks"));
    for (Path folder : folders) {
      for (Path child : children(folder)) {
        Path macHome = child.resolve("Contents").resolve("Home");
        tryAdd(byHome, Files.isDirectory(macHome) ? macHome : child, folder.toString());
      }
    }
    List<Jdk> sorted = new ArrayList<>(byHome.values());
    // 17.0.10 after 17.0.2: the update numbers compare as numbers, not as text.
    sorted.sort(Comparator.comparingInt(Jdk::version).thenComparing(KnownJdks::numbers, KnownJdks::compareNumbers)
        .thenComparing(j -> j.home().toString()));
    return new KnownJdks(sorted, problems);
  }

  private static void tryAdd(Map<Path, Jdk> byHome, Path home, String foundIn) {
    try {
      add(byHome, Jdk.at(home, foundIn));
    } catch (Jdk.NotAJdkException e) {
      // a folder beside the JDKs (sources, docs, a dangling link): not a JDK, nothing to say
    }
  }

  private static void add(Map<Path, Jdk> byHome, Jdk jdk) {
    byHome.merge(jdk.home(), jdk, (was, now) -> was.foundAlsoIn(now.foundIn().get(0)));
  }

  private static List<Path> children(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The Java this process runs on, when its home reads as one (it may be a JRE). */
  public Optional<Jdk> running() {
    return jdks.stream().filter(j -> j.foundIn().contains(RUNNING)).findFirst();
  }

  /**
   * The JDK for a repository that needs {@code requirement}; one that names none builds on the JDK
   * Fleet runs on, as every build did before JDKs were chosen.
   */
  public JdkChoice choose(Optional<JdkRequirement> requirement) {
    if (requirement.isPresent()) {
      return choose(requirement.get());
    }
    return running().filter(Jdk::compiles)
        .map(jdk -> new JdkChoice(jdk, "JDK " + jdk.version() + " at " + jdk.home() + ": the one Fleet runs on, since nothing in the"
            + " repository names a JDK"))
        .orElseGet(() -> new JdkChoice(null, "nothing in the repository names a JDK, and the Java Fleet runs on cannot build"
            + " (a JRE, or a home without a release file); run Fleet on a JDK or list one in " + FLEET_JDKS));
  }

  /**
   * The lowest known feature release (with a javac) that {@code requirement} admits, in its newest
   * update (17.0.15 before 17.0.2: the same language, the fixes since), or none with a reason naming
   * what is needed and what is known.
   */
  public JdkChoice choose(JdkRequirement requirement) {
    Jdk chosen = null;
    for (Jdk jdk : jdks) { // sorted by feature release, then update
      if (jdk.compiles() && requirement.admits(jdk.version())) {
        if (chosen != null && chosen.version() != jdk.version()) {
          break;
        }
        chosen = jdk;
      }
    }
    if (chosen != null) {
      return new JdkChoice(chosen, "JDK " + chosen.version() + " at " + chosen.home() + ": the repository needs " + requirement);
    }
    @Nullable Jdk jre = jdks.stream().filter(j -> !j.compiles() && requirement.admits(j.version())).findFirst().orElse(null);
    return new JdkChoice(null, "needs " + requirement + ", and Fleet knows " + describe()
        + (jre == null ? "" : " (the JRE " + jre.version() + " at " + jre.home() + " has no javac)")
        + "; add its home to " + FLEET_JDKS);
  }

  /** {@code JDK 17, JDK 25} (or {@code no JDK}). */
  public String describe() {
    if (jdks.isEmpty()) {
      return "no JDK";
    }
    return String.join(", ", jdks.stream().map(j -> j.kind() + " " + j.version()).distinct().toList());
  }

  /** The numbers of a version string ({@code 1.8.0_402} → 1, 8, 0, 402), for ordering. */
  private static List<Integer> numbers(Jdk jdk) {
    List<Integer> numbers = new ArrayList<>();
    for (String part : String.valueOf(jdk.fullVersion()).split("\\D+")) {
      if (!part.isEmpty()) {
        numbers.add(part.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(part));
      }
    }
    return numbers;
  }

  private static int compareNumbers(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
