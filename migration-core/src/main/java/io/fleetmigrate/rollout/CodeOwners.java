package io.fleetmigrate.rollout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * A repository's {@code CODEOWNERS}, read as GitHub reads it: the first of {@code .github/CODEOWNERS},
 * {@code CODEOWNERS} and {@code docs/CODEOWNERS}; one rule a line (a gitignore-style pattern, then
 * owners: {@code @login}, {@code @org/team} or an e-mail address); for a path, the last matching rule
 * wins, and a rule without owners leaves the path unowned. Patterns are matched by JGit's ignore
 * rules, with GitHub's one difference: a pattern ending in {@code /*} owns only the files directly in
 * that directory. Negation ({@code !}) and character ranges, which GitHub does not support, are
 * skipped or taken literally.
 *
 * @param file where it was read, relative to the checkout
 */
public record CodeOwners(String file, List<Rule> rules) {
  /** Where GitHub looks, in its order. */
  public static final List<String> LOCATIONS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");

  /** One line: its pattern and owners (empty: the paths it matches have no owner). */
  public record Rule(String pattern, List<String> owners, int line) {
    boolean matches(String path) {
      FastIgnoreRule rule = new FastIgnoreRule(pattern);
      if (rule.isMatch(path, false, true)) {
        return true;
      }
      if (pattern.endsWith("/*")) {
        return false;
      }
      // A pattern that names a directory owns everything beneath it.
      for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
        if (rule.isMatch(path.substring(0, slash), true, true)) {
          return true;
        }
      }
      return false;
    }
  }

  public CodeOwners {
    rules = List.copyOf(rules);
  }

  /** The checkout's {@code CODEOWNERS}, or empty when it has none. */
  public static Optional<CodeOwners> read(Path checkout) throws IOException {
    for (String location : LOCATIONS) {
      Path file = checkout.resolve(location);
      if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(parse(location, Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    return Optional.empty();
  }

  static CodeOwners parse(String file, String text) {
    List<Rule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripComment(lines[i]).strip();
      if (line.isEmpty() || line.startsWith("!")) {
        continue;
      }
      String[] words = line.split("\\s+");
      rules.add(new Rule(words[0].replace("\\#", "#"), List.of(Arrays.copyOfRange(words, 1, words.length)), i + 1));
    }
    return new CodeOwners(file, rules);
  }

  /** A comment starts at an unescaped {@code #}. */
  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || line.charAt(i - 1) != '\\')) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** The owners of {@code path} (relative to the checkout, {@code /}-separated): the last matching rule's. */
  public List<String> ownersOf(String path) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      if (rules.get(i).matches(path)) {
        return rules.get(i).owners();
      }
    }
    return List.of();
  }

  /** Every owner of any of {@code paths}, each once, in the order first met. */
  public List<String> ownersOf(Collection<String> paths) {
    Set<String> owners = new LinkedHashSet<>();
    paths.forEach(p -> owners.addAll(ownersOf(p)));
    return List.copyOf(owners);
  }

  /** Whether {@code owner} is a GitHub handle ({@code @login} or {@code @org/team}), not an e-mail address. */
  public static boolean isHandle(String owner) {
    return owner.startsWith("@") && owner.length() > 1;
  }
}
