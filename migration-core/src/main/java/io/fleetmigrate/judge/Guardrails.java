package io.fleetmigrate.judge;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.verify.TestCounts;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic rules of a campaign: what a model must never do to make a build green. Each
 * rule is small and textual on purpose — it has to be predictable for the person reading why an
 * attempt was rejected, and a model cannot talk its way past it.
 */
public final class Guardrails {
  public static final String TEST_COUNT = "test-count-not-below-baseline";

  private static final Pattern TEST_FILE = Pattern.compile("(^|.*/)src/(test|it|integration-test)/.*|.*(Test|Tests|IT|TestCase)\\.(java|kt|groovy)$");
  private static final Pattern TEST_METHOD =
      Pattern.compile("@(?:org\\.junit\\.(?:jupiter\\.api\\.)?)?(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Theory)\\b");
  private static final Pattern DISABLING =
      Pattern.compile("@(?:[\\w.]*\\.)?(Disabled\\w*|Ignore)\\b|assume(?:That)?True\\s*\\(\\s*false\\s*\\)|assumeFalse\\s*\\(\\s*true\\s*\\)|@EnabledIf\\w*");

  private final List<Guardrail> rules;

  public Guardrails(List<Guardrail> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The campaign's rules: paths, no deleted tests, no disabled tests, a size cap. */
  public static Guardrails of(CampaignSpec.Guardrails settings) {
    return new Guardrails(List.of(
        paths(settings.allowedPaths(), settings.deniedPaths()), noDeletedTests(), noDisabledTests(), sizeCap(settings.maxChangedLines())));
  }

  /** Every violation of {@code change}, one per rule at most. */
  public List<Violation> check(ModelChange change) {
    List<Violation> found = new ArrayList<>();
    for (Guardrail rule : rules) {
      rule.check(change).ifPresent(found::add);
    }
    return found;
  }

  /** Fewer tests ran than before the recipe: tests vanished, whatever the diff looks like. */
  public static Optional<Violation> testCount(TestCounts baseline, TestCounts now) {
    return now.executed() < baseline.executed()
        ? Optional.of(new Violation(TEST_COUNT, now.executed() + " tests executed, " + baseline.executed() + " before the change"))
        : Optional.empty();
  }

  static Guardrail paths(List<String> allowed, List<String> denied) {
    List<PathMatcher> allow = allowed.stream().map(Guardrails::glob).toList();
    List<PathMatcher> deny = denied.stream().map(Guardrails::glob).toList();
    return rule("allowed-paths", change -> {
      for (String path : change.paths()) {
        Path p = Path.of(path);
        for (int i = 0; i < denied.size(); i++) {
          if (deny.get(i).matches(p)) {
            return Optional.of(new Violation("allowed-paths", path + " matches the denied pattern '" + denied.get(i) + "'"));
          }
        }
        if (!allow.isEmpty() && allow.stream().noneMatch(m -> m.matches(p))) {
          return Optional.of(new Violation("allowed-paths", path + " is outside the allowed paths " + allowed));
        }
      }
      return Optional.empty();
    });
  }

  static Guardrail noDeletedTests() {
    return rule("no-deleted-tests", change -> {
      for (String path : change.paths()) {
        String before = change.before().get(path);
        String after = change.after().get(path);
        if (before == null || !TEST_FILE.matcher(path).matches()) {
          continue;
        }
        if (after == null || after.isBlank()) {
          return Optional.of(new Violation("no-deleted-tests", "test file " + path + " deleted"));
        }
        int was = count(TEST_METHOD, before);
        int is = count(TEST_METHOD, after);
        if (is < was) {
          return Optional.of(new Violation("no-deleted-tests", path + " has " + is + " test methods, " + was + " before"));
        }
      }
      return Optional.empty();
    });
  }

  static Guardrail noDisabledTests() {
    return rule("no-disabled-tests", change -> {
      for (String path : change.paths()) {
        String before = change.before().get(path);
        String after = change.after().get(path);
        if (after == null) {
          continue;
        }
        Map<String, Integer> was = tally(before == null ? "" : before);
        Map<String, Integer> is = tally(after);
        for (Map.Entry<String, Integer> e : is.entrySet()) {
          if (e.getValue() > was.getOrDefault(e.getKey(), 0)) {
            return Optional.of(new Violation("no-disabled-tests", path + " adds " + e.getKey()));
          }
        }
      }
      return Optional.empty();
    });
  }

  static Guardrail sizeCap(int maxChangedLines) {
    return rule("size-cap", change -> {
      int changed = 0;
      for (String path : change.paths()) {
        changed += changedLines(change.before().get(path), change.after().get(path));
      }
      return changed > maxChangedLines
          ? Optional.of(new Violation("size-cap", changed + " lines changed by the model, at most " + maxChangedLines + " allowed"))
          : Optional.empty();
    });
  }

  /** Lines removed plus lines added, as multisets: cheap, order-blind, never an undercount of real churn by much. */
  static int changedLines(@Nullable String before, @Nullable String after) {
    Map<String, Integer> counts = new HashMap<>();
    (before == null ? "" : before).lines().forEach(l -> counts.merge(l, 1, Integer::sum));
    (after == null ? "" : after).lines().forEach(l -> counts.merge(l, -1, Integer::sum));
    return counts.values().stream().mapToInt(Math::abs).sum();
  }

  private static Map<String, Integer> tally(String text) {
    Map<String, Integer> tally = new HashMap<>();
    Matcher m = DISABLING.matcher(text);
    while (m.find()) {
      tally.merge(m.group().replaceAll("\\s+", ""), 1, Integer::sum);
    }
    return tally;
  }

  private static int count(Pattern p, String text) {
    Matcher m = p.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static PathMatcher glob(String pattern) {
    return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
  }

  private static Guardrail rule(String name, java.util.function.Function<ModelChange, Optional<Violation>> check) {
    return new Guardrail() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<Violation> check(ModelChange change) {
        return check.apply(change);
      }
    };
  }
}
