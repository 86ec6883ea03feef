package io.fleetmigrate.build.jdk;

import io.fleetmigrate.inventory.yaml.LocatedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JDK versions a repository builds on: at least {@code min}, at most {@code max} when known
 * ({@code -source 6} needs a JDK no newer than 11), and {@code why}: the file and line that say so.
 *
 * <p>{@link #of} reads a checkout, without running Maven, and takes the first of these that says
 * anything: {@code .java-version}, {@code .sdkmanrc}, {@code .tool-versions} (each names one JDK);
 * the Maven toolchains plugin's {@code <jdk><version>}; the compiler's {@code release}, else its
 * {@code source}/{@code target} (plugin configuration or {@code maven.compiler.*} properties,
 * resolved through the POM and its parents in the checkout, over every module); the lowest {@code
 * java-version} of {@code actions/setup-java} in {@code .github/workflows}. A file that cannot be
 * read or parsed says nothing.
 */
public record JdkRequirement(int min, @Nullable Integer max, String why) {
  public JdkRequirement {
    if (min < 1 || max != null && max < 1) {
      throw new IllegalArgumentException("a JDK version is 1 or more: " + min + ".." + max);
    }
  }

  /** Exactly feature version {@code version}. */
  public static JdkRequirement exactly(int version, String why) {
    return new JdkRequirement(version, version, why);
  }

  public boolean admits(int version) {
    return version >= min && (max == null || version <= max);
  }

  /** {@code JDK 17}, {@code JDK 21 or newer}, {@code JDK 6 to 11}, {@code no JDK} when the bounds cross. */
  public String versions() {
    if (max == null) {
      return "JDK " + min + " or newer";
    }
    if (max == min) {
      return "JDK " + min;
    }
    return max < min ? "no JDK (at least " + min + " and at most " + max + ")" : "JDK " + min + " to " + max;
  }

  /** {@code JDK 21 or newer (pom.xml:14: maven.compiler.release 21)}. */
  @Override
  public String toString() {
    return versions() + " (" + why + ")";
  }

  /** What {@code checkout} needs, or empty when nothing in it says. */
  public static Optional<JdkRequirement> of(Path checkout) {
    Path root = checkout.toAbsolutePath().normalize();
    List<Function<Path, Optional<JdkRequirement>>> sources = List.of(
        dir -> versionFile(dir, ".java-version", line -> line),
        dir -> versionFile(dir, ".sdkmanrc", line -> line.split("=", 2)[0].strip().equals("java") && line.contains("=")
            ? line.substring(line.indexOf('=') + 1).strip() : null),
        dir -> versionFile(dir, ".tool-versions", line -> {
          String[] words = line.split("\\s+");
          return words.length > 1 && words[0].equals("java") ? words[1] : null;
        }),
        JdkRequirement::toolchains,
        JdkRequirement::compiler,
        JdkRequirement::setupJava);
    for (Function<Path, Optional<JdkRequirement>> source : sources) {
      Optional<JdkRequirement> found = source.apply(root);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The first line of {@code name} that {@code version} picks a JDK name out of ({@code null}: not this line). */
  private static Optional<JdkRequirement> versionFile(Path checkout, String name, Function<String, @Nullable String> version) {
    List<String> lines = lines(checkout, checkout.resolve(name));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String jdk = version.apply(line);
      OptionalInt feature = jdk == null ? OptionalInt.empty() : JavaVersion.featureOfName(jdk);
      if (feature.isPresent()) {
        return Optional.of(exactly(feature.getAsInt(), name + ":" + (i + 1) + ": " + line));
      }
    }
    return Optional.empty();
  }

  private static List<String> lines(Path checkout, Path file) {
    try {
      return inside(checkout, file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * Whether {@code file} is a regular file of {@code checkout}, not reached through a link that
   * leaves it: the checkout is not ours, and a line of what is read goes into a reason.
   */
  static boolean inside(Path checkout, Path file) {
    try {
      return Files.isRegularFile(file) && file.toRealPath().startsWith(checkout.toRealPath());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The toolchains plugin's {@code <jdk><version>} (or 3.2's {@code select-jdk-toolchain} {@code <version>}): {@code 11}, {@code [11,)}, {@code [1.8,17)}. */
  private static Optional<JdkRequirement> toolchains(Path checkout) {
    return overModules(checkout, pom -> {
      MavenPom.Located spec = pom.pluginParameter("maven-toolchains-plugin", "toolchains/jdk/version");
      if (spec == null) {
        spec = pom.pluginParameter("maven-toolchains-plugin", "version");
      }
      String value = spec == null ? null : pom.resolve(spec.value());
      return value == null ? Optional.empty() : range(value, spec.where() + ": maven-toolchains-plugin jdk version " + value);
    });
  }

  /** A Maven version requirement over feature versions: {@code 11} exactly, {@code [11,)}, {@code [1.8,17)}, {@code (,11]}. */
  static Optional<JdkRequirement> range(String spec, String why) {
    String s = spec.strip();
    if (!s.startsWith("[") && !s.startsWith("(")) {
      OptionalInt exact = JavaVersion.feature(s);
      return exact.isPresent() ? Optional.of(exactly(exact.getAsInt(), why)) : Optional.empty();
    }
    if (!s.endsWith("]") && !s.endsWith(")") || !s.contains(",")) {
      return Optional.empty();
    }
    String[] bounds = s.substring(1, s.length() - 1).split(",", -1);
    if (bounds.length != 2) {
      return Optional.empty();
    }
    OptionalInt low = bounds[0].isBlank() ? OptionalInt.of(1) : JavaVersion.feature(bounds[0]);
    OptionalInt high = bounds[1].isBlank() ? OptionalInt.empty() : JavaVersion.feature(bounds[1]);
    if (low.isEmpty() || !bounds[1].isBlank() && high.isEmpty()) {
      return Optional.empty();
    }
    int min = low.getAsInt() + (s.startsWith("(") && !bounds[0].isBlank() ? 1 : 0);
    Integer max = high.isEmpty() ? null : high.getAsInt() - (s.endsWith(")") ? 1 : 0);
    return Optional.of(new JdkRequirement(min, max, why));
  }

  /**
   * The compiler's level: {@code release} N needs a JDK of at least N (and at least 9, the first
   * with {@code --release}); {@code source}/{@code target} N at least N, and at most the last JDK
   * whose javac accepts N.
   */
  private static Optional<JdkRequirement> compiler(Path checkout) {
    return overModules(checkout, pom -> {
      // The tests' own level (maven-compiler-plugin 3.9+: testRelease, testSource, testTarget) can be
      // above the main code's: the baseline compiles both, so it needs the higher of the two.
      Level testRelease = level(pom, "testRelease");
      Level testSource = level(pom, "testSource");
      Level testTarget = level(pom, "testTarget");
      Level tests = highest(testRelease, testSource, testTarget);
      Optional<JdkRequirement> main = mainCompiler(pom);
      if (tests == null) {
        return main;
      }
      int min = testRelease == tests ? Math.max(tests.version, 9) : tests.version;
      if (main.isEmpty() || main.get().min() < min) {
        Integer max = main.isPresent() && main.get().max() != null && main.get().max() >= min ? main.get().max() : null;
        return Optional.of(new JdkRequirement(min, max, tests.why + main.map(m -> "; " + m.why()).orElse("")));
      }
      return main;
    });
  }

  private static @Nullable Level highest(@Nullable Level... levels) {
    Level high = null;
    for (Level l : levels) {
      if (l != null && (high == null || l.version > high.version)) {
        high = l;
      }
    }
    return high;
  }

  /** The main code's level: release, else source and target. */
  private static Optional<JdkRequirement> mainCompiler(MavenPom pom) {
      Level release = level(pom, "release");
      if (release != null) {
        return Optional.of(new JdkRequirement(Math.max(release.version, 9), null, release.why));
      }
      Level source = level(pom, "source");
      Level target = level(pom, "target");
      if (source == null && target == null) {
        return Optional.empty();
      }
      Level high = source == null || target != null && target.version > source.version ? target : source;
      Level low = source == null || target != null && target.version < source.version ? target : source;
      OptionalInt last = JavaVersion.lastJdkAccepting(low.version);
      String why = high.why + (low == high ? "" : "; " + low.why);
      return Optional.of(new JdkRequirement(high.version, last.isPresent() ? last.getAsInt() : null, why));
  }

  private record Level(int version, String why) {}

  /** The compiler plugin's {@code <name>}, else the property {@code maven.compiler.name}, resolved. */
  private static @Nullable Level level(MavenPom pom, String name) {
    MavenPom.Located written = pom.pluginParameter("maven-compiler-plugin", name);
    String label = "maven-compiler-plugin <" + name + ">";
    if (written == null) {
      written = pom.property("maven.compiler." + name);
      label = "maven.compiler." + name;
    }
    if (written == null) {
      return null;
    }
    String value = pom.resolve(written.value());
    OptionalInt version = value == null ? OptionalInt.empty() : JavaVersion.feature(value);
    if (version.isEmpty()) {
      return null;
    }
    String shown = written.value().equals(value) ? value : written.value() + " = " + value;
    return new Level(version.getAsInt(), written.where() + ": " + label + " " + shown);
  }

  /**
   * What the root POM and its modules need together: the highest minimum and the lowest maximum
   * (a module with {@code release 21} makes the whole build need 21), each with its own why.
   */
  private static Optional<JdkRequirement> overModules(Path checkout, Function<MavenPom, Optional<JdkRequirement>> read) {
    Optional<MavenPom> root = MavenPom.read(checkout, checkout.resolve("pom.xml"));
    if (root.isEmpty()) {
      return Optional.empty();
    }
    JdkRequirement low = null;
    JdkRequirement high = null;
    for (MavenPom pom : root.get().withModules()) {
      Optional<JdkRequirement> found = read.apply(pom);
      if (found.isPresent()) {
        JdkRequirement r = found.get();
        if (low == null || r.min > low.min) {
          low = r;
        }
        if (r.max != null && (high == null || r.max < high.max)) {
          high = r;
        }
      }
    }
    if (low == null) {
      return Optional.empty();
    }
    if (high == null || high == low || high.max.equals(low.max)) {
      return Optional.of(low);
    }
    return Optional.of(new JdkRequirement(low.min, high.max, low.why + "; " + high.why));
  }

  /** The lowest {@code java-version} that {@code actions/setup-java} sets up in the GitHub workflows (a matrix's values included). */
  private static Optional<JdkRequirement> setupJava(Path checkout) {
    Path workflows = checkout.resolve(".github").resolve("workflows");
    List<Path> files;
    try (Stream<Path> list = Files.isDirectory(workflows) ? Files.list(workflows) : Stream.empty()) {
      files = list.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .filter(f -> inside(checkout, f)).sorted().toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    JdkRequirement lowest = null;
    for (Path file : files) {
      for (JdkRequirement r : setupJava(checkout, file)) {
        if (lowest == null || r.min < lowest.min) {
          lowest = r;
        }
      }
    }
    return Optional.ofNullable(lowest);
  }

  /** A step's {@code java-version: ${{ matrix.java }}}: the versions are the matrix's. */
  private static final Pattern MATRIX_VALUE = Pattern.compile("\\$\\{\\{\\s*matrix\\.([\\w-]+)\\s*}}");

  private static List<JdkRequirement> setupJava(Path checkout, Path file) {
    LocatedYaml yaml;
    try {
      yaml = LocatedYaml.parse(Files.readString(file, StandardCharsets.UTF_8), checkout.relativize(file).toString());
    } catch (IOException | LocatedYaml.YamlException | RuntimeException e) {
      return List.of();
    }
    List<JdkRequirement> found = new ArrayList<>();
    JsonNode jobs = yaml.tree().path("jobs");
    for (String job : jobs.propertyNames()) {
      JsonNode steps = jobs.path(job).path("steps");
      for (int i = 0; i < steps.size(); i++) {
        JsonNode step = steps.get(i);
        if (!step.path("uses").asString("").startsWith("actions/setup-java")) {
          continue;
        }
        String pointer = "/jobs/" + job + "/steps/" + i + "/with/java-version";
        JsonNode version = yaml.tree().at(pointer);
        String text = version.isValueNode() ? version.asString() : "";
        Matcher matrix = MATRIX_VALUE.matcher(text);
        if (matrix.matches()) {
          String matrixPointer = "/jobs/" + job + "/strategy/matrix/" + matrix.group(1);
          JsonNode values = yaml.tree().at(matrixPointer);
          for (int v = 0; v < values.size(); v++) {
            add(found, yaml, matrixPointer + "/" + v, values.get(v).asString());
          }
        } else {
          for (String line : text.lines().toList()) {
            add(found, yaml, pointer, line);
          }
        }
      }
    }
    return found;
  }

  private static void add(List<JdkRequirement> found, LocatedYaml yaml, String pointer, String version) {
    OptionalInt feature = JavaVersion.feature(version);
    if (feature.isPresent()) {
      String at = yaml.error(pointer, "").getMessage();
      found.add(new JdkRequirement(feature.getAsInt(), null, at + "actions/setup-java java-version " + version.strip()));
    }
  }
}
