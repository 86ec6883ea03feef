package io.fleetmigrate.recipes;

import static org.openrewrite.Tree.randomId;

import io.fleetmigrate.recipes.RewriteResult.ChangedFile;
import io.fleetmigrate.recipes.RewriteResult.FileError;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.jspecify.annotations.Nullable;
import org.openrewrite.ExecutionContext;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.Recipe;
import org.openrewrite.RecipeRun;
import org.openrewrite.Result;
import org.openrewrite.SourceFile;
import org.openrewrite.config.Environment;
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
import org.openrewrite.maven.tree.ResolvedPom;
import org.openrewrite.style.NamedStyles;
import org.openrewrite.tree.ParseError;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs OpenRewrite recipes over a Maven checkout in this JVM.
 *
 * <p>One instance per JVM: the recipe environment is scanned once. Each {@link #run} gets a fresh
 * execution context, parsers and type cache, so nothing is carried from one repository to the next.
 * The Java parser is not thread-safe; {@link #run} serialises callers itself (the recipe lane).
 */
public class RecipeEngine {
  /**
   * Where a module's test classpath is expected, relative to the module: the baseline build writes
   * it there with {@code dependency:build-classpath}.
   */
  public static final String CLASSPATH_FILE = "target/fleet-migrate.classpath";

  private final Environment environment;
  private final String mavenVersion;
  private final ReentrantLock lane = new ReentrantLock(true);

  /**
   * @param mavenVersion the version of the Maven that builds the checkouts; recipes read it (the
   *     JUnit 5 migration only touches Surefire for Maven older than 3.5.4, for example)
   */
  public RecipeEngine(String mavenVersion) {
    this.environment = Environment.builder().scanRuntimeClasspath().build();
    this.mavenVersion = mavenVersion;
  }

  /** Fails with a suggestion for each name that is not a known recipe. */
  public void validate(List<String> recipeNames) throws RecipeNotFoundException {
    Set<String> known = knownNames();
    for (String name : recipeNames) {
      if (!known.contains(name)) {
        throw new RecipeNotFoundException(name, nearest(name, known));
      }
    }
  }

  private volatile @Nullable Set<String> knownNames;

  /** Every recipe name on the classpath; listed once, the catalog does not change in a JVM's life. */
  private Set<String> knownNames() {
    Set<String> names = knownNames;
    if (names == null) {
      names = environment.listRecipeDescriptors().stream().map(RecipeDescriptor::getName).collect(Collectors.toUnmodifiableSet());
      knownNames = names;
    }
    return names;
  }

  private static List<String> nearest(String name, Set<String> known) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    String simple = name.substring(name.lastIndexOf('.') + 1);
    return known.stream()
        .sorted(
            Comparator.comparingInt(
                    (String k) -> distance.apply(simple, k.substring(k.lastIndexOf('.') + 1)))
                .thenComparingInt(k -> distance.apply(name, k))
                .thenComparing(Comparator.naturalOrder()))
        .limit(3)
        .toList();
  }

  /**
   * Parses {@code checkout} (every reactor POM, and each module's {@code src/main/java} and {@code
   * src/test/java}), runs {@code recipeNames} over it and, unless a file failed to parse or lost
   * its types, writes the results back.
   */
  public RewriteResult run(Path checkout, List<String> recipeNames, boolean write)
      throws RecipeNotFoundException, IOException {
    validate(recipeNames);
    lane.lock();
    try {
      return runInLane(checkout.toAbsolutePath().normalize(), recipeNames, write);
    } finally {
      lane.unlock();
    }
  }

  private RewriteResult runInLane(Path root, List<String> recipeNames, boolean write) throws IOException {
    List<FileError> errors = new ArrayList<>();
    ExecutionContext ctx =
        new InMemoryExecutionContext(
            t -> errors.add(new FileError("", t.getClass().getSimpleName() + ": " + t.getMessage())));
    long parseStart = System.nanoTime();

    List<Path> moduleDirs = reactorModules(root);
    List<Path> poms = moduleDirs.stream().map(d -> d.resolve("pom.xml")).toList();
    List<SourceFile> sources = new ArrayList<>();
    BuildTool buildTool = new BuildTool(randomId(), BuildTool.Type.Maven, mavenVersion);
    Map<Path, JavaProject> projects = new LinkedHashMap<>();
    Map<Path, JavaVersion> javaVersions = new LinkedHashMap<>();

    for (SourceFile pom : MavenParser.builder().build().parse(poms, root, ctx).toList()) {
      Path moduleDir = root.resolve(pom.getSourcePath()).getParent();
      JavaProject project = javaProject(pom, moduleDir);
      projects.put(moduleDir, project);
      javaVersions.put(moduleDir, javaVersion(pom));
      sources.add(withMarkers(pom, project, buildTool));
    }

    for (Path moduleDir : moduleDirs) {
      JavaProject project = projects.get(moduleDir);
      JavaVersion version = javaVersions.get(moduleDir);
      if (project == null || version == null) {
        continue; // the POM itself failed to parse; that error is already in the sources
      }
      List<Path> classpath = readClasspath(moduleDir);
      List<Path> mainClasspath = new ArrayList<>(classpath);
      List<Path> testClasspath = new ArrayList<>(classpath);
      Path mainClasses = moduleDir.resolve("target/classes");
      if (Files.isDirectory(mainClasses)) {
        testClasspath.add(0, mainClasses);
      }
      sources.addAll(
          parseJava(root, moduleDir.resolve("src/main/java"), "main", mainClasspath, ctx, project, version, buildTool));
      sources.addAll(
          parseJava(root, moduleDir.resolve("src/test/java"), "test", testClasspath, ctx, project, version, buildTool));
    }
    Duration parseTime = Duration.ofNanos(System.nanoTime() - parseStart);

    for (SourceFile source : sources) {
      if (source instanceof ParseError parseError) {
        errors.add(new FileError(source.getSourcePath().toString(), "could not be parsed: " + firstLine(parseError)));
      } else if (source instanceof J.CompilationUnit cu) {
        List<FindMissingTypes.MissingTypeResult> missing = FindMissingTypes.findMissingTypes(cu, false);
        if (!missing.isEmpty()) {
          errors.add(
              new FileError(
                  source.getSourcePath().toString(),
                  missing.size() + " unresolved type(s), first: " + missing.get(0).getMessage()
                      + " at '" + missing.get(0).getPrintedTree().strip() + "'"));
        }
      }
    }
    // Errors the context collected while parsing (a POM that could not be resolved, say) count too.
    List<FileError> fileErrors = List.copyOf(errors);

    long recipeStart = System.nanoTime();
    Recipe recipe = environment.activateRecipes(recipeNames);
    RecipeRun run = recipe.run(new InMemoryLargeSourceSet(sources), ctx);
    List<Result> results = run.getChangeset().getAllResults();

    List<ChangedFile> changed = new ArrayList<>();
    Map<String, Integer> byRecipe = new TreeMap<>();
    StringBuilder diff = new StringBuilder();
    for (Result result : results) {
      String path = pathOf(result);
      ChangedFile.Kind kind = kindOf(result);
      changed.add(
          new ChangedFile(
              path, kind, kind == ChangedFile.Kind.MOVED ? result.getBefore().getSourcePath().toString().replace('\\', '/') : null));
      for (RecipeDescriptor descriptor : result.getRecipeDescriptorsThatMadeChanges()) {
        byRecipe.merge(leafName(descriptor), 1, Integer::sum);
      }
      diff.append(result.diff());
      SourceFile after = result.getAfter();
      if (after instanceof ParseError) {
        errors.add(new FileError(path, "recipe output does not parse"));
      }
    }
    changed.sort(Comparator.comparing(ChangedFile::path));

    boolean refuse = !errors.isEmpty();
    boolean written = false;
    if (write && !refuse && !results.isEmpty()) {
      for (Result result : results) {
        writeResult(root, result);
      }
      written = true;
    }
    Duration recipeTime = Duration.ofNanos(System.nanoTime() - recipeStart);
    return new RewriteResult(
        changed, diff.toString(), byRecipe, refuse ? errors : fileErrors, written, parseTime, recipeTime);
  }

  /** The innermost recipe of a descriptor chain is the one that made the edit. */
  private static String leafName(RecipeDescriptor descriptor) {
    RecipeDescriptor current = descriptor;
    while (!current.getRecipeList().isEmpty()) {
      current = current.getRecipeList().get(0);
    }
    return current.getName();
  }

  private List<SourceFile> parseJava(
      Path root,
      Path sourceDir,
      String sourceSet,
      List<Path> classpath,
      ExecutionContext ctx,
      JavaProject project,
      JavaVersion version,
      BuildTool buildTool)
      throws IOException {
    if (!Files.isDirectory(sourceDir)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sourceDir)) {
      files = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
    }
    if (files.isEmpty()) {
      return List.of();
    }
    JavaTypeCache typeCache = new JavaTypeCache();
    JavaParser parser =
        JavaParser.fromJavaVersion()
            .classpath(classpath)
            .typeCache(typeCache)
            .logCompilationWarningsAndErrors(false)
            .build();
    JavaSourceSet sourceSetMarker = JavaSourceSet.build(sourceSet, classpath, typeCache, false);
    List<SourceFile> parsed = parser.parse(files, root, ctx).toList();
    Autodetect.Detector detector = Autodetect.detector();
    parsed.forEach(detector::sample);
    NamedStyles styles = detector.build();
    List<SourceFile> marked = new ArrayList<>(parsed.size());
    for (SourceFile source : parsed) {
      marked.add(withMarkers(source, project, version, buildTool, sourceSetMarker, styles));
    }
    return marked;
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

  private static JavaVersion javaVersion(SourceFile pom) {
    String source = "1.8";
    String target = "1.8";
    var resolution = pom.getMarkers().findFirst(MavenResolutionResult.class);
    if (resolution.isPresent()) {
      ResolvedPom resolved = resolution.get().getPom();
      String release = resolved.getValue("${maven.compiler.release}");
      String src = resolved.getValue("${maven.compiler.source}");
      String tgt = resolved.getValue("${maven.compiler.target}");
      if (isSet(release)) {
        source = release;
        target = release;
      } else {
        if (isSet(src)) {
          source = src;
        }
        target = isSet(tgt) ? tgt : source;
      }
    }
    return new JavaVersion(
        randomId(), System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), source, target);
  }

  private static boolean isSet(@Nullable String value) {
    return value != null && !value.isBlank() && !value.startsWith("${");
  }

  /** The reactor: the root POM and, recursively, its {@code <modules>}. */
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
    for (String module : moduleNames(pom)) {
      Path child = moduleDir.resolve(module).normalize();
      if (child.endsWith("pom.xml") || module.endsWith(".xml")) {
        child = child.getParent();
      }
      if (child.startsWith(moduleDir.getRoot()) && child.normalize().startsWith(into.get(0))) {
        collectModules(child, into);
      }
    }
  }

  private static List<String> moduleNames(Path pom) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      Document doc = factory.newDocumentBuilder().parse(pom.toFile());
      List<String> names = new ArrayList<>();
      NodeList modules = doc.getElementsByTagName("module");
      for (int i = 0; i < modules.getLength(); i++) {
        Element module = (Element) modules.item(i);
        String text = module.getTextContent().trim();
        if (!text.isEmpty()) {
          names.add(text);
        }
      }
      return names;
    } catch (Exception e) {
      // An unreadable POM is reported by MavenParser as a parse error; no modules from here.
      return List.of();
    }
  }

  private static List<Path> readClasspath(Path moduleDir) throws IOException {
    Path file = moduleDir.resolve(CLASSPATH_FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    String content = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (content.isEmpty()) {
      return List.of();
    }
    List<Path> entries = new ArrayList<>();
    for (String entry : content.split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry.strip());
      if (Files.exists(path)) {
        entries.add(path);
      }
    }
    return entries;
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

  /** Resolves {@code relative} under {@code root}, refusing anything that would land outside. */
  private static Path inside(Path root, Path relative) throws IOException {
    Path target = root.resolve(relative).normalize();
    Path realRoot = root.toRealPath();
    Path parent = target.getParent();
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (!target.startsWith(root) || existing == null || !existing.toRealPath().startsWith(realRoot)) {
      throw new IOException("refusing to write outside the checkout: " + relative);
    }
    return target;
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
