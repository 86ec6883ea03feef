package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleClasspathTest {
  @TempDir Path module;

  @Test
  void splitsScopesLikeMavensCompileAndTestClasspaths() throws Exception {
    Path api = Files.createFile(module.resolve("api.jar"));
    Path lombok = Files.createFile(module.resolve("lombok.jar"));
    Path driver = Files.createFile(module.resolve("driver.jar"));
    Path junit = Files.createFile(module.resolve("junit.jar"));
    Path natives = Files.createFile(module.resolve("natives.jar"));
    Path classes = Files.createDirectories(module.resolve("target/classes"));
    Path testClasses = Files.createDirectories(module.resolve("target/test-classes"));
    Files.writeString(
        module.resolve(ModuleClasspath.DEPENDENCIES_FILE),
        String.join(
            "\n",
            "",
            "The following files have been resolved:",
            "   com.example:api:jar:1.0:compile:" + api + " -- module api (auto)",
            "   org.projectlombok:lombok:jar:1.18.30:provided:" + lombok,
            "   org.postgresql:postgresql:jar:42.7.1:runtime:" + driver + " -- module org.postgresql.jdbc",
            "   junit:junit:jar:4.13.2:test:" + junit + " -- module junit [auto]",
            "   com.example:natives:jar:linux-x86_64:2.0:compile:" + natives,
            "   com.example:gone:jar:1.0:compile:" + module.resolve("gone.jar"),
            ""));

    ModuleClasspath classpath = ModuleClasspath.read(module);

    assertThat(classpath.main()).containsExactly(classes, api, lombok, natives);
    assertThat(classpath.test()).containsExactly(testClasses, classes, api, lombok, driver, junit, natives);
  }

  @Test
  void noDependencyListMeansEmptyClasspaths() throws Exception {
    ModuleClasspath classpath = ModuleClasspath.read(module);

    assertThat(classpath.main()).isEmpty();
    assertThat(classpath.test()).isEmpty();
  }

  @Test
  void readsTheFileOfOptionalDependenciesAndModuleSuffixes() {
    // Each suffix maven-dependency-plugin 3.11.0 writes after the file, alone and together.
    String kryo = "/root/.m2/repository/com/esotericsoftware/kryo/5.3.0/kryo-5.3.0.jar";
    for (String suffix :
        List.of(
            "", " (optional)", " -- module com.esotericsoftware.kryo", " -- module com.esotericsoftware.kryo [auto]",
            " -- module kryo (auto)", " (optional) -- module com.esotericsoftware.kryo",
            " (optional) -- module com.esotericsoftware.kryo [auto]", " (optional) -- module kryo (auto)")) {
      assertThat(ModuleClasspath.parse("   com.esotericsoftware:kryo:jar:5.3.0:compile:" + kryo + suffix))
          .as(suffix)
          .isEqualTo(new ModuleClasspath.Entry("compile", Path.of(kryo)));
    }
    assertThat(ModuleClasspath.parse("   org.jspecify:jspecify:jar:1.0.0:provided:/home/a b/.m2/jspecify-1.0.0.jar (optional)"))
        .isEqualTo(new ModuleClasspath.Entry("provided", Path.of("/home/a b/.m2/jspecify-1.0.0.jar")));
  }

  @Test
  void optionalDependenciesAreOnTheClasspath() throws Exception {
    Path kryo = Files.createFile(module.resolve("kryo.jar"));
    Path jspecify = Files.createFile(module.resolve("jspecify.jar"));
    Files.createDirectories(module.resolve("target"));
    Files.writeString(
        module.resolve(ModuleClasspath.DEPENDENCIES_FILE),
        "The following files have been resolved:\n"
            + "   com.esotericsoftware:kryo:jar:5.3.0:compile:" + kryo + " (optional) -- module com.esotericsoftware.kryo [auto]\n"
            + "   org.jspecify:jspecify:jar:1.0.0:compile:" + jspecify + " (optional) -- module org.jspecify\n");

    ModuleClasspath classpath = ModuleClasspath.read(module);

    assertThat(classpath.main()).containsExactly(kryo, jspecify);
    assertThat(classpath.test()).containsExactly(kryo, jspecify);
  }

  @Test
  void keepsColonsInTheFileName() {
    assertThat(ModuleClasspath.parse("   a:b:jar:1:test:C:\\m2\\b.jar -- module b"))
        .isEqualTo(new ModuleClasspath.Entry("test", Path.of("C:\\m2\\b.jar")));
    assertThat(ModuleClasspath.parse("The following files have been resolved:")).isNull();
  }
}
