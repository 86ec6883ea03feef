package io.fleetmigrate.cli.doctor;

/**
 * One thing a run needs, checked the way a run would use it. A new check (a GitLab token, the
 * JDKs of a toolchain) is one more implementation listed in {@code DoctorCommand}.
 */
public interface Check {
  /** A short name: {@code java}, {@code maven}, {@code database}... */
  String name();

  /** What this machine has, with a hint when something is missing; never throws. */
  Finding run();
}
