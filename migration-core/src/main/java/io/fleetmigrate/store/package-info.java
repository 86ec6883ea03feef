/**
 * The campaign's rows, one store per aggregate: {@link io.fleetmigrate.store.RunStore} (campaign,
 * runs, snapshots), {@link io.fleetmigrate.store.OutcomeStore} (outcomes, commands, model attempts),
 * {@link io.fleetmigrate.store.PullRequestStore} (pull requests, refreshes, nudges), {@link
 * io.fleetmigrate.store.CampaignLock}, {@link io.fleetmigrate.store.WorkerRegistry} and {@link
 * io.fleetmigrate.store.FixMemoryStore}. The tables are the core module's Flyway migrations ({@code
 * db/core}, see {@code config/FleetSchema}); a campaign's rows go with its {@code campaign} row.
 */
@NullMarked
package io.fleetmigrate.store;

import org.jspecify.annotations.NullMarked;
