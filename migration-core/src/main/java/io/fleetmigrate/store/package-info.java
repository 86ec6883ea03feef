/** The campaign tables (Flyway {@code V2__campaigns.sql}): runs, snapshots, outcomes, attempts, pull requests. */
@NullMarked
package io.fleetmigrate.store;

import org.jspecify.annotations.NullMarked;
