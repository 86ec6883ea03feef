package io.fleetmigrate.recipes;

import static org.openrewrite.Tree.randomId;

import io.fleetmigrate.recipes.RewriteResult.ChangedFile;
import io.fleetmigrate.recipes.RewriteResult.FileError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.openrewrite.ExecutionContext;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.PrintOutputCapture;
import org.openrewrite.Recipe;
import org.openrewrite.RecipeRun;
import org.openrewrite.Result;
import org.openrewrite.SourceFile;
import org.openrewrite.config.RecipeDescriptor;
import org.openrewrite.internal.InMemoryLargeSourceSet;
import org.openrewrite.java.JavaParser;
import org.openrewrite.java.internal.JavaTypeCache;
import org.openrewrite.java.marker.JavaProject;
import org.openrewrite.java.marker.JavaSourceSet;
import org.openrewrite.java.marker.JavaVersion;
import org.openrewrite.java.search.FindMissingTypes;
import org.openrewrite.java.style.Autodetect;
import org.openrewrite.java.tree.J;
import org.openrewrite.marker.BuildTool;
import org.openrewrite.marker.Marker;
import org.openrewrite.maven.MavenParser;
import org.openrewrite.maven.tree.MavenResolutionResult;
import org.openrewrite.maven.tree.Plugin;
import org.openrewrite.maven.tree.ResolvedPom;
import org.openrewrite.style.NamedStyles;
import org.openrewrite.tree.ParseError;
import org.openrewrite.xml.tree.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs OpenRewrite recipes over a Maven checkout in this JVM.
 *
 * <p>One instance per JVM: the recipe environment is scanned once. Each {@link #run} gets a fresh
 * execution context, parsers and type cache, so nothing is carried from one repository to the next.
 * The Java parser is not thread-safe; {@link #run} serialises callers itself: parsing and the
 * recipes run on the engine's one lane thread, in the order the calls came.
 *
 * <p>The lane thread has a stack of {@link #LANE_STACK_BYTES}: javac and OpenRewrite's visitors
 * recurse once per level of nesting, so code that is deep but legal (a generated string concatenation
 * of thousands of terms) overflows an ordinary thread's 1 MB stack, where {@code
 * rewrite-maven-plugin} has Maven's main thread, often started with a larger {@code -Xss}.
 */
public class RecipeEngine {
  private final RecipeCatalog catalog;
  private final String mavenVersion;
  /**
   * The lane thread's stack. Measured with the JUnit 5 migration on a test method holding one string
   * concatenation of N terms (RecipeEngineTest#deeplyNestedCodeIsRewrittenNotRefused): 3,000 terms
   * overflow a 1 MB stack (the JVM's default) while parsing; 8 MB parses 12,000 but overflows running
   * the recipes; 512 MB rewrites 50,000 (in 55 s on 2 cores). Only the pages a run touches are
   * committed, so the reservation costs address space, not memory.
   */
  static final long LANE_STACK_BYTES = 512L * 1024 * 1024;

  private final ThreadPoolExecutor lane;

  /** Whether a lane of this JVM has started the warm-up: it is needed once per JVM. */
  private static final java.util.concurrent.atomic.AtomicBoolean WARM_UP_STARTED = new java.util.concurrent.atomic.AtomicBoolean();
  /** Set when the warm-up has ended, however it ended (tests wait for it). */
  static final java.util.concurrent.CountDownLatch WARM_UP_ENDED = new java.util.concurrent.CountDownLatch(1);
  /** Whether the warm-up parsed its sources cleanly, every type resolved (tests check it did its work). */
  static volatile boolean warmedUp;
  /** What ended the warm-up early, added to a run's {@link NoClassDefFoundError} (which names no cause). */
  private static volatile @Nullable Throwable warmUpFailure;

  /**
   * @param mavenVersion the version of the Maven that builds the checkouts; recipes read it (the
   *     JUnit 5 migration only touches Surefire for Maven older than 3.5.4, for example)
   */
  public RecipeEngine(String mavenVersion) {
    this(RecipeCatalog.scan(), mavenVersion);
  }

  public RecipeEngine(RecipeCatalog catalog, String mavenVersion) {
    this(catalog, mavenVersion, LANE_STACK_BYTES);
  }

  /** An engine whose lane has another stack size: tests show what a small one does. */
  RecipeEngine(RecipeCatalog catalog, String mavenVersion, long laneStackBytes) {
    this.catalog = catalog;
    this.mavenVersion = mavenVersion;
    this.lane = lane(laneStackBytes);
  }

  /**
   * Has this engine's lane warm up at once (see {@link #warmUp}), unless an engine of this JVM did
   * already; returns at once. For a JVM that goes on with other work meanwhile (Fleet's own: the
   * recipes are validated, the first repository cloned and resolved); a JVM that runs one repository
   * and nothing beside it (the recipe engine in a JVM of its own) gains nothing from it.
   */
  public void warmUpInBackground() {
    if (WARM_UP_STARTED.compareAndSet(false, true)) {
      lane.execute(RecipeEngine::warmUp);
    }
  }

  /**
   * The first repository a JVM parses pays for what every later one reuses: the JDK's type scan
   * ({@link SourceSetTypes}, seconds), loading javac, OpenRewrite's parsers and visitors and having
   * them compiled. Measured on the sample fleet, the first repository took 3-5 times a warm one. So
   * the first engine of a JVM has its lane do that work at once, on a few lines of its own, while
   * the caller goes on (validating the campaign's recipes, cloning, resolving the first repository's
   * classpaths) on the other core. A run submitted meanwhile waits behind it in the lane's queue,
   * which only moves the same work earlier. Nothing it makes is kept but what is kept for the JVM
   * anyway (the JDK's scan): the parsers, type cache and execution context are its own. A failure
   * costs only the head start.
   */
  private static void warmUp() {
    try {
      ExecutionContext ctx = new InMemoryExecutionContext(t -> {});
      SourceSetTypes.scanJdk();
      List<SourceFile> sources = new ArrayList<>(
          MavenParser.builder().build().parse(ctx, """
              <project>
                <modelVersion>4.0.0</modelVersion>
                <groupId>io.fleetmigrate.warmup</groupId>
                <artifactId>warmup</artifactId>
                <version>1</version>
                <properties><maven.compiler.release>17</maven.compiler.release></properties>
              </project>
              """).toList());
      sources.addAll(
          JavaParser.fromJavaVersion().typeCache(new JavaTypeCache()).logCompilationWarningsAndErrors(false).build()
              .parse(ctx, """
                  package warmup;

                  import java.util.ArrayList;
                  import java.util.List;
                  import java.util.function.Function;

                  public class WarmUp<T extends Comparable<T>> {
                    @Deprecated private final List<T> items = new ArrayList<>();

                    public <R> List<R> map(Function<? super T, ? extends R> f) throws Exception {
                      List<R> out = new ArrayList<>();
                      for (T item : items) {
                        if (item != null) {
                          out.add(f.apply(item));
                        }
                      }
                      Runnable r = () -> System.out.println("warm " + out.size());
                      r.run();
                      return out;
                    }
                  }
                  """).toList());
      boolean clean = sources.size() == 2;
      for (SourceFile source : withDetectedStyles(sources)) {
        clean &= !(source instanceof ParseError);
        if (source instanceof J.CompilationUnit cu) {
          clean &= FindMissingTypes.findMissingTypes(cu, false).isEmpty();
        }
        source.printAll();
      }
      warmedUp = clean;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // Only the head start is lost: the first run does this work itself. A class whose initialiser
      // failed here stays dead for the JVM, and a later NoClassDefFoundError does not say why: kept.
      warmUpFailure = e;
    } finally {
      WARM_UP_ENDED.countDown();
    }
  }

  /** The recipes on the classpath; a campaign with YAML recipes of its own layers them over it. */
  public RecipeCatalog catalog() {
    return catalog;
  }

  /** Fails with a suggestion for each name that is not a known recipe. */
  public void validate(List<String> recipeNames) throws InvalidRecipeException {
    catalog.validate(recipeNames.stream().map(RecipeUse::of).toList());
  }

  /** Runs recipes by name, without options, from this engine's catalog. */
  public RewriteResult run(Path checkout, List<String> recipeNames, boolean write)
      throws InvalidRecipeException, IOException {
    return run(checkout, catalog, recipeNames.stream().map(RecipeUse::of).toList(), write);
  }

  /**
   * Parses {@code checkout} (every reactor POM in one call; each module's main and test Java with
   * that source set's classpath from {@link ModuleClasspath}; resources and other text files with
   * the polyglot parsers; build output and git-ignored files left out), runs {@code recipeNames}
   * over the whole reactor at once and, unless a file failed to parse or lost its types, writes the
   * results back.
   */
  public RewriteResult run(Path checkout, RecipeCatalog recipes, List<RecipeUse> uses, boolean write)
      throws InvalidRecipeException, IOException {
    Recipe recipe = recipes.activate(uses);
    Path root = checkout.toAbsolutePath().normalize();
    java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    Future<RewriteResult> run = lane.submit(() -> {
      started.set(true);
      try {
        return runInLane(root, recipe, write);
      } finally {
        ended.countDown();
      }
    });
    try {
      return run.get();
    } catch (InterruptedException e) {
      // The lane stops at its next check (the parser itself does not listen): it writes nothing
      // once interrupted. Wait for it, so that nothing it does outlives this call.
      run.cancel(true);
      awaitQuietly(started, ended);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the recipes ran on " + root);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      } else if (e.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      } else if (e.getCause() instanceof Error error) {
        Throwable warmUp = warmUpFailure;
        if (error instanceof NoClassDefFoundError && warmUp != null) {
          error.addSuppressed(warmUp);
        }
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Waits (up to ten minutes, deaf to further interrupts) until a cancelled lane task that had
   * started has ended; one cancelled while still queued never runs.
   */
  private static void awaitQuietly(java.util.concurrent.atomic.AtomicBoolean started, java.util.concurrent.CountDownLatch ended) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    long startGrace = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    boolean interrupted = false;
    while (System.nanoTime() < deadline && (started.get() || System.nanoTime() < startGrace)) {
      try {
        if (ended.await(50, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException again) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One thread with a large stack; a FIFO queue keeps callers in order. The thread ends when idle,
   * so an engine nobody uses holds no thread.
   */
  private static ThreadPoolExecutor lane(long stackBytes) {
    ThreadFactory factory = task -> {
      Thread thread = new Thread(null, task, "fleet-recipe-lane", stackBytes);
      thread.setDaemon(true);
      return thread;
    };
    ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private RewriteResult runInLane(Path root, Recipe recipe, boolean write) throws IOException {
    List<FileError> errors = new ArrayList<>();
    // What the lane is doing, for errors the context reports without a file.
    String[] phase = {"parsing"};
    ExecutionContext ctx =
        new InMemoryExecutionContext(
            t -> errors.add(
                isStackOverflow(t)
                    ? new FileError("", FileError.Kind.STACK_OVERFLOW, "stack overflow while " + phase[0] + " (nesting too deep): " + firstLine(t))
                    : new FileError("", FileError.Kind.REPORTED, t.getClass().getSimpleName() + ": " + t.getMessage())));
    long parseStart = System.nanoTime();

    List<Path> moduleDirs = reactorModules(root);
    List<Path> poms = moduleDirs.stream().map(d -> d.resolve("pom.xml")).toList();
    List<SourceFile> sources = new ArrayList<>();
    BuildTool buildTool = new BuildTool(randomId(), BuildTool.Type.Maven, mavenVersion);
    Map<Path, JavaProject> projects = new LinkedHashMap<>();
    Map<Path, JavaVersion> javaVersions = new LinkedHashMap<>();
    Map<Path, SourceFile> pomsByPath = new LinkedHashMap<>();

    for (SourceFile pom : MavenParser.builder().build().parse(poms, root, ctx).toList()) {
      Path moduleDir = root.resolve(pom.getSourcePath()).getParent();
      JavaProject project = javaProject(pom, moduleDir);
      projects.put(moduleDir, project);
      javaVersions.put(moduleDir, javaVersion(pom));
      pomsByPath.put(pom.getSourcePath(), pom);
      sources.add(withMarkers(pom, project, buildTool));
    }

    CheckoutFiles files = CheckoutFiles.of(root);
    ResourceParsers resources = new ResourceParsers();
    Set<Path> pomFiles = new HashSet<>(poms);
    for (Path moduleDir : moduleDirs) {
      JavaProject project = projects.get(moduleDir);
      JavaVersion version = javaVersions.get(moduleDir);
      SourceFile pom = pomsByPath.get(root.relativize(moduleDir.resolve("pom.xml")));
      if (project == null || version == null || pom == null) {
        continue; // the POM itself failed to parse; that error is already in the sources
      }
      ModuleClasspath classpath = ModuleClasspath.read(moduleDir);
      SourceRoots roots = sourceRoots(moduleDir, pom, pomsByPath);
      Path mainResources = moduleDir.resolve("src/main/resources");
      Path testResources = moduleDir.resolve("src/test/resources");
      List<Path> nested = moduleDirs.stream().filter(d -> !d.equals(moduleDir) && d.startsWith(moduleDir)).toList();
      List<Path> parsedElsewhere = new ArrayList<>(nested);
      parsedElsewhere.addAll(roots.owned());
      parsedElsewhere.addAll(List.of(mainResources, testResources));

      JavaTypeCache mainTypes = new JavaTypeCache();
      JavaSourceSet main = SourceSetTypes.build("main", classpath.main());
      JavaTypeCache testTypes = new JavaTypeCache();
      JavaSourceSet test = SourceSetTypes.build("test", classpath.test());

      List<Path> mainFiles = rootFiles(root, files, roots.main(), parsedElsewhere);
      List<Path> testFiles = rootFiles(root, files, roots.test(), parsedElsewhere);
      sources.addAll(parseJava(root, compilationUnits(mainFiles), generatedJava(roots.generatedMain()), classpath.main(), mainTypes, ctx, project, version, buildTool, main));
      // Tests see the main classes through target/classes. Before any build (the in-memory check of a
      // repository for NO_CHANGES) there is none: the main sources are parsed beside the tests for their
      // types, as generated sources are, and left out of the result.
      List<Path> testTypeSources = new ArrayList<>(generatedJava(roots.generatedTest()));
      if (!Files.isDirectory(moduleDir.resolve("target/classes"))) {
        testTypeSources.addAll(compilationUnits(mainFiles));
        testTypeSources.addAll(generatedJava(roots.generatedMain()));
      }
      sources.addAll(parseJava(root, compilationUnits(testFiles), testTypeSources, classpath.test(), testTypes, ctx, project, version, buildTool, test));
      // Module descriptors: the Java parser refuses them, so they are text, which recipes can still fix.
      // Other files in a source root (package.html, a properties file beside its class) are resources of that set.
      sources.addAll(resources.parse(root, notCompilationUnits(mainFiles), ctx, project, version, buildTool, main));
      sources.addAll(resources.parse(root, notCompilationUnits(testFiles), ctx, project, version, buildTool, test));
      sources.addAll(resources.parse(root, files.walk(mainResources, nested), ctx, project, version, buildTool, main));
      sources.addAll(resources.parse(root, files.walk(testResources, nested), ctx, project, version, buildTool, test));
      List<Path> other = files.walk(moduleDir, parsedElsewhere).stream().filter(f -> !pomFiles.contains(f)).toList();
      sources.addAll(resources.parse(root, other, ctx, project, buildTool));
    }
    sources = withDetectedStyles(sources);
    Duration parseTime = Duration.ofNanos(System.nanoTime() - parseStart);

    phase[0] = "checking types";
    for (SourceFile source : sources) {
      String path = source.getSourcePath().toString();
      if (source instanceof ParseError parseError) {
        errors.add(
            isStackOverflow(parseError)
                ? new FileError(path, FileError.Kind.STACK_OVERFLOW, "stack overflow while parsing " + path + " (nesting too deep)")
                : new FileError(path, FileError.Kind.PARSE_ERROR, "could not be parsed: " + firstLine(parseError)));
      } else if (source instanceof J.CompilationUnit cu) {
        List<FindMissingTypes.MissingTypeResult> missing;
        try {
          missing = FindMissingTypes.findMissingTypes(cu, false);
        } catch (StackOverflowError e) {
          errors.add(new FileError(path, FileError.Kind.STACK_OVERFLOW, "stack overflow while checking the types of " + path + " (nesting too deep)"));
          continue;
        }
        if (!missing.isEmpty()) {
          errors.add(
              new FileError(
                  path, FileError.Kind.MISSING_TYPES,
                  missing.size() + " unresolved type(s), first: " + missing.get(0).getMessage()
                      + " at '" + missing.get(0).getPrintedTree().strip() + "'"));
        }
      }
    }
    // Errors the context collected while parsing (a POM that could not be resolved, say) count too.
    List<FileError> fileErrors = List.copyOf(errors);

    long recipeStart = System.nanoTime();
    phase[0] = "running the recipes";
    RecipeRun run = recipe.run(new InMemoryLargeSourceSet(sources), ctx);
    List<Result> results = new ArrayList<>();
    List<String> marked = new ArrayList<>();
    for (Result result : run.getChangeset().getAllResults()) {
      // A search recipe only adds markers: report where, but there is nothing to write or commit.
      if (markersOnly(result)) {
        marked.add(pathOf(result));
      } else {
        results.add(result);
      }
    }
    marked.sort(null);

    List<ChangedFile> changed = new ArrayList<>();
    Map<String, Integer> byRecipe = new TreeMap<>();
    StringBuilder diff = new StringBuilder();
    for (Result result : results) {
      String path = pathOf(result);
      ChangedFile.Kind kind = kindOf(result);
      changed.add(
          new ChangedFile(
              path, kind, kind == ChangedFile.Kind.MOVED ? result.getBefore().getSourcePath().toString().replace('\\', '/') : null));
      Set<String> madeChanges = new java.util.TreeSet<>();
      result.getRecipeDescriptorsThatMadeChanges().forEach(d -> leaves(d, madeChanges));
      madeChanges.forEach(name -> byRecipe.merge(name, 1, Integer::sum));
      diff.append(result.diff());
      SourceFile after = result.getAfter();
      if (after instanceof ParseError) {
        errors.add(new FileError(path, FileError.Kind.OUTPUT_DOES_NOT_PARSE, "recipe output does not parse"));
      }
    }
    changed.sort(Comparator.comparing(ChangedFile::path));

    boolean refuse = !errors.isEmpty();
    // The refusal's one-line reason is the first error: a stack overflow naming its file says most.
    // The parser reports one overflow once per tree level it unwinds through: once is enough.
    List<FileError> reported = new ArrayList<>(new java.util.LinkedHashSet<>(errors));
    reported.sort(Comparator.comparingInt(e -> e.kind() != FileError.Kind.STACK_OVERFLOW ? 2 : e.path().isEmpty() ? 1 : 0));
    boolean written = false;
    if (write && !refuse && !results.isEmpty() && !Thread.currentThread().isInterrupted()) {
      for (Result result : results) {
        writeResult(root, result);
      }
      written = true;
    }
    Duration recipeTime = Duration.ofNanos(System.nanoTime() - recipeStart);
    return new RewriteResult(
        changed, diff.toString(), byRecipe, marked, refuse ? reported : fileErrors, written, parseTime, recipeTime);
  }

  private static boolean markersOnly(Result result) {
    SourceFile before = result.getBefore();
    SourceFile after = result.getAfter();
    return before != null
        && after != null
        && before.getSourcePath().equals(after.getSourcePath())
        && before.printAll().equals(after.printAll(new PrintOutputCapture<>(0, PrintOutputCapture.MarkerPrinter.SANITIZED)));
  }

  /**
   * The recipes that made the edits: a result carries the tree of recipes from the top one down to
   * those that changed the file, and only its leaves are the ones that did the work.
   */
  private static void leaves(RecipeDescriptor descriptor, Set<String> into) {
    if (descriptor.getRecipeList().isEmpty()) {
      into.add(descriptor.getName());
    } else {
      descriptor.getRecipeList().forEach(child -> leaves(child, into));
    }
  }

  /**
   * The files of one source set's roots, each root without the trees parsed elsewhere that lie
   * inside it (a nested module, another root, a resources folder). A root outside the checkout
   * ({@code ../shared/src}) is left out: nothing there could be written or committed.
   */
  private static List<Path> rootFiles(Path root, CheckoutFiles files, List<Path> roots, List<Path> parsedElsewhere)
      throws IOException {
    List<Path> all = new ArrayList<>();
    for (Path sourceRoot : roots) {
      if (!sourceRoot.startsWith(root)) {
        continue;
      }
      List<Path> inside = parsedElsewhere.stream().filter(p -> !p.equals(sourceRoot) && p.startsWith(sourceRoot)).toList();
      all.addAll(files.walk(sourceRoot, inside));
    }
    return all.stream().distinct().toList();
  }

  private static List<Path> generatedJava(List<Path> roots) throws IOException {
    List<Path> all = new ArrayList<>();
    for (Path generatedRoot : roots) {
      all.addAll(CheckoutFiles.generatedJava(generatedRoot));
    }
    return all.stream().distinct().toList();
  }

  /**
   * The module's source roots from its POM and the POMs of its parents in the reactor (nearest
   * first), as {@link SourceRoots} decides them.
   */
  private static SourceRoots sourceRoots(Path moduleDir, SourceFile pom, Map<Path, SourceFile> pomsByPath)
      throws IOException {
    List<Xml.Document> lineage = new ArrayList<>();
    ResolvedPom resolved = null;
    var resolution = pom.getMarkers().findFirst(MavenResolutionResult.class).orElse(null);
    if (resolution != null) {
      resolved = resolution.getPom();
    }
    SourceFile current = pom;
    MavenResolutionResult currentResolution = resolution;
    Set<Path> seen = new HashSet<>();
    while (current instanceof Xml.Document doc && seen.add(current.getSourcePath())) {
      lineage.add(doc);
      MavenResolutionResult parent = currentResolution != null ? currentResolution.getParent() : null;
      if (parent == null || parent.getPom().getRequested().getSourcePath() == null) {
        break;
      }
      current = pomsByPath.get(parent.getPom().getRequested().getSourcePath());
      currentResolution = parent;
    }
    return SourceRoots.of(moduleDir, lineage, resolved);
  }

  private static boolean isJava(Path file) {
    return file.toString().endsWith(".java");
  }

  private static boolean isModuleDescriptor(Path file) {
    return file.getFileName() != null && file.getFileName().toString().equals(ResourceParsers.MODULE_DESCRIPTOR);
  }

  private static List<Path> compilationUnits(List<Path> files) {
    return files.stream().filter(p -> isJava(p) && !isModuleDescriptor(p)).toList();
  }

  /** Module descriptors and whatever else is not Java: parsed as resources of the source set. */
  private static List<Path> notCompilationUnits(List<Path> files) {
    return files.stream().filter(p -> !isJava(p) || isModuleDescriptor(p)).toList();
  }

  /**
   * Parses one source set's Java files with that source set's classpath and type cache (styles are
   * detected later, over the whole checkout: {@link #withDetectedStyles}). The generated files are
   * parsed in the same call, so the types they declare are attributed where the set's own code uses
   * them, and then left out: they are build output, never changed, written or reported.
   */
  private List<SourceFile> parseJava(
      Path root,
      List<Path> files,
      List<Path> generated,
      List<Path> classpath,
      JavaTypeCache typeCache,
      ExecutionContext ctx,
      JavaProject project,
      JavaVersion version,
      BuildTool buildTool,
      JavaSourceSet sourceSet) {
    if (files.isEmpty()) {
      return List.of();
    }
    JavaParser parser =
        JavaParser.fromJavaVersion()
            .classpath(classpath)
            .typeCache(typeCache)
            .logCompilationWarningsAndErrors(false)
            .build();
    List<Path> inputs = new ArrayList<>(files);
    inputs.addAll(generated);
    Set<Path> buildOutput = new HashSet<>();
    generated.forEach(g -> buildOutput.add(root.relativize(g)));
    List<SourceFile> parsed =
        parser.parse(inputs, root, ctx).filter(s -> !buildOutput.contains(s.getSourcePath())).toList();
    List<SourceFile> marked = new ArrayList<>(parsed.size());
    for (SourceFile source : parsed) {
      marked.add(withMarkers(source, project, version, buildTool, sourceSet));
    }
    return marked;
  }

  /**
   * The styles a recipe formats its output with (import layout, indentation, continuation indent),
   * detected as {@code rewrite-maven-plugin} 6.x does ({@code
   * AbstractRewriteBaseRunMojo.sourcesWithAutoDetectedStyles}): one Java detector over every Java
   * compilation unit of the checkout — all modules, main and test together — and one XML detector
   * over every XML document, each result added to every file of its kind. Detected per source set
   * instead, a small test set votes alone, and an added import lands elsewhere than where the
   * plugin puts it.
   */
  private static List<SourceFile> withDetectedStyles(List<SourceFile> sources) {
    Autodetect.Detector java = Autodetect.detector();
    org.openrewrite.xml.style.Autodetect.Detector xml = org.openrewrite.xml.style.Autodetect.detector();
    for (SourceFile source : sources) {
      if (source instanceof J.CompilationUnit) {
        java.sample(source);
      } else if (source instanceof Xml.Document) {
        xml.sample(source);
      }
    }
    NamedStyles javaStyles = java.build();
    NamedStyles xmlStyles = xml.build();
    List<SourceFile> styled = new ArrayList<>(sources.size());
    for (SourceFile source : sources) {
      if (source instanceof J.CompilationUnit) {
        source = source.withMarkers(source.getMarkers().add(javaStyles));
      } else if (source instanceof Xml.Document) {
        source = source.withMarkers(source.getMarkers().add(xmlStyles));
      }
      styled.add(source);
    }
    return styled;
  }

  private static SourceFile withMarkers(SourceFile source, Marker... markers) {
    var all = source.getMarkers();
    for (Marker marker : markers) {
      all = all.addIfAbsent(marker);
    }
    return source.withMarkers(all);
  }

  private static JavaProject javaProject(SourceFile pom, Path moduleDir) {
    var resolution = pom.getMarkers().findFirst(MavenResolutionResult.class);
    if (resolution.isPresent()) {
      ResolvedPom resolved = resolution.get().getPom();
      return new JavaProject(
          randomId(),
          resolved.getArtifactId(),
          new JavaProject.Publication(resolved.getGroupId(), resolved.getArtifactId(), resolved.getVersion()));
    }
    return new JavaProject(randomId(), moduleDir.getFileName().toString(), null);
  }

  /**
   * The compiler settings as {@code rewrite-maven-plugin} reads them: the compiler plugin's {@code
   * release}, else its {@code source}/{@code target}, else the {@code maven.compiler.*} properties,
   * else Java 8 (the compiler plugin's own default for the versions these repositories use).
   */
  private static JavaVersion javaVersion(SourceFile pom) {
    String source = null;
    String target = null;
    var resolution = pom.getMarkers().findFirst(MavenResolutionResult.class);
    if (resolution.isPresent()) {
      ResolvedPom resolved = resolution.get().getPom();
      for (Plugin plugin : resolved.getPlugins()) {
        if ("maven-compiler-plugin".equals(plugin.getArtifactId()) && plugin.getConfiguration() != null) {
          String release = value(resolved, plugin.getConfigurationStringValue("release"));
          if (release != null) {
            source = release;
            target = release;
          } else {
            source = value(resolved, plugin.getConfigurationStringValue("source"));
            target = value(resolved, plugin.getConfigurationStringValue("target"));
          }
        }
      }
      if (source == null || target == null) {
        String release = value(resolved, "${maven.compiler.release}");
        if (release != null) {
          source = release;
          target = release;
        } else {
          source = source != null ? source : value(resolved, "${maven.compiler.source}");
          target = target != null ? target : value(resolved, "${maven.compiler.target}");
        }
      }
    }
    source = source != null ? source : target != null ? target : "1.8";
    target = target != null ? target : source;
    return new JavaVersion(
        randomId(), System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), source, target);
  }

  private static @Nullable String value(ResolvedPom pom, @Nullable String text) {
    if (text == null) {
      return null;
    }
    String resolved = pom.getValue(text.strip());
    return isSet(resolved) ? resolved.strip() : null;
  }

  private static boolean isSet(@Nullable String value) {
    return value != null && !value.isBlank() && !value.startsWith("${");
  }

  /**
   * The reactor: the root POM and, recursively, its {@code <modules>} (or Maven 4 {@code
   * <subprojects>}). A module listed only in a profile is in it when the baseline build listed its
   * dependencies, that is when the profile was active in the build: a module Maven did not build has
   * no classpath, and its Java would come back with every type missing.
   */
  static List<Path> reactorModules(Path root) throws IOException {
    List<Path> modules = new ArrayList<>();
    collectModules(root, modules);
    return modules;
  }

  private static void collectModules(Path moduleDir, List<Path> into) throws IOException {
    Path pom = moduleDir.resolve("pom.xml");
    if (!Files.isRegularFile(pom) || into.contains(moduleDir)) {
      return;
    }
    into.add(moduleDir);
    for (ModuleName module : moduleNames(pom)) {
      Path child = moduleDir.resolve(module.name()).normalize();
      if (child.endsWith("pom.xml") || module.name().endsWith(".xml")) {
        child = child.getParent();
      }
      boolean built = !module.inProfile() || Files.isRegularFile(child.resolve(ModuleClasspath.DEPENDENCIES_FILE));
      if (built && child.startsWith(moduleDir.getRoot()) && child.normalize().startsWith(into.get(0))) {
        collectModules(child, into);
      }
    }
  }

  /** One {@code <module>} entry, and whether it sits in a {@code <profile>}. */
  private record ModuleName(String name, boolean inProfile) {}

  private static List<ModuleName> moduleNames(Path pom) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      Document doc = factory.newDocumentBuilder().parse(pom.toFile());
      List<ModuleName> names = new ArrayList<>();
      for (String tag : List.of("module", "subproject")) {
        NodeList modules = doc.getElementsByTagName(tag);
        for (int i = 0; i < modules.getLength(); i++) {
          Element module = (Element) modules.item(i);
          String text = module.getTextContent().trim();
          if (!text.isEmpty()) {
            names.add(new ModuleName(text, inProfile(module)));
          }
        }
      }
      return names;
    } catch (Exception e) {
      // An unreadable POM is reported by MavenParser as a parse error; no modules from here.
      return List.of();
    }
  }

  private static boolean inProfile(Element element) {
    for (var node = element.getParentNode(); node != null; node = node.getParentNode()) {
      if ("profile".equals(node.getNodeName())) {
        return true;
      }
    }
    return false;
  }

  private static String pathOf(Result result) {
    SourceFile file = result.getAfter() != null ? result.getAfter() : result.getBefore();
    return file.getSourcePath().toString().replace('\\', '/');
  }

  private static ChangedFile.Kind kindOf(Result result) {
    if (result.getBefore() == null) {
      return ChangedFile.Kind.ADDED;
    }
    if (result.getAfter() == null) {
      return ChangedFile.Kind.DELETED;
    }
    if (!result.getBefore().getSourcePath().equals(result.getAfter().getSourcePath())) {
      return ChangedFile.Kind.MOVED;
    }
    return ChangedFile.Kind.MODIFIED;
  }

  private static void writeResult(Path root, Result result) throws IOException {
    SourceFile before = result.getBefore();
    SourceFile after = result.getAfter();
    if (before != null && (after == null || !before.getSourcePath().equals(after.getSourcePath()))) {
      Files.deleteIfExists(inside(root, before.getSourcePath()));
    }
    if (after != null) {
      Path target = inside(root, after.getSourcePath());
      Files.createDirectories(target.getParent());
      Charset charset = after.getCharset() != null ? after.getCharset() : StandardCharsets.UTF_8;
      Files.writeString(target, after.printAll(), charset);
    }
  }

  /**
   * Resolves {@code relative} under {@code root}, refusing anything that would land outside: a
   * {@code ..} escape, a directory on the way that is a symbolic link leading out, a target that
   * is itself a symbolic link (writing would follow it), or a path into {@code .git}.
   */
  static Path inside(Path root, Path relative) throws IOException {
    Path target = root.resolve(relative).normalize();
    Path realRoot = root.toRealPath();
    Path parent = target.getParent();
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (!target.startsWith(root) || target.equals(root) || existing == null || !existing.toRealPath().startsWith(realRoot)) {
      throw new IOException("refusing to write outside the checkout: " + relative);
    }
    if (Files.isSymbolicLink(target)) {
      throw new IOException("refusing to write through a symbolic link: " + relative);
    }
    if (root.relativize(target).getName(0).toString().equals(".git")) {
      throw new IOException("refusing to write inside .git: " + relative);
    }
    return target;
  }

  private static boolean isStackOverflow(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof StackOverflowError) {
        return true;
      }
    }
    return false;
  }

  private static boolean isStackOverflow(ParseError error) {
    return error.getMarkers()
        .findFirst(org.openrewrite.ParseExceptionResult.class)
        .map(r -> r.getExceptionType().endsWith("StackOverflowError") || r.getMessage().contains("java.lang.StackOverflowError"))
        .orElse(false);
  }

  private static String firstLine(Throwable t) {
    String message = String.valueOf(t.getMessage());
    return t.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("");
  }

  private static String firstLine(ParseError error) {
    return error.getErroneous() != null
        ? String.valueOf(error.getErroneous()).lines().findFirst().orElse("")
        : error.getMarkers()
            .findFirst(org.openrewrite.ParseExceptionResult.class)
            .map(r -> r.getMessage().lines().findFirst().orElse(""))
            .orElse("parse error");
  }
}
