/**
 * The judge station: a verifier separate from the fixer. Deterministic guardrails on the model's
 * edits (never on the recipe's own changes, which are judged against the recipe) and an optional
 * second model call that compares the final diff with the campaign's intent and can veto it.
 */
@NullMarked
package io.fleetmigrate.judge;

import org.jspecify.annotations.NullMarked;
