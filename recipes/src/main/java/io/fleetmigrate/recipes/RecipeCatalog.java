package io.fleetmigrate.recipes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.jspecify.annotations.Nullable;
import org.openrewrite.Recipe;
import org.openrewrite.Validated;
import org.openrewrite.config.ClasspathScanningLoader;
import org.openrewrite.config.Environment;
import org.openrewrite.config.OptionDescriptor;
import org.openrewrite.config.RecipeDescriptor;
import org.openrewrite.config.ResourceLoader;
import org.openrewrite.config.YamlResourceLoader;

/**
 * Every recipe Fleet Migrate can run: the recipe modules on the classpath, the declarative YAML
 * recipes shipped in {@code META-INF/rewrite/}, and any YAML recipes given with a campaign.
 *
 * <p>Running a campaign loads only its recipes and what they include ({@link RecipeIndex} finds a
 * declarative recipe's YAML file; a Java recipe is loaded by its class name). Listing and describing
 * scan the whole classpath, once per JVM (seconds). {@link #withRecipeYaml} layers a campaign's own
 * YAML recipes over the classpath's without scanning again.
 */
public final class RecipeCatalog {
  /** The name of the declarative recipe a campaign's recipe list becomes. */
  static final String CAMPAIGN_RECIPE = "io.fleetmigrate.CampaignRecipes";

  private static final ObjectMapper YAML = new YAMLMapper();

  private final List<ResourceLoader> loaders;
  private final Environment environment;
  private @Nullable Map<String, RecipeDescriptor> descriptors;
  // Building a campaign's recipe initialises every declarative recipe it reaches (seconds); recipes
  // keep no per-repository state (a scanning recipe's accumulator lives in the execution context),
  // so one instance serves every repository of a campaign, as the Environment's own instances do.
  private final Map<List<RecipeUse>, Recipe> activated = new java.util.concurrent.ConcurrentHashMap<>();

  private RecipeCatalog(List<ResourceLoader> loaders) {
    this.loaders = List.copyOf(loaders);
    this.environment = new Environment(this.loaders);
  }

  /**
   * The runtime classpath's recipes: Java recipes and {@code META-INF/rewrite/*.yml}, loaded as
   * they are needed (a listing scans them all, in seconds) and kept for the JVM, since the
   * classpath does not change.
   */
  public static RecipeCatalog scan() {
    return Scanned.CATALOG;
  }

  private static final class Scanned {
    static final RecipeCatalog CATALOG = scan(RecipeCatalog.class.getClassLoader());
  }

  /**
   * Scans the classpath of {@code classLoader}. OpenRewrite's scan walks each classpath entry as a
   * {@link Path} and skips an entry whose path it has seen; in the executable jar every entry is a
   * nested jar ({@code jar:nested:...!/}) whose path is its own root, {@code /}, so only the first
   * entry was scanned and every Java recipe of the recipe modules was missing. There, each entry
   * gets a loader of its own (OpenRewrite's per-jar loader, as its Maven plugin uses for recipe
   * artifacts); the classes still come from {@code classLoader}.
   */
  static RecipeCatalog scan(ClassLoader classLoader) {
    // The index first: it finds a declarative recipe's one YAML file; the scan has everything else.
    List<ResourceLoader> loaders = new ArrayList<>(List.of(RecipeIndex.of(classLoader)));
    List<Path> nested = nestedEntries(classLoader);
    if (nested.isEmpty()) {
      loaders.add(new ClasspathScanningLoader(new Properties(), classLoader));
    }
    for (Path entry : nested) {
      loaders.add(new ClasspathScanningLoader(entry, new Properties(), List.of(), classLoader));
    }
    return new RecipeCatalog(loaders);
  }

  /** The entries of a class loader made of jars inside a jar, as paths; empty for a plain classpath. */
  static List<Path> nestedEntries(ClassLoader classLoader) {
    if (!(classLoader instanceof URLClassLoader urls)
        || Arrays.stream(urls.getURLs()).noneMatch(u -> "jar".equals(u.getProtocol()))) {
      return List.of();
    }
    List<Path> entries = new ArrayList<>();
    for (URL url : urls.getURLs()) {
      try {
        URI uri = url.toURI();
        try {
          entries.add(Path.of(uri));
        } catch (FileSystemNotFoundException notOpen) {
          // Stays open for the life of the JVM, as the class loader's own view of the jar does.
          entries.add(FileSystems.newFileSystem(uri, Map.of()).getPath("/"));
        }
      } catch (URISyntaxException | IOException | RuntimeException e) {
        throw new IllegalStateException("cannot read the classpath entry " + url + " for recipes: " + e.getMessage(), e);
      }
    }
    return entries;
  }

