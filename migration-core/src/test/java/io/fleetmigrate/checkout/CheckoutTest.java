package io.fleetmigrate.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.testing.GitFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repositories with submodules: cloned with them, or a clear error naming the submodule. */
class CheckoutTest {
  @TempDir Path tmp;

  /** An origin whose one commit records {@code lib} as a submodule at {@code submoduleUrl}. */
  private Path appWithSubmodule(String name, Path lib, String submoduleUrl) throws Exception {
    Path origin = tmp.resolve(name + ".git");
    Path work = tmp.resolve(name + "-seed");
    try (Git bare = Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call();
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      Files.writeString(work.resolve("pom.xml"), "<project/>\n");
      git.add().addFilepattern("pom.xml").call();
      git.submoduleAdd().setPath("lib").setURI(lib.toUri().toString()).call().close();
      Files.writeString(work.resolve(".gitmodules"), "[submodule \"lib\"]\n\tpath = lib\n\turl = " + submoduleUrl + "\n");
      git.add().addFilepattern(".gitmodules").call();
      git.commit().setMessage("app with lib").setAuthor(GitFixtures.PERSON).setCommitter(GitFixtures.PERSON).setSign(false).call();
      git.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toString())).call();
      git.push().setRemote("origin").add("main").call();
    }
    return origin;
  }

  @Test
  void aRepositoryWithASubmoduleIsClonedWithIt() throws Exception {
    Path lib = GitFixtures.origin(tmp, "lib", Map.of("Lib.txt", "library\n"));
    Path app = appWithSubmodule("app", lib, lib.toUri().toString());

    try (Workspace ws = new Checkout().prepare(new RepoRef("app", app.toString(), null, null, List.of(), "test"), tmp.resolve("ws/app"), "fleet/x")) {
      assertThat(ws.dir().resolve("lib/Lib.txt")).hasContent("library");
      assertThat(ws.branch()).isEqualTo("fleet/x");
    }
  }

  @Test
  void aSubmoduleThatCannotBeFetchedIsAClearCheckoutError() throws Exception {
    Path lib = GitFixtures.origin(tmp, "lib", Map.of("Lib.txt", "library\n"));
    Path app = appWithSubmodule("app", lib, tmp.resolve("gone/lib.git").toUri().toString());

    assertThatThrownBy(() -> new Checkout().prepare(new RepoRef("app", app.toString(), null, null, List.of(), "test"), tmp.resolve("ws/app"), "fleet/x"))
        .isInstanceOf(CheckoutException.class)
        .hasMessageContaining("a submodule of " + app + " could not be cloned");
  }
}
