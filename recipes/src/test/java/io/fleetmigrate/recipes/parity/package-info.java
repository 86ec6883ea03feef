/**
 * Parity and speed against {@code rewrite-maven-plugin}: the same sample repositories, the same
 * recipe and recipe versions, the plugin in its own Maven process and the engine in this JVM.
 */
@NullMarked
package io.fleetmigrate.recipes.parity;

import org.jspecify.annotations.NullMarked;
