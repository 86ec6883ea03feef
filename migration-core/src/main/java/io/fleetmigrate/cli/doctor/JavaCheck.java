package io.fleetmigrate.cli.doctor;

/** The Java that runs Fleet: 17 or newer. (The repositories' own JDKs are the toolchain's business.) */
public record JavaCheck(Runtime.Version version, String javaHome) implements Check {
  public static JavaCheck ofThisJvm() {
    return new JavaCheck(Runtime.version(), System.getProperty("java.home"));
  }

  @Override
  public String name() {
    return "java";
  }

  @Override
  public Finding run() {
    String detail = "Java " + version + " at " + javaHome;
    if (version.feature() < 17) {
      return Finding.missing(name(), detail, "install a JDK 17 or newer and point JAVA_HOME (or the PATH) at it");
    }
    return Finding.ok(name(), detail);
  }
}
