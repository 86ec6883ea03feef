package io.fleetmigrate.judge;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openrewrite.Cursor;
import org.openrewrite.ExecutionContext;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.SourceFile;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.JavaParser;
import org.openrewrite.java.tree.Expression;
import org.openrewrite.java.tree.J;

/**
 * Rules on what a model does to test code, judged on the parsed tree (OpenRewrite's Java parser,
 * without a classpath: the shape of the code is enough, and a broken file is the compile stage's
 * business). Text rules are fooled by a comment or a line break; a tree is not.
 *
 * <p>Two rules: a test's assertions must not decrease (a tautology such as {@code assertTrue(true)}
 * is not an assertion), and no failure may be swallowed (a new catch of {@code AssertionError} and
 * its kin, or a new expectation that any {@code Throwable} is thrown).
 */
final class TestCodeRules {
  /** Annotations that make a method a test. */
  private static final Set<String> TEST_ANNOTATIONS =
      Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate", "Theory", "Property", "Example");
  /** Calls that check something and fail the test when it does not hold, besides {@code assert*}. */
  private static final Set<String> CHECKS =
      Set.of("fail", "verify", "verifyNoMoreInteractions", "verifyNoInteractions", "verifyZeroInteractions", "expectThrows");
  /** Entry points of fluent assertions (AssertJ, Truth): no check at all until a method is chained. */
  private static final Set<String> FLUENT = Set.of("assertThat", "assertWithMessage", "assertThatObject", "assertThatCode");
  /** Fluent checks that compare with their argument: the same expression on both sides is a tautology. */
  private static final Set<String> COMPARING = Set.of("isEqualTo", "isSameAs", "isEqualToComparingFieldByField",
      "usingRecursiveComparison", "containsExactly", "isEqualByComparingTo", "hasSameHashCodeAs");
  /** What a test's own failure is thrown as: catching one of these hides it. */
  static final Set<String> FAILURE_TYPES = Set.of("AssertionError", "AssertionFailedError", "Error", "Throwable",
      "ComparisonFailure", "ArrayComparisonFailure", "MultipleFailuresError", "AssertionFailedException");
  /** Calls that expect a type to be thrown: expecting a failure type passes whatever the body does. */
  private static final Set<String> EXPECTING = Set.of("assertThrows", "expectThrows", "expect", "assertThatExceptionOfType",
      "isInstanceOf", "isExactlyInstanceOf", "assertThrowsExactly");
  private static final Pattern EXPECTED = Pattern.compile("expected\\s*=\\s*(?:[\\w.]*\\.)?(\\w+)\\s*\\.\\s*class");

  private TestCodeRules() {}

  /** What one method does, as counted by these rules. */
  record MethodFacts(boolean test, int assertions, int swallowed) {}

  static Guardrail noFewerAssertions() {
    return Guardrails.rule(Guardrails.NO_FEWER_ASSERTIONS, change -> {
      for (String path : change.paths()) {
        Map<String, MethodFacts> was = facts(path, change.before().get(path));
        Map<String, MethodFacts> is = facts(path, change.after().get(path));
        if (was == null || is == null) {
          continue;
        }
        for (Map.Entry<String, MethodFacts> e : was.entrySet()) {
          MethodFacts now = is.get(e.getKey());
          if (e.getValue().test() && now != null && now.assertions() < e.getValue().assertions()) {
            return Optional.of(new Violation(Guardrails.NO_FEWER_ASSERTIONS, path + ": " + e.getKey() + " has " + now.assertions()
                + " assertion(s), " + e.getValue().assertions() + " before (a tautology such as assertTrue(true) is none)"));
          }
        }
        // Over the whole file too (a helper's assertions, a renamed test), unless a test method went:
        // that is no-deleted-tests' to report, once.
        int before = was.values().stream().mapToInt(MethodFacts::assertions).sum();
        int after = is.values().stream().mapToInt(MethodFacts::assertions).sum();
        if (after < before && tests(is) >= tests(was)) {
          return Optional.of(new Violation(Guardrails.NO_FEWER_ASSERTIONS,
              path + " has " + after + " assertion(s), " + before + " before (a tautology such as assertTrue(true) is none)"));
        }
      }
      return Optional.empty();
    });
  }

  private static long tests(Map<String, MethodFacts> facts) {
    return facts.values().stream().filter(MethodFacts::test).count();
  }

  static Guardrail noSwallowedFailures() {
    return Guardrails.rule(Guardrails.NO_SWALLOWED_FAILURES, change -> {
      for (String path : change.paths()) {
        Map<String, MethodFacts> was = facts(path, change.before().get(path));
        Map<String, MethodFacts> is = facts(path, change.after().get(path));
        if (is == null) {
          continue;
        }
        for (Map.Entry<String, MethodFacts> e : is.entrySet()) {
          MethodFacts then = was == null ? null : was.get(e.getKey());
          int before = then == null ? 0 : then.swallowed();
          if (e.getValue().swallowed() > before) {
            return Optional.of(new Violation(Guardrails.NO_SWALLOWED_FAILURES, path + ": " + e.getKey()
                + " newly catches or expects a test failure (AssertionError, AssertionFailedError, Error or Throwable): "
                + "a failing assertion there can no longer fail the test"));
          }
        }
      }
      return Optional.empty();
    });
  }

