package io.fleetmigrate.build;

import io.fleetmigrate.build.jdk.JdkRequirement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A build system Fleet can run a repository's build with: its commands (the baseline's, the
 * default lint and compile stages, the warm step's), the classpaths it resolves without a build
 * ({@link #classpaths}), the reader of its logs ({@link #log}), and the JDK a checkout of it needs.
 * {@link BuildRunner}, given a tool with {@link BuildRunner#with}, keeps what does not depend on it:
 * process control, the sandbox, the time limit, the network policy. {@link BuildTools#detect} picks
 * the one a checkout uses; today that is {@link MavenBuildTool} or none. (Still Maven's inside
 * {@link BuildRunner}: the form of its settings on the command line, {@code MAVEN_ARGS}.)
 *
 * <p>How Gradle would plug in (not built: no Gradle distribution is reachable here): a {@code
 * GradleBuildTool} detected by {@code settings.gradle(.kts)} / {@code build.gradle(.kts)}, running
 * the project's own wrapper ({@code ./gradlew}, its distribution fetched into a read-only cache
 * like Maven's wrapper); the baseline's classpaths from an init script ({@code --init-script})
 * that adds a task writing each project's resolved {@code compileClasspath} and {@code
 * testCompileClasspath} to the same per-module file {@code ModuleClasspath} reads; the JDK from
 * the Java toolchain ({@code java.toolchain.languageVersion}) or {@code sourceCompatibility},
 * with {@code org.gradle.java.installations.paths} set to the known JDKs as Maven gets {@code
 * toolchains.xml}; lint from the applied plugins (Checkstyle, Spotless), as the Tooling API
 * reports them without running a build; its log reader for compiler errors and test failures
 * (the JUnit XML reports are the same). The pipeline would not change: it asks {@link
 * BuildTools#detect} and calls this interface.
 */
public interface BuildTool {
  /** Its name in reasons and logs ({@code Maven}). */
  String name();

  /** {@code mvn} or {@code ./mvnw} (this tool's launcher) when {@code command} runs this tool, else {@code null}. */
  @Nullable String launcher(String command);

  /** The baseline's command: the verify command, plus what writes each module's classpaths for the recipe engine. */
  String baselineCommand(String verifyCommand);

  /** The lint stage for the checkout in {@code dir} when it configures a linter this tool knows, else {@code null}. */
  @Nullable String lintCommand(Path dir, String verifyCommand);

  /** The compile stage ({@code test-compile}) with the verify command's launcher, else {@code null}. */
  @Nullable String compileCommand(String verifyCommand);

  /**
   * The classpaths without a build (for the nothing-to-do check), resolved by {@code builds} (on
   * the baseline's JDK), cached in {@code cacheDir}.
   */
  ClasspathResolver classpaths(BuildRunner builds, Path cacheDir);

  /** The reader of this tool's build logs, for the fix prompt's diagnostics. */
  BuildLog log();

  /** The JDK the checkout in {@code dir} names, with the file and line that say so; empty when nothing does. */
  Optional<JdkRequirement> jdkRequirement(Path dir);

  /**
   * The warm step's command, run by Fleet's own launcher in {@link #buildFilesOnly a copy of the
   * build files} with the network: on the first round ({@code first}) whatever the build files name,
   * then each of {@code fetch}.
   */
  String warmCommand(boolean first, List<String> fetch);

  /** Of what a run lacked ({@link BuildLog#lacked}), what the warm step can fetch by name. */
  List<String> fetchable(List<String> lacked);

  /**
   * A copy of the checkout's build files alone, in their directories, beside it (replaced when it
   * exists): the warm step runs there, away from the project's sources, scripts and tool settings.
   */
  Path buildFilesOnly(Path workdir) throws IOException;
}
