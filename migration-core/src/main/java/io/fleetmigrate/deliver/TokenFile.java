package io.fleetmigrate.deliver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A code host's token read from a file, for every host: {@code ~/} is the home directory, and the
 * file must hold one token on one line. Messages name the file and where it was named, never the token.
 *
 * @param path the file
 * @param value the token
 */
public record TokenFile(Path path, String value) {
  /**
   * Reads the {@code host} token file {@code name}, given by {@code from} ({@code codeHost.tokenFile},
   * {@code --token-file}, an environment variable).
   */
  public static TokenFile read(String name, String host, String from, Map<String, String> env) throws CodeHostException {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Path file = Path.of(name.startsWith("~/") ? home + name.substring(1) : name);
    try {
      String v = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (v.isEmpty() || v.contains("\n")) {
        throw new CodeHostException("the " + host + " token file " + file + " (" + from + ") must hold one token on one line");
      }
      return new TokenFile(file, v);
    } catch (IOException e) {
      throw new CodeHostException("cannot read the " + host + " token file " + file + " (" + from + "): " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String toString() {
    return "TokenFile[" + path + "]";
  }
}
