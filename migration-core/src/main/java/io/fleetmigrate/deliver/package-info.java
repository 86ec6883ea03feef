/** Deliver station: code hosts behind one interface; {@code local} pushes to bare repositories and records pull requests in the store. */
@NullMarked
package io.fleetmigrate.deliver;

import org.jspecify.annotations.NullMarked;