  /**
   * The methods of a Java test file by {@code Class.method/arity}; {@code null} when {@code path}
   * is not Java test code, is absent, or does not parse.
   */
  static @Nullable Map<String, MethodFacts> facts(String path, @Nullable String source) {
    if (source == null || !path.endsWith(".java") || !Guardrails.TEST_FILE.matcher(path).matches()) {
      return null;
    }
    synchronized (RECENT) {
      if (RECENT.containsKey(source)) {
        return RECENT.get(source);
      }
    }
    Map<String, MethodFacts> facts = parseFacts(source);
    synchronized (RECENT) {
      RECENT.put(source, facts);
    }
    return facts;
  }

  /** Each rule reads the same before and after: one parse of each serves both. */
  private static final Map<String, @Nullable Map<String, MethodFacts>> RECENT = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, @Nullable Map<String, MethodFacts>> eldest) {
      return size() > 32;
    }
  };

  private static @Nullable Map<String, MethodFacts> parseFacts(String source) {
    J.CompilationUnit unit = parse(source);
    if (unit == null) {
      return null;
    }
    Map<String, MethodFacts> facts = new LinkedHashMap<>();
    new JavaIsoVisitor<Map<String, MethodFacts>>() {
      private final Deque<String> classes = new ArrayDeque<>();

      @Override
      public J.ClassDeclaration visitClassDeclaration(J.ClassDeclaration c, Map<String, MethodFacts> out) {
        classes.push(c.getSimpleName());
        try {
          return super.visitClassDeclaration(c, out);
        } finally {
          classes.pop();
        }
      }

      @Override
      public J.MethodDeclaration visitMethodDeclaration(J.MethodDeclaration m, Map<String, MethodFacts> out) {
        boolean test = m.getLeadingAnnotations().stream().anyMatch(a -> TEST_ANNOTATIONS.contains(a.getSimpleName()));
        int expectsFailure = (int) m.getLeadingAnnotations().stream()
            .filter(a -> TEST_ANNOTATIONS.contains(a.getSimpleName()))
            .filter(a -> {
              Matcher x = EXPECTED.matcher(a.printTrimmed());
              return x.find() && FAILURE_TYPES.contains(x.group(1));
            })
            .count();
        Counter counter = new Counter();
        if (m.getBody() != null) {
          counter.visit(m.getBody(), 0, new Cursor(getCursor(), m));
        }
        StringBuilder key = new StringBuilder();
        classes.descendingIterator().forEachRemaining(c -> key.append(c).append('.'));
        key.append(m.getSimpleName()).append('/').append(arity(m));
        out.merge(key.toString(), new MethodFacts(test, counter.assertions, counter.swallowed + expectsFailure),
            (a, b) -> new MethodFacts(a.test() || b.test(), a.assertions() + b.assertions(), a.swallowed() + b.swallowed()));
        return m; // nested classes in a method body are counted with the method
      }
    }.visit(unit, facts);
    return java.util.Collections.unmodifiableMap(facts);
  }

  private static int arity(J.MethodDeclaration m) {
    return (int) m.getParameters().stream().filter(p -> !(p instanceof J.Empty)).count();
  }

  /** Counts the assertions and the swallowed failures in one method body. */
  private static final class Counter extends JavaIsoVisitor<Integer> {
    int assertions;
    int swallowed;

    @Override
    public J.MethodInvocation visitMethodInvocation(J.MethodInvocation call, Integer p) {
      String name = call.getSimpleName();
      List<Expression> args = arguments(call);
      if (EXPECTING.contains(name) && !args.isEmpty() && FAILURE_TYPES.contains(classLiteral(args.get(0)))) {
        swallowed++;
      }
      if (name.startsWith("assert") || CHECKS.contains(name)) {
        if (FLUENT.contains(name) && args.size() <= 1 && !name.equals("assertThatCode")) {
          List<J.MethodInvocation> chain = chain(getCursor());
          if (!chain.isEmpty() && !fluentTautology(args, chain)) {
            assertions++;
          }
        } else if (!tautology(name, args)) {
          assertions++;
        }
      }
      return super.visitMethodInvocation(call, p);
    }

    @Override
    public J.Try.Catch visitCatch(J.Try.Catch c, Integer p) {
      J typeTree = c.getParameter().getTree().getTypeExpression();
      List<String> types = typeTree instanceof J.MultiCatch multi
          ? multi.getAlternatives().stream().map(t -> simpleName(t.printTrimmed())).toList()
          : typeTree == null ? List.of() : List.of(simpleName(typeTree.printTrimmed()));
      if (types.stream().anyMatch(FAILURE_TYPES::contains)) {
        swallowed++;
      }
      return super.visitCatch(c, p);
    }
  }

  /** The calls chained on a fluent entry point, innermost first: {@code assertThat(x).isNotNull().isEqualTo(y)}. */
  private static List<J.MethodInvocation> chain(Cursor at) {
    java.util.ArrayList<J.MethodInvocation> chain = new java.util.ArrayList<>();
    Object current = at.getValue();
    Cursor parent = at.getParentTreeCursor();
    while (parent.getValue() instanceof J.MethodInvocation outer && outer.getSelect() == current) {
      chain.add(outer);
      current = outer;
      parent = parent.getParentTreeCursor();
    }
    return chain;
  }

  /** {@code assertThat(true).isTrue()}, {@code assertThat(x).isEqualTo(x)}. */
  private static boolean fluentTautology(List<Expression> subject, List<J.MethodInvocation> chain) {
    if (subject.isEmpty()) {
      return false;
    }
    String actual = subject.get(0).printTrimmed();
    boolean allConstant = constant(subject.get(0));
    for (J.MethodInvocation check : chain) {
      List<Expression> args = arguments(check);
      allConstant &= args.stream().allMatch(TestCodeRules::constant);
      if (COMPARING.contains(check.getSimpleName()) && args.size() == 1 && args.get(0).printTrimmed().equals(actual)) {
        return true;
      }
    }
    return allConstant;
  }

  /**
   * {@code assertTrue(true)}, {@code assertEquals(1, 1)}, {@code assertEquals(x, x)}, {@code
   * assertThat(x, is(x))}: true whatever the code under test does.
   */
  private static boolean tautology(String name, List<Expression> args) {
    if (CHECKS.contains(name) || name.startsWith("assertThrows") || name.equals("assertAll") || args.isEmpty()) {
      return false;
    }
    if (args.stream().allMatch(TestCodeRules::constant)) {
      return true;
    }
    List<String> printed = args.stream().map(TestCodeRules::comparedValue).toList();
    for (int i = 0; i < printed.size(); i++) {
      for (int j = i + 1; j < printed.size(); j++) {
        if (printed.get(i).equals(printed.get(j)) && !(args.get(i) instanceof J.Literal)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A Hamcrest matcher's operand ({@code is(x)}, {@code equalTo(x)}) or the expression itself. */
  private static String comparedValue(Expression e) {
    Expression unwrapped = e;
    while (unwrapped instanceof J.MethodInvocation m && m.getSelect() == null
        && Set.of("is", "equalTo", "sameInstance", "theInstance").contains(m.getSimpleName()) && arguments(m).size() == 1) {
      unwrapped = arguments(m).get(0);
    }
    return unwrapped.printTrimmed();
  }

  /** An expression with no variable, field or call in it: its value is known before the test runs. */
  private static boolean constant(Expression e) {
    if (e instanceof J.Literal || e instanceof J.Empty) {
      return true;
    }
    if (e instanceof J.Parentheses<?> p) {
      return p.getTree() instanceof Expression inner && constant(inner);
    }
    if (e instanceof J.Unary u) {
      return constant(u.getExpression());
    }
    if (e instanceof J.Binary b) {
      return constant(b.getLeft()) && constant(b.getRight());
    }
    if (e instanceof J.Ternary t) {
      return constant(t.getCondition()) && constant(t.getTruePart()) && constant(t.getFalsePart());
    }
    if (e instanceof J.NewArray a) {
      return a.getInitializer() != null && a.getInitializer().stream().allMatch(TestCodeRules::constant);
    }
    if (e instanceof J.NewClass n) {
      return n.getBody() == null && arguments(n.getArguments()).stream().allMatch(TestCodeRules::constant);
    }
    return false;
  }

  private static List<Expression> arguments(J.MethodInvocation call) {
    return arguments(call.getArguments());
  }

  private static List<Expression> arguments(List<Expression> args) {
    return args.stream().filter(a -> !(a instanceof J.Empty)).toList();
  }

  /** {@code Throwable} for {@code Throwable.class} or {@code java.lang.Throwable.class}, else empty. */
  private static String classLiteral(Expression e) {
    if (e instanceof J.FieldAccess f && f.getSimpleName().equals("class")) {
      return simpleName(f.getTarget().printTrimmed());
    }
    return "";
  }

  private static String simpleName(String type) {
    String t = type.strip();
    return t.substring(t.lastIndexOf('.') + 1);
  }

  private static final Object PARSER_LOCK = new Object();
  private static @Nullable JavaParser parser;

  /** {@code null} when the source does not parse: the compile stage reports that, not a guardrail. */
  private static J.@Nullable CompilationUnit parse(String source) {
    ExecutionContext ctx = new InMemoryExecutionContext(t -> {});
    // One parser, reset between files and used by one thread at a time: a parser is not thread-safe,
    // and building one costs far more than a parse.
    synchronized (PARSER_LOCK) {
      try {
        if (parser == null) {
          parser = JavaParser.fromJavaVersion().logCompilationWarningsAndErrors(false).build();
        }
        parser.reset();
        List<SourceFile> parsed = parser.parse(ctx, source).toList();
        return parsed.size() == 1 && parsed.get(0) instanceof J.CompilationUnit unit ? unit : null;
      } catch (RuntimeException e) {
        parser = null;
        return null;
      }
    }
  }
}
