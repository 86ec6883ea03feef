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
  public static final String ALLOWED_PATHS = "allowed-paths";
  public static final String NO_DELETED_TESTS = "no-deleted-tests";
  public static final String NO_DISABLED_TESTS = "no-disabled-tests";
  public static final String SIZE_CAP = "size-cap";
  public static final String TEST_COUNT = "test-count-not-below-baseline";
  public static final String NO_FEWER_ASSERTIONS = "no-fewer-assertions";
  public static final String NO_SWALLOWED_FAILURES = "no-swallowed-failures";
  public static final String NO_TEST_SKIPPING_CONFIG = "no-test-skipping-config";
  public static final String NO_VERIFY_COMMAND_CHANGE = "no-verify-command-change";

  /** Every rule's name: what a spec's {@code guardrails.off} may name, and nothing else. */
  public static final List<String> NAMES = List.of(
      ALLOWED_PATHS, NO_DELETED_TESTS, NO_DISABLED_TESTS, SIZE_CAP, TEST_COUNT, NO_FEWER_ASSERTIONS, NO_SWALLOWED_FAILURES,
      NO_TEST_SKIPPING_CONFIG, NO_VERIFY_COMMAND_CHANGE);

  static final Pattern TEST_FILE = Pattern.compile("(^|.*/)src/(test|it|integration-test)/.*|.*(Test|Tests|IT|TestCase)\\.(java|kt|groovy)$");
  static final Pattern TEST_METHOD =
      Pattern.compile("@(?:org\\.junit\\.(?:jupiter\\.api\\.)?)?(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Theory)\\b");
  private static final Pattern DISABLING =
      Pattern.compile("@(?:[\\w.]*\\.)?(Disabled\\w*|Ignore|Enabled\\w*)\\b"
          + "|assume(?:That)?True\\s*\\(\\s*(?:false|Boolean\\.FALSE)\\s*[,)]|assumeFalse\\s*\\(\\s*(?:true|Boolean\\.TRUE)\\s*[,)]"
          + "|Assumptions\\s*\\.\\s*abort\\s*\\(|import\\s+static\\s+org\\.junit\\.jupiter\\.api\\.Assumptions\\.abort\\b");

  private final List<Guardrail> rules;
  private final List<String> off;

  public Guardrails(List<Guardrail> rules) {
    this(rules, List.of());
  }

  private Guardrails(List<Guardrail> rules, List<String> off) {
    this.rules = List.copyOf(rules);
    this.off = List.copyOf(off);
  }

  /** The campaign's rules for a build run with the default Maven verify command. */
  public static Guardrails of(CampaignSpec.Guardrails settings) {
    return of(settings, List.of(CampaignSpec.DEFAULT_VERIFY_COMMAND));
  }

  /**
   * The campaign's rules, less those its spec turns off by name.
   *
   * @param verifyCommands the commands verify runs (lint, compile, test): the repository files
   *     they run are off limits
   */
  public static Guardrails of(CampaignSpec.Guardrails settings, List<String> verifyCommands) {
    List<Guardrail> all = List.of(
        paths(settings.allowedPaths(), settings.deniedPaths()), noDeletedTests(), noDisabledTests(), sizeCap(settings.maxChangedLines()),
        TestCodeRules.noFewerAssertions(), TestCodeRules.noSwallowedFailures(), BuildConfigRules.noTestSkippingConfig(),
        BuildConfigRules.noVerifyCommandChange(verifyCommands));
    return new Guardrails(all.stream().filter(r -> !settings.off().contains(r.name())).toList(), settings.off());
  }

  /** The names of the rules this campaign turned off, in the spec's order. */
  public List<String> off() {
    return off;
  }

  /** The names of the rules that apply, the executed-test floor included. */
  public List<String> active() {
    return NAMES.stream().filter(n -> !off.contains(n)).toList();
  }

  /** {@link #testCount}, unless the campaign turned that rule off. */
  public Optional<Violation> floor(TestCounts baseline, TestCounts now) {
    return off.contains(TEST_COUNT) ? Optional.empty() : testCount(baseline, now);
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
    return rule(ALLOWED_PATHS, change -> {
      for (String path : change.paths()) {
        Path p = Path.of(path);
        for (int i = 0; i < denied.size(); i++) {
          if (deny.get(i).matches(p)) {
            return Optional.of(new Violation(ALLOWED_PATHS, path + " matches the denied pattern '" + denied.get(i) + "'"));
          }
        }
        if (!allow.isEmpty() && allow.stream().noneMatch(m -> m.matches(p))) {
          return Optional.of(new Violation(ALLOWED_PATHS, path + " is outside the allowed paths " + allowed));
        }
      }
      return Optional.empty();
    });
  }

  static Guardrail noDeletedTests() {
    return rule(NO_DELETED_TESTS, change -> {
      for (String path : change.paths()) {
        String before = change.before().get(path);
        String after = change.after().get(path);
        if (before == null || !TEST_FILE.matcher(path).matches()) {
          continue;
        }
        if (after == null || after.isBlank()) {
          return Optional.of(new Violation(NO_DELETED_TESTS, "test file " + path + " deleted"));
        }
        int was = count(TEST_METHOD, before);
        int is = count(TEST_METHOD, after);
        if (is < was) {
          return Optional.of(new Violation(NO_DELETED_TESTS, path + " has " + is + " test methods, " + was + " before"));
        }
      }
      return Optional.empty();
    });
  }

  static Guardrail noDisabledTests() {
    return rule(NO_DISABLED_TESTS, change -> {
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
            return Optional.of(new Violation(NO_DISABLED_TESTS, path + " adds " + e.getKey()));
          }
        }
      }
      return Optional.empty();
    });
  }

  static Guardrail sizeCap(int maxChangedLines) {
    return rule(SIZE_CAP, change -> {
      int changed = 0;
      for (String path : change.paths()) {
        changed += changedLines(change.before().get(path), change.after().get(path));
      }
      return changed > maxChangedLines
          ? Optional.of(new Violation(SIZE_CAP, changed + " lines changed by the model, at most " + maxChangedLines + " allowed"))
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

  static Guardrail rule(String name, java.util.function.Function<ModelChange, Optional<Violation>> check) {
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
