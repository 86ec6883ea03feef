package io.fleetmigrate.fix;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.fleetmigrate.build.BuildException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fixer's tools on one checkout. Reading ({@code read_file}, {@code list_files}, {@code search})
 * stays inside the checkout: no absolute paths, no {@code ..}, nothing in {@code .git}, no symbolic
 * links (one could lead out, to a token file), and every answer is capped so that the
 * conversation stays bounded. {@code edit} and {@code verify} are the loop's own: the same edit
 * rules as a one-prompt answer, and the staged verifier behind the guardrails.
 */
final class FixTools {
  /** Characters of one tool answer at most. */
  static final int MAX_OUTPUT = 12_000;
  static final int MAX_READ_LINES = 400;
  static final int MAX_LISTED = 300;
  static final int MAX_MATCHES = 100;
  /** Files larger than this are not searched (generated or vendored, not a fix's subject). */
  static final long MAX_SEARCHED_BYTES = 1_000_000;
  /** Files larger than this are not read (a model reads a window of lines, but the whole file is loaded). */
  static final long MAX_READ_BYTES = 5_000_000;
  /** Longer lines (minified or generated) are not matched: they would be noise, and slow for a bad pattern. */
  static final int MAX_SEARCHED_LINE = 2_000;

  static final String READ_FILE = "read_file";
  static final String LIST_FILES = "list_files";
  static final String SEARCH = "search";
  static final String EDIT = "edit";
  static final String VERIFY = "verify";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What {@code edit} and {@code verify} do: the fix loop's own state, so each answers in words. */
  interface Actions {
    String edit(Edit edit) throws IOException;

    String verify() throws BuildException, IOException;
  }

  private final Path root;
  private final Actions actions;
  private final List<String> calls = new ArrayList<>();

  FixTools(Path root, Actions actions) throws IOException {
    this.root = root.toRealPath();
    this.actions = actions;
  }

  static List<ToolSpecification> specifications() {
    return List.of(
        ToolSpecification.builder().name(READ_FILE)
            .description("Read lines of a file of the repository, numbered. At most " + MAX_READ_LINES + " lines per call.")
            .parameters(JsonObjectSchema.builder()
                .addStringProperty("path", "file path relative to the repository root")
                .addIntegerProperty("fromLine", "first line, 1-based (default 1)")
                .addIntegerProperty("toLine", "last line, inclusive (default: " + MAX_READ_LINES + " lines on)")
                .required("path").build())
            .build(),
        ToolSpecification.builder().name(LIST_FILES)
            .description("List the files under a directory of the repository (recursively), optionally filtered by a glob such as **/*.java or pom.xml.")
            .parameters(JsonObjectSchema.builder()
                .addStringProperty("dir", "directory relative to the repository root; empty for the root")
                .addStringProperty("glob", "glob matched against the path or the file name; empty for all")
                .build())
            .build(),
        ToolSpecification.builder().name(SEARCH)
            .description("Search the repository's files for a Java regular expression; answers path:line: text.")
            .parameters(JsonObjectSchema.builder()
                .addStringProperty("regex", "Java regular expression, matched against each line")
                .addStringProperty("glob", "only files whose path or name matches this glob; empty for all")
                .required("regex").build())
            .build(),
        ToolSpecification.builder().name(EDIT)
            .description("Replace the one occurrence of search by replace in a file; an empty search creates a new file. "
                + "Copy the search text exactly, with its indentation.")
            .parameters(JsonObjectSchema.builder()
                .addStringProperty("path", "file path relative to the repository root")
                .addStringProperty("search", "exact text occurring exactly once in the file; empty to create a new file")
                .addStringProperty("replace", "the text that replaces it")
                .required("path", "search", "replace").build())
            .build(),
        ToolSpecification.builder().name(VERIFY)
            .description("Run the repository's build (lint, compile, test) on the files as they are now. Answers green, "
                + "or the build's diagnostics. The fix is done when this is green.")
            .parameters(JsonObjectSchema.builder().build())
            .build());
  }

  /** The tools called so far, by name, in order. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** Runs one tool call; a bad call (unknown tool, bad arguments, a path out of bounds) is answered, not thrown. */
  String execute(ToolExecutionRequest request) throws BuildException, IOException {
    String name = request.name() == null ? "" : request.name();
    calls.add(name);
    JsonNode args;
    try {
      String text = request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
      args = JSON.readTree(text);
    } catch (JacksonException e) {
      return "error: the arguments are not a JSON object: " + e.getOriginalMessage();
    }
    if (!args.isObject()) {
      return "error: the arguments are not a JSON object";
    }
    String answer = switch (name) {
      case READ_FILE -> string(args, "path") == null
          ? "error: read_file needs 'path'"
          : readFile(string(args, "path"), integer(args, "fromLine"), integer(args, "toLine"));
      case LIST_FILES -> listFiles(orEmpty(string(args, "dir")), orEmpty(string(args, "glob")));
      case SEARCH -> string(args, "regex") == null ? "error: search needs 'regex'" : search(string(args, "regex"), orEmpty(string(args, "glob")));
      case EDIT -> string(args, "path") == null || string(args, "search") == null || string(args, "replace") == null
          ? "error: edit needs string fields 'path', 'search' and 'replace'"
          : actions.edit(new Edit(string(args, "path"), string(args, "search"), string(args, "replace")));
      case VERIFY -> actions.verify();
      default -> "error: there is no tool '" + name + "'; the tools are " + List.of(READ_FILE, LIST_FILES, SEARCH, EDIT, VERIFY);
    };
    return cap(answer);
  }

