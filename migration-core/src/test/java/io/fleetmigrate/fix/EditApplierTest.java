package io.fleetmigrate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditApplierTest {
  @TempDir Path root;
  @TempDir Path elsewhere;

  @Test
  void appliesAnEditWhoseSearchTextOccursOnceAndRemembersTheOriginal() throws Exception {
    Files.createDirectories(root.resolve("src"));
    Files.writeString(root.resolve("src/A.java"), "class A { int x = 1; }\n");

    EditApplier.Applied applied = EditApplier.apply(root, List.of(new Edit("src/A.java", "x = 1", "x = 2")));

    assertThat(applied.rejected()).isEmpty();
    assertThat(Files.readString(root.resolve("src/A.java"))).isEqualTo("class A { int x = 2; }\n");
    assertThat(applied.before()).containsEntry("src/A.java", "class A { int x = 1; }\n");

    EditApplier.restore(root, applied.before());
    assertThat(Files.readString(root.resolve("src/A.java"))).isEqualTo("class A { int x = 1; }\n");
  }

  @Test
  void refusesAmbiguousMissingAndEscapingEditsAndSaysWhy() throws Exception {
    Files.writeString(root.resolve("A.java"), "a a");
    Files.writeString(elsewhere.resolve("secret.txt"), "s");
    Files.createSymbolicLink(root.resolve("link"), elsewhere);

    EditApplier.Applied applied = EditApplier.apply(root, List.of(
        new Edit("A.java", "a", "b"),
        new Edit("A.java", "zzz", "b"),
        new Edit("../" + elsewhere.getFileName() + "/secret.txt", "s", "x"),
        new Edit(elsewhere.resolve("secret.txt").toString(), "s", "x"),
        new Edit("link/secret.txt", "s", "x"),
        new Edit(".git/config", "", "x"),
        new Edit("Missing.java", "x", "y"),
        new Edit("A.java", "", "overwrite")));

    assertThat(applied.applied()).isEmpty();
    assertThat(applied.rejected()).extracting(EditApplier.Rejection::reason)
        .satisfiesExactly(
            r -> assertThat(r).contains("occurs 2 times"),
            r -> assertThat(r).contains("does not occur"),
            r -> assertThat(r).contains("outside the repository"),
            r -> assertThat(r).contains("not a path relative"),
            r -> assertThat(r).contains("symbolic link"),
            r -> assertThat(r).contains("inside .git"),
            r -> assertThat(r).contains("does not exist"),
            r -> assertThat(r).contains("creates new files only"));
    assertThat(Files.readString(elsewhere.resolve("secret.txt"))).isEqualTo("s");
    assertThat(Files.readString(root.resolve("A.java"))).isEqualTo("a a");
  }

  @Test
  void emptySearchCreatesANewFileThatRestoreRemoves() throws Exception {
    EditApplier.Applied applied = EditApplier.apply(root, List.of(new Edit("src/New.java", "", "class New {}")));

    assertThat(Files.readString(root.resolve("src/New.java"))).isEqualTo("class New {}");
    EditApplier.restore(root, applied.before());
    assertThat(root.resolve("src/New.java")).doesNotExist();
  }
}
