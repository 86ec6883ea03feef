package io.fleetmigrate.batch;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.SpecException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each run's spec, parsed once per process from the YAML frozen with the run, instead of once per
 * shard: a run of 1,000 repositories has up to 256 shards, and its spec never changes. Keeps the
 * last few runs (a worker serves several).
 */
final class RunSpecs {
  private static final int KEPT = 16;

  private record Parsed(String yaml, CampaignSpec spec) {}

  private final Map<Long, Parsed> parsed = new LinkedHashMap<>(KEPT, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Parsed> eldest) {
      return size() > KEPT;
    }
  };

  /** The spec of run {@code runId}, whose frozen YAML is {@code yaml} (parsed again if it is not the YAML parsed before). */
  synchronized CampaignSpec of(long runId, String yaml) throws SpecException {
    Parsed known = parsed.get(runId);
    if (known == null || !known.yaml().equals(yaml)) {
      known = new Parsed(yaml, CampaignSpecReader.parse(yaml, "run " + runId + " spec"));
      parsed.put(runId, known);
    }
    return known.spec();
  }
}
