/** The sample fleet: small Maven projects shipped in this jar, turned into bare git repositories. */
@NullMarked
package io.fleetmigrate.demo;

import org.jspecify.annotations.NullMarked;
