/**
 * The deterministic station: OpenRewrite in-process. {@link io.fleetmigrate.recipes.RecipeEngine}
 * holds one recipe environment per JVM (the classpath scan costs seconds) and rewrites one checkout
 * at a time; the parser is not thread-safe, so callers serialise their calls (one recipe lane).
 */
@NullMarked
package io.fleetmigrate.recipes;

import org.jspecify.annotations.NullMarked;
