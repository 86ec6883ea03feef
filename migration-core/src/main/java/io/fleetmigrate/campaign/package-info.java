/** Campaign specs (YAML, validated with line and column), outcomes and the service that starts a run. */
@NullMarked
package io.fleetmigrate.campaign;

import org.jspecify.annotations.NullMarked;
