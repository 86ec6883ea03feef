package io.fleetmigrate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every commit Fleet makes carries trailers that {@code git log --grep} finds. */
class CommitTrailersTest {
  private static final PersonIdent AUTHOR = new PersonIdent("Fleet Migrate", "fleet-migrate@localhost");

  @Test
  void gitLogGrepFindsTheCampaignTheRunAndTheModelThatEdited(@TempDir Path dir) throws Exception {
    CampaignSpec spec = CampaignSpecReader.parse("name: junit5\nrecipes: [a.Recipe]\n", "spec.yaml");
    String recipeOnly = PullRequestText.commitMessage(spec, "acme/billing", 41, null, "openai/gpt-4.1-mini");
    assertThat(recipeOnly).endsWith("\n\nFleet-Campaign: junit5\nFleet-Run: 41\n").doesNotContain("Fleet-Model");

    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.writeString(dir.resolve("a.txt"), "a", StandardCharsets.UTF_8);
      git.add().addFilepattern("a.txt").call();
      git.commit().setMessage(recipeOnly).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
      Files.writeString(dir.resolve("b.txt"), "b", StandardCharsets.UTF_8);
      git.add().addFilepattern("b.txt").call();
      git.commit().setMessage("Fixed by a model\n\n" + PullRequestText.trailers("junit5", 42, "openai/gpt-4.1-mini"))
          .setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
      Files.writeString(dir.resolve("c.txt"), "c", StandardCharsets.UTF_8);
      git.add().addFilepattern("c.txt").call();
      git.commit().setMessage("A person's commit").setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
    }

    assertThat(gitLog(dir, "--grep=^Fleet-Campaign: junit5$")).containsExactly("Fixed by a model", "Fleet Migrate: junit5");
    assertThat(gitLog(dir, "--grep=^Fleet-Run: 41$")).containsExactly("Fleet Migrate: junit5");
    assertThat(gitLog(dir, "--grep=^Fleet-Model: openai/")).containsExactly("Fixed by a model");
    // git itself reads them as trailers, not as body text.
    assertThat(git(dir, "log", "-1", "--skip=1", "--format=%(trailers:key=Fleet-Campaign,valueonly)").strip()).isEqualTo("junit5");
  }

  private static List<String> gitLog(Path dir, String grep) throws Exception {
    return git(dir, "log", "--format=%s", grep).lines().toList();
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
