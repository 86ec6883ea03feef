package io.fleetmigrate.build.jdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * One Java installation Fleet knows: its feature version and vendor (from its {@code release}
 * file), its home (links resolved), whether it can compile ({@code bin/javac}; a JRE is listed but
 * cannot build), and where it was found ({@code FLEET_JDKS}, {@code JAVA_HOME}, {@code /usr/lib/jvm}...).
 */
public record Jdk(int version, String fullVersion, @Nullable String vendor, Path home, boolean compiles, List<String> foundIn) {
  public Jdk {
    foundIn = List.copyOf(foundIn);
  }

  /** {@code JDK} or {@code JRE}. */
  public String kind() {
    return compiles ? "JDK" : "JRE";
  }

  /** {@code JDK 17 (Eclipse Adoptium) at /usr/lib/jvm/...}. */
  @Override
  public String toString() {
    return kind() + " " + version + (vendor == null ? "" : " (" + vendor + ")") + " at " + home;
  }

  Jdk foundAlsoIn(String where) {
    if (foundIn.contains(where)) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(foundIn);
    all.add(where);
    return new Jdk(version, fullVersion, vendor, home, compiles, all);
  }

  /** A Java home that is not one: what is wrong with it, in words. */
  public static final class NotAJdkException extends Exception {
    private static final long serialVersionUID = 1L;

    NotAJdkException(String message) {
      super(message);
    }
  }

  /** Reads the Java installation at {@code home}; {@code foundIn} says where its path came from. */
  public static Jdk at(Path home, String foundIn) throws NotAJdkException {
    Path real;
    try {
      real = home.toRealPath();
    } catch (IOException e) {
      throw new NotAJdkException(home + " is not a JDK: it does not exist");
    }
    if (!Files.isDirectory(real)) {
      throw new NotAJdkException(home + " is not a JDK: it is not a directory");
    }
    Path release = real.resolve("release");
    if (!Files.isRegularFile(release)) {
      throw new NotAJdkException(home + " is not a JDK: it has no release file");
    }
    if (!executable(real, "java")) {
      throw new NotAJdkException(home + " is not a JDK: it has no bin/java");
    }
    Map<String, String> fields;
    try {
      fields = releaseFields(Files.readString(release, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new NotAJdkException(home + " is not a JDK: its release file cannot be read (" + e.getMessage() + ")");
    }
    String version = fields.get("JAVA_VERSION");
    OptionalInt feature = version == null ? OptionalInt.empty() : JavaVersion.feature(version);
    if (version == null || feature.isEmpty()) {
      throw new NotAJdkException(home + " is not a JDK: its release file has no readable JAVA_VERSION"
          + (version == null ? "" : " ('" + version + "')"));
    }
    String vendor = fields.get("IMPLEMENTOR");
    return new Jdk(feature.getAsInt(), version, vendor == null || vendor.isBlank() ? null : vendor, real,
        executable(real, "javac"), List.of(foundIn));
  }

  private static boolean executable(Path home, String tool) {
    return Files.isRegularFile(home.resolve("bin").resolve(tool)) || Files.isRegularFile(home.resolve("bin").resolve(tool + ".exe"));
  }

  /** The {@code KEY="value"} lines of a {@code release} file. */
  static Map<String, String> releaseFields(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String line : text.lines().toList()) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        fields.put(line.substring(0, eq).strip(), value);
      }
    }
    return fields;
  }
}
