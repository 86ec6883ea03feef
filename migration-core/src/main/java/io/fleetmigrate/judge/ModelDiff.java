package io.fleetmigrate.judge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.jspecify.annotations.Nullable;

/**
 * The model's own change as a unified diff, apart from the recipe's: what a reviewer (and the LLM
 * judge) needs to see to attribute each line.
 */
public final class ModelDiff {
  private ModelDiff() {}

  public static String unified(ModelChange change) {
    StringBuilder out = new StringBuilder();
    Map<String, @Nullable String> sorted = new TreeMap<>(change.before());
    for (Map.Entry<String, @Nullable String> e : sorted.entrySet()) {
      String path = e.getKey();
      String before = e.getValue();
      String after = change.after().get(path);
      RawText a = new RawText((before == null ? "" : before).getBytes(StandardCharsets.UTF_8));
      RawText b = new RawText((after == null ? "" : after).getBytes(StandardCharsets.UTF_8));
      EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM).diff(RawTextComparator.DEFAULT, a, b);
      out.append("--- ").append(before == null ? "/dev/null" : "a/" + path).append('\n');
      out.append("+++ ").append(after == null ? "/dev/null" : "b/" + path).append('\n');
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DiffFormatter formatter = new DiffFormatter(bytes)) {
        formatter.format(edits, a, b);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex); // a ByteArrayOutputStream does not fail
      }
      out.append(bytes.toString(StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /** Lines added and removed in {@code path}: {@code +3/-1}. */
  public static String stat(ModelChange change, String path) {
    String before = change.before().get(path);
    String after = change.after().get(path);
    RawText a = new RawText((before == null ? "" : before).getBytes(StandardCharsets.UTF_8));
    RawText b = new RawText((after == null ? "" : after).getBytes(StandardCharsets.UTF_8));
    int added = 0;
    int removed = 0;
    for (var edit : DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM).diff(RawTextComparator.DEFAULT, a, b)) {
      added += edit.getLengthB();
      removed += edit.getLengthA();
    }
    return "+" + added + "/-" + removed;
  }
}
