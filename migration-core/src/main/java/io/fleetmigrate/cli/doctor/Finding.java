package io.fleetmigrate.cli.doctor;

import org.jspecify.annotations.Nullable;

/**
 * What one check found. {@link Status#MISSING} is something a run needs (doctor exits 4);
 * {@link Status#WARNING} works but worse; {@link Status#SKIPPED} is not configured, so not checked.
 * Every finding but OK carries one hint: what to do.
 */
public record Finding(String check, Status status, String detail, @Nullable String hint) {
  public enum Status {
    OK,
    WARNING,
    SKIPPED,
    MISSING
  }

  public Finding {
    if (status != Status.OK && (hint == null || hint.isBlank())) {
      throw new IllegalArgumentException("a " + status + " finding needs a hint");
    }
  }

  public static Finding ok(String check, String detail) {
    return new Finding(check, Status.OK, detail, null);
  }

  public static Finding missing(String check, String detail, String hint) {
    return new Finding(check, Status.MISSING, detail, hint);
  }

  public static Finding warning(String check, String detail, String hint) {
    return new Finding(check, Status.WARNING, detail, hint);
  }

  /** For the checks of a spec's settings (code host, model) when doctor was given no spec. */
  public static Finding noSpec(String check) {
    return skipped(check, "no spec given", "'fleet doctor --spec SPEC' checks the spec's code host and model");
  }

  public static Finding skipped(String check, String detail, String hint) {
    return new Finding(check, Status.SKIPPED, detail, hint);
  }
}
