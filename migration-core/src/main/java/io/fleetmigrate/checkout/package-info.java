/** Checkout station: clone into an isolated workspace with JGit and create the campaign branch. */
@NullMarked
package io.fleetmigrate.checkout;

import org.jspecify.annotations.NullMarked;
