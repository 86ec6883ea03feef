package io.fleetmigrate.deliver;

/**
 * Where changes are proposed: pushes the campaign branch and opens or updates its pull request.
 * Implementations are idempotent: a re-run finds the existing pull request by its branch, and
 * never overwrites commits a person pushed to that branch.
 */
public interface CodeHost {
  /** The name used in specs and the store ({@code local}, {@code github}). */
  String id();

  Delivery deliver(DeliveryRequest request) throws CodeHostException;
}
