/**
 * The repository inventory: what a campaign can touch. Importers turn a CSV file, a YAML file or a
 * local folder of git repositories into {@link io.fleetmigrate.inventory.RepoRef}s; the {@link
 * io.fleetmigrate.inventory.InventoryStore} keeps them; {@link
 * io.fleetmigrate.inventory.RepoSelection} picks a campaign's share.
 */
@NullMarked
package io.fleetmigrate.inventory;

import org.jspecify.annotations.NullMarked;
