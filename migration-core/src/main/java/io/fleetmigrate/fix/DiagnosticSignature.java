package io.fleetmigrate.fix;

import io.fleetmigrate.verify.Diagnostic;
import io.fleetmigrate.verify.VerifyResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a red build says with the repository's own names taken out, so that the same failure in
 * another repository of the fleet has the same signature: the failing stage, and per diagnostic its
 * kind and message with file paths, line and column numbers, quoted text and javac's
 * {@code location:} (the repository's own class) abstracted. The missing symbol or package stays:
 * {@code package org.junit.internal does not exist} is the failure, the class it happened in is
 * only where.
 *
 * @param stage the failing stage
 * @param lines the normalised diagnostics, sorted, each once
 * @param files the files the diagnostics name, in the order of {@code lines} (test classes by
 *     their simple name); the first one per line, for moving remembered edits to this repository
 */
public record DiagnosticSignature(String stage, List<String> lines, List<@Nullable String> files) {
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
  private static final Pattern PATH = Pattern.compile("\\S*[/\\\\]\\S+");
  private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");
  /** Where javac found the error: a class, method or variable of the repository itself. */
  private static final Pattern LOCATION = Pattern.compile("location:\\s*(class|variable|method|interface|enum|record)\\s+[\\w.$<>(),]+");

  public DiagnosticSignature {
    lines = List.copyOf(lines);
    files = java.util.Collections.unmodifiableList(new ArrayList<>(files));
  }

  public static DiagnosticSignature of(VerifyResult red) {
    Map<String, @Nullable String> byLine = new LinkedHashMap<>();
    for (Diagnostic d : red.diagnostics()) {
      byLine.putIfAbsent(d.kind() + " " + normalise(d.message()), d.file());
    }
    List<String> sorted = new ArrayList<>(new TreeSet<>(byLine.keySet()));
    List<@Nullable String> files = new ArrayList<>();
    sorted.forEach(l -> files.add(byLine.get(l)));
    String stage = red.failedStage();
    return new DiagnosticSignature(stage == null ? "" : stage, sorted, files);
  }

  static String normalise(String message) {
    String m = QUOTED.matcher(message).replaceAll("'…'");
    m = LOCATION.matcher(m).replaceAll("location: $1 <name>");
    m = PATH.matcher(m).replaceAll("<path>");
    m = NUMBER.matcher(m).replaceAll("<n>");
    return m.replaceAll("\\s+", " ").strip();
  }

  /** The signature as stored and shown: the stage, then one line per distinct diagnostic. */
  public String text() {
    return stage + "\n" + String.join("\n", lines);
  }

  /** A short, stable key for lookups. */
  public String key() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * {@code edits} (made where {@code learnt} failed) moved to this repository: an edit of the file
   * a diagnostic named there goes to the file the same diagnostic names here; other paths (a
   * {@code pom.xml}, a shared base class) stay as they are.
   */
  public List<Edit> moved(List<Edit> edits, List<@Nullable String> learntFiles) {
    Map<String, String> to = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(learntFiles.size(), files.size()); i++) {
      String from = learntFiles.get(i);
      String here = files.get(i);
      if (from != null && here != null) {
        to.putIfAbsent(from, here);
      }
    }
    return edits.stream().map(e -> new Edit(to.getOrDefault(e.path(), e.path()), e.search(), e.replace())).toList();
  }
}
