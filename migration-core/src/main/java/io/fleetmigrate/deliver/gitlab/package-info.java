/** GitLab (gitlab.com and self-managed): merge requests over GitLab's REST API v4, branches through the shared delivery protocol. */
@NullMarked
package io.fleetmigrate.deliver.gitlab;

import org.jspecify.annotations.NullMarked;
