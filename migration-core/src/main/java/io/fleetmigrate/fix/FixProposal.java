package io.fleetmigrate.fix;

import java.util.List;

/** A model's answer: why, and the edits. */
public record FixProposal(String explanation, List<Edit> edits) {
  public FixProposal {
    edits = List.copyOf(edits);
  }
}
