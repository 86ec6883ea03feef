package io.fleetmigrate.judge;

import java.util.Optional;

/** One deterministic rule over the model's change. */
public interface Guardrail {
  /** The rule's stable name, as reported. */
  String name();

  /** The first way {@code change} breaks the rule, if any. */
  Optional<Violation> check(ModelChange change);
}
