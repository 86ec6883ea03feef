package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrewrite.java.internal.JavaTypeCache;
import org.openrewrite.java.marker.JavaSourceSet;
import org.openrewrite.java.tree.JavaType;

/** The kept scans give exactly the types, in the order, OpenRewrite's own {@code JavaSourceSet.build} gives. */
class SourceSetTypesTest {
  @TempDir Path work;

  @Test
  void theSameTypesInTheSameOrderAsOpenRewrite() throws Exception {
    // A directory of compiled classes stands for a module's target/classes.
    Path classes = work.resolve("classes");
    Path source = work.resolve("src/com/example/Greeting.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package com.example; public interface Greeting { String hello(); }");
    assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString()))
        .isZero();
    List<Path> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("junit-4") || entry.contains("hamcrest") || entry.contains("commons-text")) {
        jars.add(Path.of(entry));
      }
    }
    assertThat(jars).as("jars from the test classpath").hasSizeGreaterThanOrEqualTo(2);
    List<Path> classpath = new ArrayList<>(jars);
    classpath.add(classes);

    assertThat(names(SourceSetTypes.build("test", classpath)))
        .contains("com.example.Greeting", "org.junit.Test", "java.util.List")
        .endsWith("java.lang.Object");
    // The second time from the kept scans.
    for (List<Path> cp : List.of(classpath, List.of(jars.get(0)), List.<Path>of(), classpath)) {
      assertThat(names(SourceSetTypes.build("test", cp)))
          .as("types of %s", cp)
          .isEqualTo(names(JavaSourceSet.build("test", cp, new JavaTypeCache(), false)));
    }
  }

  @Test
  void eachSourceSetIsAMarkerOfItsOwn() {
    JavaSourceSet a = SourceSetTypes.build("main", List.of());
    JavaSourceSet b = SourceSetTypes.build("main", List.of());
    assertThat(a.getId()).isNotEqualTo(b.getId());
    assertThat(a.getName()).isEqualTo("main");
  }

  private static List<String> names(JavaSourceSet set) {
    return set.getClasspath().stream().map(JavaType.FullyQualified::getFullyQualifiedName).toList();
  }
}
