package io.fleetmigrate.fix;

import io.fleetmigrate.verify.Diagnostic;
import io.fleetmigrate.verify.VerifyResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Builds the fixer's prompt: intent, the repository's own context file, the recipe's diff, the
 * diagnostics with the code around each, and the previous attempt. Every part has a character
 * budget, so the whole prompt stays bounded (about 16k tokens) however large the repository's
 * diff or its failure.
 */
public final class FixPrompt {
  /** Context files agents read, in the order we prefer them. */
  static final List<String> CONTEXT_FILES =
      List.of("AGENTS.md", "AGENT.md", "CLAUDE.md", ".github/copilot-instructions.md", "CONTRIBUTING.md");

  static final int MAX_CONTEXT = 6_000;
  static final int MAX_DIFF = 20_000;
  static final int MAX_CODE = 20_000;
  static final int MAX_PREVIOUS = 8_000;
  /** Lines shown above and below each error. */
  static final int CODE_RADIUS = 6;

  private static final Pattern TRACE_LINE = Pattern.compile("at ([\\w.$]+)\\.[\\w$<>]+\\(([\\w$]+\\.java):(\\d+)\\)");

  private FixPrompt() {}

  static final String SYSTEM =
      """
      You fix Java repositories after an automated migration. A deterministic OpenRewrite recipe has
      already changed the code; the repository's own build is now red. Make the smallest edits that
      turn it green while keeping the migration's intent. Do not revert the migration, and never
      delete, disable or weaken tests or edit CI configuration: a separate judge rejects such edits.
      """
          + "\n"
          + EditFormat.instructions();

  /** With tools: the same task, worked through the tools rather than answered in one message. */
  static final String TOOLS_SYSTEM =
      """
      You fix Java repositories after an automated migration. A deterministic OpenRewrite recipe has
      already changed the code; the repository's own build is now red. Make the smallest edits that
      turn it green while keeping the migration's intent. Do not revert the migration, and never
      delete, disable or weaken tests or edit CI configuration: a separate judge rejects such edits.
      You have tools: read_file, list_files and search to look at the repository (the cause is
      often elsewhere than the error: a pom.xml, a module-info.java, a base class, a test helper),
      edit to change a file (search text copied exactly, occurring once), and verify to run the
      build. Call verify after your edits; you are done when it is green. Stop calling tools only
      when you cannot get further.
      """;

  public static Prompt build(Path root, FixContext context, VerifyResult red, List<FixAttempt> previous) {
    return build(root, context, red, previous, false);
  }

  /** @param tools whether the model works through tools (then it reads more as it needs it) */
  public static Prompt build(Path root, FixContext context, VerifyResult red, List<FixAttempt> previous, boolean tools) {
    StringBuilder user = new StringBuilder();
    user.append("## Intent of the migration\n").append(context.intent().strip()).append("\nRecipes: ")
        .append(String.join(", ", context.recipes())).append("\n\n");
    contextFile(root).ifPresent(file -> {
      user.append("## The repository's ").append(file).append("\n");
      user.append(cap(read(root.resolve(file)), MAX_CONTEXT)).append("\n\n");
    });
    user.append("## The recipe's change (unified diff)\n```diff\n").append(cap(context.recipeDiff(), MAX_DIFF)).append("\n```\n\n");
    user.append("## What the build says now (stage '").append(red.failedStage()).append("' failed)\n");
    user.append(red.diagnosticsText()).append('\n');
    String code = code(root, red.diagnostics());
    if (!code.isEmpty()) {
      user.append("## Code around each error (line numbers on the left)\n").append(cap(code, MAX_CODE)).append('\n');
    }
    if (!context.example().isEmpty()) {
      // From fix memory: it did not apply here as it stands, but the same failure elsewhere was fixed so.
      user.append("## How the same failure was fixed in another repository of this campaign\n");
      for (Edit e : context.example()) {
        user.append(edited(e));
      }
      user.append('\n');
    }
    if (!previous.isEmpty()) {
      user.append("## Previous attempts (their kept edits are already in the files)\n").append(cap(previous(previous), MAX_PREVIOUS)).append('\n');
    }
    user.append(tools ? "Now use the tools: look where you need to, edit, and verify.\n" : "Now answer with the edits.\n");
    return new Prompt(tools ? TOOLS_SYSTEM : SYSTEM, user.toString());
  }

