package io.fleetmigrate.build.jdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The Maven {@code toolchains.xml} that every build gets ({@code -t}), written from the JDKs Fleet
 * knows, so that a repository using {@code maven-toolchains-plugin} finds its JDK the way it does
 * on its developers' machines. The user's own {@code ~/.m2/toolchains.xml} is out of a sandboxed
 * build's sight (our home is hidden), and it might name JDKs Fleet does not know.
 *
 * <p>Each JDK (not a JRE) is listed twice, lowest version first: as its feature version ({@code 17},
 * what projects usually ask for, and what an exact requirement must equal) and as its full version
 * ({@code 17.0.15}); Maven takes the first that matches, so a range such as {@code [11,)} gets the
 * lowest JDK that fits, as Fleet's own choice does.
 *
 * @param file where the file is
 * @param homes the JDK homes it names: a sandboxed build must see them (read-only)
 */
public record Toolchains(Path file, List<Path> homes) {
  /** Its name in the data directory. */
  public static final String FILE_NAME = "toolchains.xml";

  public Toolchains {
    homes = List.copyOf(homes);
  }

  /** Writes the toolchains of {@code known} to {@code dataDir/toolchains.xml} (replacing it whole). */
  public static Toolchains write(KnownJdks known, Path dataDir) throws IOException {
    Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
    try {
      Files.writeString(temp, xml(known), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return new Toolchains(file, known.jdks().stream().filter(Jdk::compiles).map(Jdk::home).toList());
  }

  /** The file's text. */
  static String xml(KnownJdks known) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!-- Written by Fleet Migrate from the JDKs it knows ('fleet jdks'); rewritten at every start. -->\n")
        .append("<toolchains>\n");
    for (Jdk jdk : known.jdks()) {
      if (!jdk.compiles()) {
        continue;
      }
      for (String version : jdk.fullVersion().equals(String.valueOf(jdk.version()))
          ? List.of(jdk.fullVersion()) : List.of(String.valueOf(jdk.version()), jdk.fullVersion())) {
        xml.append("  <toolchain>\n    <type>jdk</type>\n    <provides>\n      <version>").append(escape(version)).append("</version>\n");
        if (jdk.vendor() != null) {
          xml.append("      <vendor>").append(escape(jdk.vendor())).append("</vendor>\n");
        }
        xml.append("    </provides>\n    <configuration>\n      <jdkHome>").append(escape(jdk.home().toString()))
            .append("</jdkHome>\n    </configuration>\n  </toolchain>\n");
      }
    }
    return xml.append("</toolchains>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
