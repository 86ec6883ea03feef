package io.fleetmigrate.pipeline;

import io.fleetmigrate.checkout.Workspace;
import io.fleetmigrate.fix.FixOutcome;
import io.fleetmigrate.recipes.RewriteResult;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jspecify.annotations.Nullable;

/**
 * The commit of a green change on the campaign's branch. Stages exactly the files the recipes and
 * the model changed: whatever else the build touched (a generated file, a lock file) stays out.
 */
final class CommitStep {
  static final PersonIdent AUTHOR = new PersonIdent("Fleet Migrate", "fleet-migrate@localhost");

  private CommitStep() {}

  static RevCommit commit(Workspace ws, RewriteResult recipe, @Nullable FixOutcome fixed, String message) throws GitAPIException {
    Git git = ws.git();
    if (fixed != null) {
      for (String path : fixed.change().paths()) {
        if (fixed.change().after().get(path) == null) {
          git.rm().addFilepattern(path).call();
        } else {
          git.add().addFilepattern(path).call();
        }
      }
    }
    for (RewriteResult.ChangedFile file : recipe.changedFiles()) {
      switch (file.kind()) {
        case DELETED -> git.rm().addFilepattern(file.path()).call();
        case MOVED -> {
          git.rm().addFilepattern(Objects.requireNonNull(file.previousPath())).call();
          git.add().addFilepattern(file.path()).call();
        }
        default -> git.add().addFilepattern(file.path()).call();
      }
    }
    return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
  }
}
