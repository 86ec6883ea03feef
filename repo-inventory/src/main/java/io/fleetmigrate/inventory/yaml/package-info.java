/** YAML reading with precise error positions, shared by the inventory and campaign spec readers. */
@NullMarked
package io.fleetmigrate.inventory.yaml;

import org.jspecify.annotations.NullMarked;
