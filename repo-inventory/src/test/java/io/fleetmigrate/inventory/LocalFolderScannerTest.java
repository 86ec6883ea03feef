package io.fleetmigrate.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderScannerTest {
  @TempDir Path dir;

  @Test
  void findsBareRepositoriesAndWorkingCopiesButNotOtherFolders() throws Exception {
    Path bare = Files.createDirectories(dir.resolve("billing.git"));
    Files.writeString(bare.resolve("HEAD"), "ref: refs/heads/main\n");
    Files.createDirectories(bare.resolve("objects"));
    Files.createDirectories(dir.resolve("docs/.git"));
    Files.createDirectories(dir.resolve("not-a-repo/src"));
    Files.writeString(dir.resolve("README.md"), "x");

    List<RepoRef> repos = LocalFolderScanner.scan(dir);

    assertThat(repos).extracting(RepoRef::name).containsExactly("billing", "docs");
    assertThat(repos.get(0).cloneUrl()).isEqualTo(bare.toAbsolutePath().toString());
  }

  @Test
  void aFolderWhoseNameCannotBeARepositoryNameIsAClearError() throws Exception {
    Files.createDirectories(dir.resolve("bad name/.git"));

    assertThatThrownBy(() -> LocalFolderScanner.scan(dir))
        .isInstanceOf(InventoryFormatException.class)
        .hasMessageContaining("bad name")
        .hasMessageContaining("rename the folder");
  }

  @Test
  void folderWithoutRepositoriesIsAnError() {
    assertThatThrownBy(() -> LocalFolderScanner.scan(dir))
        .isInstanceOf(InventoryFormatException.class)
        .hasMessageContaining("holds no git repositories");
  }

  @Test
  void plainFoldersBesideRepositoriesAreNamedAsSkipped() throws Exception {
    Files.createDirectories(dir.resolve("billing/.git"));
    Files.createDirectories(dir.resolve("docs"));
    Files.createDirectories(dir.resolve(".cache"));

    LocalFolderScanner.Found found = LocalFolderScanner.find(dir);

    assertThat(found.repositories()).extracting(RepoRef::name).containsExactly("billing");
    assertThat(found.skipped()).containsExactly("docs");
  }
}
