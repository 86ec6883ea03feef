package io.fleetmigrate.campaign;

/** Another run of the same campaign is in progress (in this process or another). */
public class CampaignBusyException extends Exception {
  private static final long serialVersionUID = 1L;

  public CampaignBusyException(String message) {
    super(message);
  }
}
