package io.fleetmigrate.inventory;

/** An inventory file that cannot be read; the message names the file, line and column. */
public class InventoryFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public InventoryFormatException(String message) {
    super(message);
  }

  public InventoryFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  static InventoryFormatException at(String file, long line, long column, String problem) {
    return new InventoryFormatException(file + ":" + line + ":" + column + ": " + problem);
  }
}
