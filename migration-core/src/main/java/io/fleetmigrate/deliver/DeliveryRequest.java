package io.fleetmigrate.deliver;

import io.fleetmigrate.checkout.Workspace;
import io.fleetmigrate.inventory.RepoRef;

/**
 * A committed change, ready to propose.
 *
 * @param campaign the campaign's name
 * @param repo the repository
 * @param workspace the clone holding the commit on the campaign branch
 * @param commit the commit to propose
 * @param title pull request title
 * @param body pull request body
 */
public record DeliveryRequest(String campaign, RepoRef repo, Workspace workspace, String commit, String title, String body) {}
