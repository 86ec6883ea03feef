package io.fleetmigrate.recipes;

import static org.openrewrite.Tree.randomId;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.openrewrite.java.internal.JavaTypeCache;
import org.openrewrite.java.marker.JavaSourceSet;
import org.openrewrite.java.tree.JavaType;

/**
 * {@link JavaSourceSet#build(String, Collection, JavaTypeCache, boolean) JavaSourceSet.build} (the
 * types a source set's classpath declares, as the Maven plugin marks them), with the scans it is
 * made of kept for the JVM.
 *
 * <p>Measured on the sample fleet: OpenRewrite scans the JDK's every module again for each call,
 * 2-4 s on 2 cores, twice per module (main and test) in every repository, and most of the engine's
 * time on a warm repository. Here the JDK is scanned once per JVM and each jar once per JVM (by path,
 * size and modification time); directories (a module's own classes) are scanned every time. The
 * names each scan gives come from OpenRewrite's own filter ({@code packagesToTypeDeclarations}), and
 * the union is sorted by name as one ClassGraph scan sorts its classes: the same list of types.
 * {@code SourceSetTypesTest} holds it to {@code JavaSourceSet.build}. Should a later OpenRewrite
 * lose that filter, every call falls back to {@code JavaSourceSet.build}.
 */
final class SourceSetTypes {
  private static final String OBJECT = "java.lang.Object";
  private static final @Nullable Method FILTER = filter();
  /** Jars kept, the least recently used dropped first: a few hundred names each, tens of MB at most. */
  static final int JARS_KEPT = 1000;
  private static final Map<String, List<String>> BY_JAR =
      java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
          return size() > JARS_KEPT;
        }
      });
  private static volatile @Nullable List<String> jdk;
  private static volatile @Nullable List<JavaType.FullyQualified> jdkOnly;

  private SourceSetTypes() {}

  static JavaSourceSet build(String name, Collection<Path> classpath) {
    if (FILTER == null) {
      return JavaSourceSet.build(name, classpath, new JavaTypeCache(), false);
    }
    if (classpath.isEmpty()) {
      // OpenRewrite scans only the JDK's java packages then: one list per JVM.
      List<JavaType.FullyQualified> types = jdkOnly;
      if (types == null) {
        types = JavaSourceSet.build(name, classpath, new JavaTypeCache(), false).getClasspath();
        jdkOnly = types;
      }
      return new JavaSourceSet(randomId(), name, types, Map.of());
    }
    TreeSet<String> names = new TreeSet<>(jdk());
    for (Path entry : classpath) {
      names.addAll(entryNames(entry));
    }
    List<JavaType.FullyQualified> types = new ArrayList<>(names.size() + 1);
    for (String n : names) {
      types.add(JavaType.ShallowClass.build(n));
    }
    types.add(JavaType.ShallowClass.build(OBJECT)); // ClassGraph never lists it; OpenRewrite adds it last
    return new JavaSourceSet(randomId(), name, types, Map.of());
  }

  /** Scans the JDK now, once per JVM, so that the first source set with a classpath need not. */
  static void scanJdk() {
    if (FILTER != null) {
      jdk();
    }
  }

  private static List<String> jdk() {
    List<String> names = jdk;
    if (names == null) {
      // ClassGraph takes no empty classpath: an empty directory stands for none.
      Path none = null;
      try {
        none = Files.createTempDirectory("fleet-no-classpath");
        names = scan(new ClassGraph().overrideClasspath(List.of(none)).enableSystemJarsAndModules());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot create an empty directory to scan the JDK with: " + e.getMessage(), e);
      } finally {
        if (none != null) {
          none.toFile().delete();
        }
      }
      jdk = names;
    }
    return names;
  }

  private static List<String> entryNames(Path entry) {
    if (!Files.isRegularFile(entry)) {
      return scan(new ClassGraph().overrideClasspath(List.of(entry)));
    }
    String key;
    try {
      BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class);
      key = entry.toAbsolutePath().normalize() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return scan(new ClassGraph().overrideClasspath(List.of(entry)));
    }
    List<String> names = BY_JAR.get(key);
    if (names == null) {
      names = scan(new ClassGraph().overrideClasspath(List.of(entry)));
      BY_JAR.put(key, names);
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static List<String> scan(ClassGraph graph) {
    try (ScanResult result = graph.enableClassInfo().ignoreClassVisibility().scan()) {
      return List.copyOf((List<String>) FILTER.invoke(null, result));
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("OpenRewrite's type filter failed: " + e, e);
    }
  }

  private static @Nullable Method filter() {
    try {
      Method m = JavaSourceSet.class.getDeclaredMethod("packagesToTypeDeclarations", ScanResult.class);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException | RuntimeException e) {
      return null;
    }
  }
}
