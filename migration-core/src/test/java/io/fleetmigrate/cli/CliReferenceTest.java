package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The CLI reference in docs/cli/ (one AsciiDoc page per command: usage, every option, the exit
 * codes) is picocli's ManPageGenerator run over the same command model as {@code --help}. The
 * pages are committed so that they can be read where the code is hosted; this test regenerates
 * them into target/cli-reference and fails when the committed ones differ. To update them after a
 * change to a command: {@code cp migration-core/target/cli-reference/*.adoc docs/cli/}.
 */
class CliReferenceTest {
  static final Path COMMITTED = Path.of("..", "docs", "cli");
  static final Path GENERATED = Path.of("target", "cli-reference");

  @Test
  void theCommittedCliReferenceIsTheOneTheCommandsGenerate() throws Exception {
    Files.createDirectories(GENERATED);
    try (Stream<Path> old = Files.list(GENERATED)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    int exit = ManPageGenerator.generateManPage(
        GENERATED.toFile(), null, new boolean[0], true, FleetMain.commandLine(new FleetCommand()).getCommandSpec());
    assertThat(exit).isZero();

    Map<String, String> generated = pages(GENERATED);
    assertThat(generated).containsKeys("fleet.adoc", "fleet-campaign-run.adoc", "fleet-doctor.adoc", "fleet-init.adoc");
    assertThat(generated.get("fleet.adoc")).contains("Exit codes", "70  internal error");
    assertThat(pages(COMMITTED))
        .as("docs/cli is out of date: cp migration-core/target/cli-reference/*.adoc docs/cli/")
        .isEqualTo(generated);
  }

  @Test
  void shellCompletionIsGeneratedFromTheSameModelAndKnowsEveryCommand() {
    io.fleetmigrate.testing.FleetCli.Result r = io.fleetmigrate.testing.FleetCli.run("generate-completion");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("complete -F _complete_fleet", "_picocli_fleet_doctor", "_picocli_fleet_init",
        "_picocli_fleet_campaign_run", "--dry-run");
  }

  private static Map<String, String> pages(Path dir) throws Exception {
    Map<String, String> pages = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return pages;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".adoc")).toList()) {
        pages.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return pages;
  }
}
