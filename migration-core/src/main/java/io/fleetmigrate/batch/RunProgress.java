package io.fleetmigrate.batch;

import io.fleetmigrate.campaign.RepoOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Tells whoever listens (the CLI's progress printer) when a repository starts and ends. */
@Component
public class RunProgress {
  /** A listener; called from the build lanes, so implementations must be thread-safe. */
  public interface Listener {
    default void runStarted(long runId, int repositories) {}

    /** An unfinished run carried on: {@code done} of its {@code repositories} already have an outcome. */
    default void runResumed(long runId, int repositories, int done) {
      runStarted(runId, repositories);
    }

    /**
     * Something the person running the command should know, in a sentence: why a run is carried on
     * or replaced, a remote worker that died.
     */
    default void notice(String message) {}

    default void started(String repository) {}

    default void finished(RepoOutcome outcome) {}
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public void add(Listener listener) {
    listeners.add(listener);
  }

  public void remove(Listener listener) {
    listeners.remove(listener);
  }

  public void runStarted(long runId, int repositories) {
    listeners.forEach(l -> l.runStarted(runId, repositories));
  }

  public void runResumed(long runId, int repositories, int done) {
    listeners.forEach(l -> l.runResumed(runId, repositories, done));
  }

  public void notice(String message) {
    listeners.forEach(l -> l.notice(message));
  }

  void started(String repository) {
    listeners.forEach(l -> l.started(repository));
  }

  void finished(RepoOutcome outcome) {
    listeners.forEach(l -> l.finished(outcome));
  }
}
