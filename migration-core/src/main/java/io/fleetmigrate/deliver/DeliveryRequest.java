package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.checkout.Workspace;
import io.fleetmigrate.inventory.RepoRef;

/**
 * A committed change, ready to propose.
 *
 * @param campaign the campaign's name
 * @param repo the repository
 * @param workspace the clone holding the commit on the campaign branch
 * @param commit the commit to propose
 * @param title pull request title (placeholders already replaced)
 * @param body pull request body
 * @param options draft, labels, reviewers, team reviewers and assignees
 * @param host where to propose it
 */
public record DeliveryRequest(
    String campaign, RepoRef repo, Workspace workspace, String commit, String title, String body,
    CampaignSpec.PullRequest options, CampaignSpec.CodeHost host) {

  /** A request to the embedded {@code local} host with no pull request options. */
  public DeliveryRequest(String campaign, RepoRef repo, Workspace workspace, String commit, String title, String body) {
    this(campaign, repo, workspace, commit, title, body, new CampaignSpec.PullRequest(workspace.branch(), title, body),
        CampaignSpec.CodeHost.LOCAL);
  }
}
