package io.fleetmigrate.checkout;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;

/**
 * A fresh clone, on the campaign branch. Close it to release the repository.
 *
 * @param dir the working tree
 * @param git the clone
 * @param baseBranch the branch the campaign branch starts from (the repository's default)
 * @param baseCommit the commit at the tip of {@code baseBranch}
 * @param branch the campaign branch, checked out
 */
public record Workspace(Path dir, Git git, String baseBranch, String baseCommit, String branch) implements AutoCloseable {
  @Override
  public void close() {
    git.close();
  }
}
