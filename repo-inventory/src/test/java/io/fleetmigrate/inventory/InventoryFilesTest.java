package io.fleetmigrate.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryFilesTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void readsCsvWithOptionalColumnsAndTags() throws Exception {
    Path csv =
        write(
            "fleet.csv",
            """
            name,clone_url,default_branch,owner,tags
            # a comment line
            billing,https://git.example.com/billing.git,main,team-billing,java;backend
            docs,/srv/git/docs.git,,,
            """);

    List<RepoRef> repos = InventoryFiles.read(csv);

    assertThat(repos).hasSize(2);
    assertThat(repos.get(0))
        .isEqualTo(new RepoRef("billing", "https://git.example.com/billing.git", "main", "team-billing", List.of("java", "backend"), csv.toString()));
    assertThat(repos.get(1).defaultBranch()).isNull();
    assertThat(repos.get(1).owner()).isNull();
    assertThat(repos.get(1).tags()).isEmpty();
  }

  @Test
  void csvRowWithoutCloneUrlNamesItsLine() throws Exception {
    Path csv = write("fleet.csv", "name,clone_url\nok,/srv/ok.git\nbroken,\n");

    assertThatThrownBy(() -> InventoryFiles.read(csv))
        .isInstanceOf(InventoryFormatException.class)
        .hasMessage(csv + ":3:1: every row needs a name and a clone_url");
  }

  @Test
  void csvWithUnknownColumnIsRejected() throws Exception {
    Path csv = write("fleet.csv", "name,clone_url,colour\nok,/srv/ok.git,blue\n");

    assertThatThrownBy(() -> InventoryFiles.read(csv))
        .isInstanceOf(InventoryFormatException.class)
        .hasMessageContaining(":1:1: unknown column 'colour'");
  }

  @Test
  void csvDuplicateRepositoryIsRejected() throws Exception {
    Path csv = write("fleet.csv", "name,clone_url\na,/srv/a.git\na,/srv/b.git\n");

    assertThatThrownBy(() -> InventoryFiles.read(csv)).hasMessageContaining(":3:1: duplicate repository 'a'");
  }

  @Test
  void readsYaml() throws Exception {
    Path yaml =
        write(
            "fleet.yaml",
            """
            repositories:
              - name: billing
                url: https://git.example.com/billing.git
                branch: main
                owner: team-billing
                tags: [java]
              - name: docs
                url: /srv/git/docs.git
            """);

    List<RepoRef> repos = InventoryFiles.read(yaml);

    assertThat(repos).extracting(RepoRef::name).containsExactly("billing", "docs");
    assertThat(repos.get(0).tags()).containsExactly("java");
    assertThat(repos.get(1).defaultBranch()).isNull();
  }

  @Test
  void yamlUnknownFieldNamesLineAndColumn() throws Exception {
    Path yaml =
        write(
            "fleet.yaml",
            """
            repositories:
              - name: billing
                url: /srv/billing.git
                colour: blue
            """);

    assertThatThrownBy(() -> InventoryFiles.read(yaml))
        .isInstanceOf(InventoryFormatException.class)
        .hasMessageStartingWith(yaml + ":4:")
        .hasMessageContaining("colour");
  }

  @Test
  void yamlMissingUrlIsRejected() throws Exception {
    Path yaml = write("fleet.yaml", "repositories:\n  - name: billing\n");

    assertThatThrownBy(() -> InventoryFiles.read(yaml))
        .isInstanceOf(InventoryFormatException.class)
        .hasMessageContaining("url");
  }

  @Test
  void unknownExtensionIsRejected() throws Exception {
    Path txt = write("fleet.txt", "x");

    assertThatThrownBy(() -> InventoryFiles.read(txt)).hasMessageContaining("unknown inventory format");
  }

  @Test
  void cloneUrlWithCredentialsIsRefused() throws Exception {
    Path csv = write("fleet.csv", "name,clone_url\nsecret,https://bot:s3cr3t@git.example.com/a.git\n");

    assertThatThrownBy(() -> InventoryFiles.read(csv))
        .isInstanceOf(InventoryFormatException.class)
        .hasMessageContaining(":2:1: the clone URL of 'secret' carries a password or token")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void aTokenGivenAsTheUserNameAloneIsRefusedToo() throws Exception {
    // GitHub takes a token as the user name with no password: https://ghp_...@github.com/acme/x.git
    Path csv = write("fleet.csv", "name,clone_url\nok,https://github.com/acme/ok.git\nx,https://ghp_canary0123456789@github.com/acme/x.git\n");
    Path yaml = write("fleet.yaml", """
        repositories:
          - name: x
            url: http://glpat-canary0123456789@gitlab.example.com/acme/x.git
        """);

    assertThatThrownBy(() -> InventoryFiles.read(csv))
        .isInstanceOf(InventoryFormatException.class)
        .hasMessageContaining(":3:1: the clone URL of 'x' carries a password or token")
        .hasMessageNotContaining("ghp_canary");
    assertThatThrownBy(() -> InventoryFiles.read(yaml))
        .isInstanceOf(InventoryFormatException.class)
        .hasMessageContaining("the clone URL of 'x' carries a password or token")
        .hasMessageNotContaining("glpat-canary");
  }

  @Test
  void sshUserNamesAreAccountsNotCredentials() throws Exception {
    Path csv = write("fleet.csv", "name,clone_url\na,ssh://git@github.com/acme/a.git\nb,git@github.com:acme/b.git\n"
        + "c,https://github.com/acme/c.git?x=a@b\n");

    assertThat(InventoryFiles.read(csv)).extracting(RepoRef::cloneUrl)
        .containsExactly("ssh://git@github.com/acme/a.git", "git@github.com:acme/b.git", "https://github.com/acme/c.git?x=a@b");
    assertThatThrownBy(() -> InventoryFiles.read(write("pw.csv", "name,clone_url\na,ssh://git:s3cr3t@github.com/acme/a.git\n")))
        .hasMessageContaining("carries a password or token")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void badRepositoryNameIsRejectedWithItsLine() throws Exception {
    Path csv = write("fleet.csv", "name,clone_url\n../escape,/srv/a.git\n");

    assertThatThrownBy(() -> InventoryFiles.read(csv)).hasMessageContaining(":2:1: repository name '../escape'");
  }
}
