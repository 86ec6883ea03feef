/** {@code fleet doctor}'s checks: one small class per thing a run needs, each with its hint. */
@NullMarked
package io.fleetmigrate.cli.doctor;

import org.jspecify.annotations.NullMarked;
