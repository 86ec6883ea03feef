/**
 * Fleet Migrate's own Java recipes: small, deterministic fixes for what the upstream migrations
 * leave red on real repositories (see DESIGN, "What real repositories do after a recipe").
 */
@NullMarked
package io.fleetmigrate.recipes.java;

import org.jspecify.annotations.NullMarked;
