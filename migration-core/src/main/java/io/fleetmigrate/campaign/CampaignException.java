package io.fleetmigrate.campaign;

/** A campaign that cannot run as asked: nothing selected, an unknown repository or campaign. */
public class CampaignException extends Exception {
  private static final long serialVersionUID = 1L;

  public CampaignException(String message) {
    super(message);
  }
}
