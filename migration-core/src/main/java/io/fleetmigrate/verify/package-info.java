/**
 * The verify station: lint → compile → test, each a command with its own time limit, and the
 * structured diagnostics (javac errors, failing tests from Surefire/Failsafe reports, linter
 * violations) and executed test count that the fix loop and the guardrails work from.
 */
@NullMarked
package io.fleetmigrate.verify;

import org.jspecify.annotations.NullMarked;
