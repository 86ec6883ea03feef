package io.fleetmigrate.verify;

import io.fleetmigrate.build.BuildException;
import java.nio.file.Path;

/** Decides red or green for a checkout, and says why in structured form. */
public interface Verifier {
  /**
   * Verifies {@code workdir}, from clean build output, keeping each stage's log in {@code logDir}
   * as {@code LABEL-STAGE.log}.
   *
   * @throws BuildException when a stage's command could not be started at all
   */
  VerifyResult verify(Path workdir, Path logDir, String label) throws BuildException;
}
