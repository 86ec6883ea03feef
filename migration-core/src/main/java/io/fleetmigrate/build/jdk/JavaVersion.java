package io.fleetmigrate.build.jdk;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Java version strings as JDKs and builds write them, in one place: {@code 1.8.0_402} and {@code 8} are both feature 8. */
public final class JavaVersion {
  private static final Pattern FEATURE = Pattern.compile("(?:1\\.(\\d+)|(\\d+))(?:[._+\\-].*|\\.x)?");

  private JavaVersion() {}

  /** The feature version of {@code text} ({@code 17.0.13} → 17, {@code 1.8.0_402} → 8, {@code 21-ea} → 21), or empty. */
  public static OptionalInt feature(String text) {
    Matcher m = FEATURE.matcher(text.strip());
    if (!m.matches()) {
      return OptionalInt.empty();
    }
    try {
      int feature = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      return feature >= 1 && feature < 1000 ? OptionalInt.of(feature) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /**
   * The version in a tool's JDK name: {@code 17.0.2-tem} (SDKMAN), {@code temurin-17.0.2} (asdf),
   * {@code openjdk64-11.0.2} (jenv), {@code corretto-21}: the first dash-separated part that reads
   * as a version.
   */
  public static OptionalInt featureOfName(String name) {
    // GraalVM names carry their Java version apart from GraalVM's own: 22.3.r17-grl (SDKMAN),
    // graalvm-22.3.0+java17 (asdf), graalvm-ce-java11-21.3.0.
    java.util.regex.Matcher graal = java.util.regex.Pattern.compile("(?:\\.r|java)(\\d{1,3})(?!\\d)").matcher(name);
    if ((name.contains("grl") || name.contains("graal")) && graal.find()) {
      return feature(graal.group(1));
    }
    for (String part : name.strip().split("-")) {
      if (!part.isEmpty() && Character.isDigit(part.charAt(0))) {
        OptionalInt feature = feature(part);
        if (feature.isPresent()) {
          return feature;
        }
      }
    }
    return OptionalInt.empty();
  }

  /**
   * The newest JDK whose javac still accepts {@code -source}/{@code -target} {@code level}, or
   * empty when every JDK so far does: JDK 9 dropped 5 and older, JDK 12 dropped 6, JDK 20 dropped 7.
   */
  public static OptionalInt lastJdkAccepting(int level) {
    if (level <= 5) {
      return OptionalInt.of(8);
    }
    if (level == 6) {
      return OptionalInt.of(11);
    }
    if (level == 7) {
      return OptionalInt.of(19);
    }
    return OptionalInt.empty();
  }
}
