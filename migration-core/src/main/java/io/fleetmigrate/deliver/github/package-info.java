/**
 * The {@code github} code host (github.com and Enterprise) through the GitHub API for Java: tokens
 * from the environment or a file, JGit pushes over HTTPS with the token as a credential, pull
 * requests found by their head branch before one is created, content-creating calls serialised
 * and capped per hour.
 */
@NullMarked
package io.fleetmigrate.deliver.github;

import org.jspecify.annotations.NullMarked;