  String readFile(String path, @Nullable Integer fromLine, @Nullable Integer toLine) throws IOException {
    Path file;
    try {
      file = EditApplier.resolveInside(root, path);
    } catch (EditApplier.OutsideWorkspace e) {
      return "refused: " + e.getMessage();
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return "error: '" + path + "' is not a file" + (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? " (a directory: use list_files)" : "");
    }
    if (Files.size(file) > MAX_READ_BYTES) {
      return "error: '" + path + "' is larger than " + MAX_READ_BYTES + " bytes; search it instead";
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      return "error: '" + path + "' is not UTF-8 text";
    }
    int from = Math.max(1, fromLine == null ? 1 : fromLine);
    int to = Math.min(lines.size(), toLine == null ? from + MAX_READ_LINES - 1 : Math.min(toLine, from + MAX_READ_LINES - 1));
    if (from > lines.size()) {
      return "'" + path + "' has " + lines.size() + " lines";
    }
    StringBuilder out = new StringBuilder();
    for (int i = from; i <= to; i++) {
      out.append(String.format("%5d  %s%n", i, lines.get(i - 1)));
    }
    if (to < lines.size() && (toLine == null || toLine > to)) { // cut by the cap, not by the model's own range
      out.append("(lines ").append(from).append('-').append(to).append(" of ").append(lines.size()).append("; ask for more with fromLine)\n");
    }
    return out.toString();
  }

  String listFiles(String dir, String glob) throws IOException {
    Path start;
    if (dir.isBlank() || dir.strip().equals(".") || dir.strip().equals("./")) {
      start = root;
    } else {
      try {
        start = EditApplier.resolveInside(root, dir.strip());
      } catch (EditApplier.OutsideWorkspace e) {
        return "refused: " + e.getMessage();
      }
    }
    if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
      return "error: '" + dir + "' is not a directory";
    }
    PathMatcher matcher = matcher(glob);
    List<String> found = new ArrayList<>();
    int[] more = {0};
    walk(start, file -> {
      String relative = root.relativize(file).toString();
      if (matches(matcher, relative)) {
        if (found.size() < MAX_LISTED) {
          found.add(relative);
        } else {
          more[0]++;
        }
      }
    });
    if (found.isEmpty()) {
      return "no files";
    }
    return String.join("\n", found) + "\n" + (more[0] > 0 ? "(" + more[0] + " more not listed; narrow dir or glob)\n" : "");
  }

  String search(String regex, String glob) throws IOException {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return "error: not a regular expression: " + e.getDescription();
    }
    PathMatcher matcher = matcher(glob);
    List<String> hits = new ArrayList<>();
    int[] more = {0};
    walk(root, file -> {
      String relative = root.relativize(file).toString();
      if (!matches(matcher, relative) || Files.size(file) > MAX_SEARCHED_BYTES) {
        return;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (MalformedInputException e) {
        return; // not text
      }
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).length() <= MAX_SEARCHED_LINE && pattern.matcher(lines.get(i)).find()) {
          if (hits.size() < MAX_MATCHES) {
            String line = lines.get(i).strip();
            hits.add(relative + ":" + (i + 1) + ": " + (line.length() > 200 ? line.substring(0, 197) + "..." : line));
          } else {
            more[0]++;
          }
        }
      }
    });
    if (hits.isEmpty()) {
      return "no matches";
    }
    return String.join("\n", hits) + "\n" + (more[0] > 0 ? "(" + more[0] + " more matches not shown; narrow regex or glob)\n" : "");
  }

  private interface FileAction {
    void accept(Path file) throws IOException;
  }

  /** Regular files under {@code start}, in name order, never into {@code .git} or through a link. */
  private void walk(Path start, FileAction action) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return dir.getFileName() != null && dir.getFileName().toString().equals(".git") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) { // links are reported as links: not followed, not listed
          files.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort(null);
    for (Path file : files) {
      action.accept(file);
    }
  }

  private static @Nullable PathMatcher matcher(String glob) {
    return glob.isBlank() ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob.strip());
  }

  private static boolean matches(@Nullable PathMatcher matcher, String relative) {
    if (matcher == null) {
      return true;
    }
    Path path = Path.of(relative);
    return matcher.matches(path) || matcher.matches(path.getFileName());
  }

  static String cap(String answer) {
    return answer.length() <= MAX_OUTPUT
        ? answer
        : answer.substring(0, MAX_OUTPUT) + "\n(cut at " + MAX_OUTPUT + " characters of " + answer.length() + "; ask for less)\n";
  }

  private static @Nullable String string(JsonNode args, String field) {
    JsonNode node = args.get(field);
    return node == null || !node.isString() ? null : node.asString();
  }

  private static @Nullable Integer integer(JsonNode args, String field) {
    JsonNode node = args.get(field);
    return node == null || !node.isNumber() ? null : node.asInt();
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