  /**
   * The OpenRewrite modules on the classpath and their versions ({@code rewrite-spring 6.37.1}),
   * sorted, from the jars' own manifests; cheap, since nothing is scanned.
   */
  public static List<String> modules() {
    Set<String> modules = new TreeSet<>();
    try {
      var manifests = RecipeCatalog.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
      while (manifests.hasMoreElements()) {
        try (var in = manifests.nextElement().openStream()) {
          String title = new java.util.jar.Manifest(in).getMainAttributes().getValue("Implementation-Title");
          // OpenRewrite writes "org.openrewrite.recipe#rewrite-spring;6.37.1".
          if (title != null && title.startsWith("org.openrewrite") && title.contains("#rewrite-") && title.contains(";")) {
            modules.add(title.substring(title.indexOf('#') + 1).replace(';', ' '));
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the classpath's manifests: " + e.getMessage(), e);
    }
    return List.copyOf(modules);
  }

  /**
   * This catalog plus the declarative recipes in {@code yaml} (one or more documents of {@code
   * type: specs.openrewrite.org/v1beta/recipe}); {@code source} names it in messages.
   */
  public RecipeCatalog withRecipeYaml(String yaml, String source) throws InvalidRecipeException {
    if (yaml.isBlank()) {
      return this;
    }
    try {
      ResourceLoader extra = yamlLoader(yaml, source);
      extra.listRecipes(); // fails now, with the file's name, rather than in the middle of a run
      List<ResourceLoader> all = new ArrayList<>(loaders);
      all.add(extra);
      return new RecipeCatalog(all);
    } catch (RuntimeException e) {
      throw new InvalidRecipeException(source + ": the YAML recipes do not load: " + e.getMessage(), e);
    }
  }

  private YamlResourceLoader yamlLoader(String yaml, String source) {
    return new YamlResourceLoader(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
        URI.create("fleet:" + source.replaceAll("[^A-Za-z0-9._/-]", "_")),
        new Properties(),
        RecipeCatalog.class.getClassLoader(),
        loaders);
  }

  /** A recipe in a listing. */
  public record Summary(String name, String displayName, String description) {}

  /** One option of a recipe. */
  public record Option(
      String name, String type, boolean required, String description, @Nullable String example, List<String> valid) {
    public Option {
      valid = List.copyOf(valid);
    }
  }

  /** Everything {@code fleet recipes describe} shows about one recipe. */
  public record Description(
      String name,
      String displayName,
      String description,
      Set<String> tags,
      List<Option> options,
      List<String> recipeList,
      String source) {
    public Description {
      tags = Set.copyOf(tags);
      options = List.copyOf(options);
      recipeList = List.copyOf(recipeList);
    }
  }

  private synchronized Map<String, RecipeDescriptor> descriptors() {
    if (descriptors == null) {
      Map<String, RecipeDescriptor> byName = new LinkedHashMap<>();
      environment.listRecipeDescriptors().stream()
          .sorted(Comparator.comparing(RecipeDescriptor::getName))
          .forEach(d -> byName.putIfAbsent(d.getName(), d));
      descriptors = byName;
    }
    return descriptors;
  }

  /** Every recipe whose name, display name, description or tags contain {@code search} (all when null). */
  public List<Summary> list(@Nullable String search) {
    String needle = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    return descriptors().values().stream()
        .filter(d -> needle.isEmpty() || matches(d, needle))
        .map(d -> new Summary(d.getName(), oneLine(d.getDisplayName()), oneLine(d.getDescription())))
        .toList();
  }

  private static boolean matches(RecipeDescriptor d, String needle) {
    return d.getName().toLowerCase(Locale.ROOT).contains(needle)
        || d.getDisplayName().toLowerCase(Locale.ROOT).contains(needle)
        || (d.getDescription() != null && d.getDescription().toLowerCase(Locale.ROOT).contains(needle))
        || d.getTags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle));
  }

  /** The recipe named {@code name}. */
  public Description describe(String name) throws RecipeNotFoundException {
    RecipeDescriptor d = descriptor(name);
    List<Option> options =
        d.getOptions().stream()
            .map(o -> new Option(o.getName(), o.getType(), o.isRequired(), oneLine(o.getDescription()), o.getExample(),
                o.getValid() == null ? List.of() : o.getValid()))
            .toList();
    return new Description(
        d.getName(), oneLine(d.getDisplayName()), d.getDescription() == null ? "" : d.getDescription().strip(),
        d.getTags(), options, d.getRecipeList().stream().map(RecipeDescriptor::getName).toList(),
        d.getSource() == null ? "" : d.getSource().toString());
  }

  private RecipeDescriptor descriptor(String name) throws RecipeNotFoundException {
    RecipeDescriptor d = descriptors().get(name);
    if (d == null) {
      throw new RecipeNotFoundException(name, nearest(name, descriptors().keySet()));
    }
    return d;
  }

  /**
   * Checks that every recipe exists, that every option set is one the recipe has, and that the
   * recipes accept the options' values (required options present, valid values).
   */
  public void validate(List<RecipeUse> uses) throws InvalidRecipeException {
    activate(uses);
  }

  /** The campaign's recipes as one recipe, run in the spec's order with the spec's options. */
  public Recipe activate(List<RecipeUse> uses) throws InvalidRecipeException {
    List<RecipeUse> key = List.copyOf(uses);
    Recipe cached = activated.get(key);
    if (cached != null) {
      return cached;
    }
    Recipe recipe = load(key);
    activated.put(key, recipe);
    return recipe;
  }

  private Recipe load(List<RecipeUse> uses) throws InvalidRecipeException {
    if (uses.isEmpty()) {
      throw new InvalidRecipeException("no recipe to run");
    }
    for (RecipeUse use : uses) {
      Set<String> known =
          named(use.name()).getDescriptor().getOptions().stream().map(OptionDescriptor::getName)
              .collect(Collectors.toCollection(TreeSet::new));
      for (String option : use.options().keySet()) {
        if (!known.contains(option)) {
          throw new RecipeOptionsException(
              "recipe " + use.name() + " has no option '" + option + "'"
                  + (known.isEmpty() ? "; it takes none" : "; its options: " + String.join(", ", known)),
              use.name(), option);
        }
      }
    }
    Recipe recipe;
    try {
      // The same path as a rewrite.yml for the Maven plugin: a declarative recipe listing the
      // recipes with their options, bound by OpenRewrite's own loader.
      // Every loader as a resource loader, none as a dependency: OpenRewrite then loads the named
      // recipes and what they include one by one (ResourceLoader.loadRecipe), where a dependency
      // loader is listed whole (every recipe of every jar, seconds).
      List<ResourceLoader> all = new ArrayList<>();
      all.add(yamlLoader(campaignYaml(uses), "campaign"));
      all.addAll(loaders);
      recipe = new Environment(all).activateRecipes(CAMPAIGN_RECIPE);
    } catch (RuntimeException e) {
      throw new RecipeOptionsException("the recipe options cannot be applied: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    for (Validated<Object> validated : recipe.validateAll()) {
      for (Validated.Invalid<Object> failure : validated.failures()) {
        problems.add(failure.getProperty() + ": " + failure.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new RecipeOptionsException("invalid recipe options: " + String.join("; ", problems));
    }
    return recipe;
  }

  /**
   * The recipe named {@code name}, without options, loaded on its own from the first loader that has
   * it; only a name no loader has costs the whole listing (for the nearest names).
   */
  private Recipe named(String name) throws RecipeNotFoundException {
    for (ResourceLoader loader : loaders) {
      Recipe recipe = loader.loadRecipe(name);
      if (recipe != null) {
        return recipe;
      }
    }
    throw new RecipeNotFoundException(name, nearest(name, descriptors().keySet()));
  }

  static String campaignYaml(List<RecipeUse> uses) {
    List<Object> recipeList = new ArrayList<>();
    for (RecipeUse use : uses) {
      recipeList.add(use.options().isEmpty() ? use.name() : Map.of(use.name(), use.options()));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", "specs.openrewrite.org/v1beta/recipe");
    doc.put("name", CAMPAIGN_RECIPE);
    doc.put("displayName", "The campaign's recipes");
    doc.put("description", "The recipes of a campaign spec, in order, with their options.");
    doc.put("recipeList", recipeList);
    try {
      return YAML.writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the campaign recipe", e);
    }
  }

  /** Nearest names first by simple name (people misspell the last part), then by full name. */
  static List<String> nearest(String name, Set<String> known) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    String simple = name.substring(name.lastIndexOf('.') + 1);
    return known.stream()
        .sorted(
            Comparator.comparingInt((String k) -> distance.apply(simple, k.substring(k.lastIndexOf('.') + 1)))
                .thenComparingInt(k -> distance.apply(name, k))
                .thenComparing(Comparator.naturalOrder()))
        .limit(3)
        .toList();
  }

  private static String oneLine(@Nullable String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }
}
