package io.fleetmigrate.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

    assertThat(classpath.main()).containsExactly(api, lombok, natives);
    assertThat(classpath.test()).containsExactly(classes, api, lombok, driver, junit, natives);
  }

  @Test
  void noDependencyListMeansEmptyClasspaths() throws Exception {
    ModuleClasspath classpath = ModuleClasspath.read(module);

    assertThat(classpath.main()).isEmpty();
    assertThat(classpath.test()).isEmpty();
  }

  @Test
  void keepsColonsInTheFileName() {
    assertThat(ModuleClasspath.parse("   a:b:jar:1:test:C:\\m2\\b.jar -- module b"))
        .isEqualTo(new ModuleClasspath.Entry("test", Path.of("C:\\m2\\b.jar")));
    assertThat(ModuleClasspath.parse("The following files have been resolved:")).isNull();
  }
}
