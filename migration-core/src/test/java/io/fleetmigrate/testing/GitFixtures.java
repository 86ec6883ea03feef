package io.fleetmigrate.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.URIish;

/** Repositories built in code: a bare origin with one commit of the given files. */
public final class GitFixtures {
  public static final PersonIdent PERSON = new PersonIdent("A Person", "person@example.com");

  private GitFixtures() {}

  /** The commit {@code branch} points at in the bare repository {@code bare}, or {@code null} (no such repository or branch). */
  public static String tip(Path bare, String branch) {
    if (!Files.isDirectory(bare)) {
      return null;
    }
    try (Git g = Git.open(bare.toFile())) {
      org.eclipse.jgit.lib.ObjectId id = g.getRepository().resolve("refs/heads/" + branch);
      return id == null ? null : id.name();
    } catch (Exception e) {
      return null;
    }
  }

  /** The files of the sample repository {@code sample} (copied under {@code scratch}), by relative path. */
  public static Map<String, String> sampleFiles(String sample, Path scratch) throws Exception {
    Map<String, String> files = new java.util.LinkedHashMap<>();
    Path copy = SampleRepos.copy(sample, scratch.resolve(sample));
    try (java.util.stream.Stream<Path> walk = Files.walk(copy)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(copy.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }

  /** A bare origin {@code PARENT/NAME.git} whose {@code main} holds one commit of {@code files}. */
  public static Path origin(Path parent, String name, Map<String, String> files) throws Exception {
    Path work = parent.resolve(name + "-seed");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = work.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return publish(work, parent.resolve(name + ".git"));
  }

  /** A bare origin {@code PARENT/NAME.git} whose {@code main} holds one commit of the sample project {@code sample}. */
  public static Path sampleOrigin(Path parent, String name, String sample) throws Exception {
    return publish(SampleRepos.copy(sample, parent.resolve(name + "-seed")), parent.resolve(name + ".git"));
  }

  /** Commits the tree {@code work} as {@code main} and pushes it to a new bare repository {@code origin}. */
  private static Path publish(Path work, Path origin) throws Exception {
    try (Git bare = Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call();
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("initial").setAuthor(PERSON).setCommitter(PERSON).setSign(false).call();
      git.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toString())).call();
      git.push().setRemote("origin").add("main").call();
    }
    return origin;
  }
}
