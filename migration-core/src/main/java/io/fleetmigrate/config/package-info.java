/** Where Fleet keeps its state (the data directory) and how the application context is started. */
@NullMarked
package io.fleetmigrate.config;

import org.jspecify.annotations.NullMarked;