  static Optional<String> contextFile(Path root) {
    return CONTEXT_FILES.stream().filter(f -> Files.isRegularFile(root.resolve(f))).findFirst();
  }

  private static String previous(List<FixAttempt> attempts) {
    StringBuilder text = new StringBuilder();
    for (FixAttempt a : attempts) {
      text.append("### Attempt ").append(a.number()).append(": ").append(a.result()).append('\n');
      if (!a.explanation().isBlank()) {
        text.append("Your explanation: ").append(a.explanation().strip()).append('\n');
      }
      for (Edit e : a.edits()) {
        text.append(edited(e));
      }
      a.rejected().forEach(r -> text.append("Refused edit of ").append(r.edit().path()).append(": ").append(r.reason()).append('\n'));
      a.violations().forEach(v -> text.append("Guardrail ").append(v).append(" — the attempt's edits were undone\n"));
      if (!a.note().isBlank()) {
        text.append(a.note()).append('\n');
      }
      if (!a.tools().isEmpty()) {
        text.append("Tools you called: ").append(String.join(", ", a.tools())).append('\n');
      }
      if (a.verifySummary() != null) {
        text.append("Build after it: ").append(a.verifySummary()).append('\n');
      }
    }
    return text.toString();
  }

  /** The lines around each located diagnostic, each file and line once. */
  static String code(Path root, List<Diagnostic> diagnostics) {
    StringBuilder text = new StringBuilder();
    Set<String> shown = new LinkedHashSet<>();
    for (Diagnostic d : diagnostics) {
      String file = d.file();
      int line = d.line();
      if (d.kind() == Diagnostic.Kind.TEST && d.testClass() != null) {
        Matcher m = TRACE_LINE.matcher(d.trace());
        while (m.find()) {
          if (m.group(1).equals(d.testClass()) || m.group(1).startsWith(d.testClass() + "$")) {
            file = findSource(root, d.testClass(), m.group(2));
            line = Integer.parseInt(m.group(3));
            break;
          }
        }
      }
      if (file == null || line <= 0 || !shown.add(file + ":" + line)) {
        continue;
      }
      Path path = root.resolve(file).normalize();
      if (!path.startsWith(root) || !insideRealRoot(root, path)) {
        continue;
      }
      List<String> lines = read(path).lines().toList();
      int from = Math.max(1, line - CODE_RADIUS);
      int to = Math.min(lines.size(), line + CODE_RADIUS);
      text.append("### ").append(file).append(" (around line ").append(line).append(")\n```java\n");
      for (int i = from; i <= to; i++) {
        text.append(String.format("%4d%s %s%n", i, i == line ? ">" : " ", lines.get(i - 1)));
      }
      text.append("```\n");
    }
    return text.toString();
  }

  /**
   * Whether {@code path} is a regular file whose real location (symbolic links resolved) is inside
   * the checkout: a build can plant a link named like a source file that points at a token file,
   * and what is shown here goes to the model.
   */
  static boolean insideRealRoot(Path root, Path path) {
    try {
      return Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && path.toRealPath().startsWith(root.toRealPath());
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** {@code src/test/java/com/example/FooTest.java} for class {@code com.example.FooTest}, in any module. */
  private static @Nullable String findSource(Path root, String className, String fileName) {
    String pkg = className.contains(".") ? className.substring(0, className.lastIndexOf('.')).replace('.', '/') + "/" : "";
    String suffix = pkg + fileName;
    try (Stream<Path> walk = Files.walk(root, 12)) {
      return walk.filter(p -> p.toString().endsWith("/" + suffix) && !p.toString().contains("/target/"))
          .map(p -> root.relativize(p).toString())
          .findFirst()
          .orElse(null);
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  private static String edited(Edit e) {
    return "Edited " + e.path() + ": replaced\n" + indent(e.search()) + "with\n" + indent(e.replace());
  }

  private static String indent(String text) {
    StringBuilder out = new StringBuilder();
    text.lines().forEach(l -> out.append("    ").append(l).append('\n'));
    return out.toString();
  }

  static String cap(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "\n[... " + (text.length() - max) + " more characters cut]";
  }
}
