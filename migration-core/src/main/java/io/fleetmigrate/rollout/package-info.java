/**
 * Rollout in waves: which repositories a run may deliver to, the gate that opens the next wave
 * (from the tracked pull request states), pausing, and advancing by hand.
 */
@NullMarked
package io.fleetmigrate.rollout;

import org.jspecify.annotations.NullMarked;
