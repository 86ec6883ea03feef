/**
 * The JDKs Fleet knows (discovered on this machine and listed in {@code FLEET_JDKS}) and the JDK a
 * repository needs (read from its version files, its POMs and its CI configuration), so that each
 * repository builds on its own JDK rather than on the one Fleet runs on.
 */
@NullMarked
package io.fleetmigrate.build.jdk;

import org.jspecify.annotations.NullMarked;
