package io.fleetmigrate.checkout;

import io.fleetmigrate.inventory.RepoRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.jspecify.annotations.Nullable;

/** Clones a repository into its own workspace and checks out the campaign branch. */
public class Checkout {
  /** How long a git transport may wait on a silent server (per read, JGit's {@code setTimeout}) before it fails. */
  public static final Duration GIT_TIMEOUT = Duration.ofMinutes(5);

  private final Duration timeout;

  public Checkout() {
    this(GIT_TIMEOUT);
  }

  /** With another transport timeout (tests). */
  public Checkout(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Clones {@code repo} into {@code dir} (removing what an earlier run left there) and creates
   * {@code branch} at the tip of the repository's default branch.
   */
  public Workspace prepare(RepoRef repo, Path dir, String branch) throws CheckoutException {
    return prepare(repo, dir, branch, null);
  }

  /** Like {@link #prepare(RepoRef, Path, String)}, with credentials for a host that needs them (never in the URL). */
  public Workspace prepare(RepoRef repo, Path dir, String branch, @Nullable CredentialsProvider credentials)
      throws CheckoutException {
    try {
      deleteRecursively(dir);
      Files.createDirectories(dir.getParent());
    } catch (IOException e) {
      throw new CheckoutException("cannot prepare workspace " + dir + ": " + e.getMessage(), e);
    }
    Git git;
    try {
      var clone = Git.cloneRepository().setURI(repo.cloneUrl()).setDirectory(dir.toFile()).setCloneAllBranches(false)
          .setTimeout(Math.toIntExact(Math.max(1, timeout.toSeconds())));
      if (credentials != null) {
        clone.setCredentialsProvider(credentials);
      }
      if (repo.defaultBranch() != null) {
        clone.setBranch(repo.defaultBranch());
      }
      git = clone.call();
    } catch (InvalidRemoteException | TransportException e) {
      throw new CheckoutException("cannot clone " + repo.cloneUrl() + ": " + rootMessage(e), e);
    } catch (GitAPIException | RuntimeException e) {
      throw new CheckoutException("clone of " + repo.cloneUrl() + " failed: " + rootMessage(e), e);
    }
    try {
      Repository r = git.getRepository();
      ObjectId head = r.resolve("HEAD");
      if (head == null) {
        throw new CheckoutException(repo.cloneUrl() + " has no commits on its default branch");
      }
      String baseBranch = r.getBranch();
      if (repo.defaultBranch() != null && !repo.defaultBranch().equals(baseBranch)) {
        throw new CheckoutException("branch '" + repo.defaultBranch() + "' not found in " + repo.cloneUrl());
      }
      git.checkout().setCreateBranch(true).setName(branch).call();
      submodules(git, repo);
      return new Workspace(dir, git, baseBranch, head.name(), branch);
    } catch (CheckoutException e) {
      git.close();
      throw e;
    } catch (IOException | GitAPIException | RuntimeException e) {
      git.close();
      throw new CheckoutException("cannot create branch " + branch + ": " + rootMessage(e), e);
    }
  }

  /**
   * A repository with submodules gets them too, at the commits it records: its build usually needs
   * them. One that cannot be fetched ends this repository with a message naming it.
   */
  private static void submodules(Git git, RepoRef repo) throws CheckoutException {
    if (!Files.isRegularFile(git.getRepository().getWorkTree().toPath().resolve(".gitmodules"))) {
      return;
    }
    try {
      git.submoduleInit().call();
      git.submoduleUpdate().call();
    } catch (GitAPIException | RuntimeException e) {
      throw new CheckoutException("a submodule of " + repo.cloneUrl() + " could not be cloned: " + rootMessage(e), e);
    }
  }

  /**
   * The remote's refs (name to commit id) without cloning: {@code HEAD}, {@code refs/heads/...}.
   * One round trip; what a no-op re-run decides on.
   */
  public java.util.Map<String, String> remoteRefs(RepoRef repo) throws CheckoutException {
    return remoteRefs(repo, null);
  }

  /** Like {@link #remoteRefs(RepoRef)}, with credentials for a host that needs them (never in the URL). */
  public java.util.Map<String, String> remoteRefs(RepoRef repo, @Nullable CredentialsProvider credentials) throws CheckoutException {
    try {
      java.util.Map<String, String> refs = new java.util.HashMap<>();
      var ls = Git.lsRemoteRepository().setRemote(repo.cloneUrl()).setTimeout((int) timeout.toSeconds());
      if (credentials != null) {
        ls.setCredentialsProvider(credentials);
      }
      ls.callAsMap().forEach((name, ref) -> {
        if (ref.getObjectId() != null) {
          refs.put(name, ref.getObjectId().name());
        }
      });
      return refs;
    } catch (GitAPIException | RuntimeException e) {
      throw new CheckoutException("cannot list the refs of " + repo.cloneUrl() + ": " + rootMessage(e), e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.replaceAll("\\s+", " ").strip();
  }

  /** Removes {@code dir} and everything below it, without following symbolic links. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
