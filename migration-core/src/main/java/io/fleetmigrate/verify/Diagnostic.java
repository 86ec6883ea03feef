package io.fleetmigrate.verify;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing a build complained about, in a shape a person and a model can both act on.
 *
 * @param kind what produced it
 * @param file the source file relative to the repository root (compile and lint); {@code null}
 *     for a failing test, whose place is its class and method
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param testClass the failing test's class (tests only)
 * @param testMethod the failing test's method (tests only)
 * @param message the error message, one line
 * @param trace the first lines of the stack trace (tests only; empty otherwise)
 */
public record Diagnostic(
    Kind kind,
    @Nullable String file,
    int line,
    int column,
    @Nullable String testClass,
    @Nullable String testMethod,
    String message,
    String trace) {

  /** Longest message kept: a model needs the gist, not a megabyte of assertion output. */
  static final int MAX_MESSAGE = 600;
  /** Stack trace lines kept for a failing test. */
  static final int MAX_TRACE_LINES = 8;

  public Diagnostic {
    Objects.requireNonNull(kind, "kind");
    message = trim(message.replaceAll("\\s+", " ").strip(), MAX_MESSAGE);
    trace = trimTrace(trace);
  }

  public enum Kind {
    /** A javac error: the code does not compile. Ranked first: nothing else runs until it is fixed. */
    COMPILE,
    /** A linter (Checkstyle, Spotless, ...) rejected the code. */
    LINT,
    /** A test failed or errored. */
    TEST,
    /** The build failed for a reason none of the parsers recognised; the line that says so. */
    BUILD
  }

  public static Diagnostic compile(String file, int line, int column, String message) {
    return new Diagnostic(Kind.COMPILE, file, line, column, null, null, message, "");
  }

  public static Diagnostic lint(String file, int line, int column, String message) {
    return new Diagnostic(Kind.LINT, file, line, column, null, null, message, "");
  }

  public static Diagnostic test(String testClass, String testMethod, String message, String trace) {
    return new Diagnostic(Kind.TEST, null, 0, 0, testClass, testMethod, message, trace);
  }

  public static Diagnostic build(String message) {
    return new Diagnostic(Kind.BUILD, null, 0, 0, null, null, message, "");
  }

  /** Two diagnostics with the same key are the same problem (the same error reported twice). */
  public String key() {
    return kind + "|" + (file == null ? testClass + "#" + testMethod : file + ":" + line + ":" + column) + "|" + message;
  }

  /** {@code src/Foo.java:12:5: cannot find symbol} or {@code FooTest.bar: expected ...}. */
  public String oneLine() {
    return switch (kind) {
      case COMPILE, LINT -> file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
      case TEST -> testClass + "." + testMethod + ": " + message;
      case BUILD -> message;
    };
  }

  private static String trim(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private static String trimTrace(String trace) {
    String[] lines = trace.strip().split("\\R");
    StringBuilder kept = new StringBuilder();
    for (int i = 0; i < lines.length && i < MAX_TRACE_LINES; i++) {
      if (i > 0) {
        kept.append('\n');
      }
      kept.append(trim(lines[i].stripTrailing(), MAX_MESSAGE));
    }
    return kept.toString();
  }
}
