/** Build processes: the repository's own commands, with a time limit, a log file and an allowlisted environment. */
@NullMarked
package io.fleetmigrate.build;

import org.jspecify.annotations.NullMarked;
