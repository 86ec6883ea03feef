package io.fleetmigrate.campaign;

import java.nio.file.Path;

/**
 * A campaign spec as one run reads it: the file, its text and what the text says, read and parsed
 * once. The run stores exactly this text, so what ran is what was validated, even if the file
 * changes while the run starts.
 */
public record SpecFile(Path path, String yaml, CampaignSpec spec) {
  /** Reads and parses {@code path} (errors name the file, line and column). */
  public static SpecFile read(Path path) throws SpecException {
    return of(path, CampaignSpecReader.text(path));
  }

  /** Parses {@code yaml}, the text already read from {@code path}. */
  public static SpecFile of(Path path, String yaml) throws SpecException {
    return new SpecFile(path, yaml, CampaignSpecReader.parse(yaml, path.toString()));
  }
}
