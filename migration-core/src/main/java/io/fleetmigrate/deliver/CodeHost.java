package io.fleetmigrate.deliver;

import io.fleetmigrate.campaign.CampaignSpec;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * Where changes are proposed: pushes the campaign branch and opens or updates its pull request.
 * Implementations are idempotent: a re-run finds the existing pull request by its branch, and
 * never overwrites commits a person pushed to that branch.
 */
public interface CodeHost {
  /** The name used in specs and the store ({@code local}, {@code github}). */
  String id();

  Delivery deliver(DeliveryRequest request) throws CodeHostException;

  /** Credentials git needs to clone {@code cloneUrl} from this host ({@code null}: none, or not for that URL). */
  default @Nullable CredentialsProvider cloneCredentials(CampaignSpec.CodeHost settings, String cloneUrl) throws CodeHostException {
    return null;
  }
}
