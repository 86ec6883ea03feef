package io.fleetmigrate.rollout;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.inventory.RepoRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's waves laid over a selection: the repositories in rollout order (pinned ones first,
 * then the rest, each in the selection's own stable order) and how far each wave reaches. Waves are
 * cumulative: wave {@code i} holds every repository of the waves before it. A wave never reaches
 * fewer repositories than the one before it, and the first reaches at least every pinned one.
 *
 * @param order repository names in rollout order
 * @param reach for each wave, how many of {@code order} it holds
 * @param spec the spec's waves as written ({@code 5}, {@code 10%})
 */
public record Waves(List<String> order, List<Integer> reach, List<CampaignSpec.Wave> spec) {
  public Waves {
    order = List.copyOf(order);
    reach = List.copyOf(reach);
    spec = List.copyOf(spec);
  }

  public static Waves of(CampaignSpec.Rollout rollout, List<RepoRef> selection) {
    List<String> order = new ArrayList<>();
    selection.stream().filter(r -> pinned(r, rollout.pin())).forEach(r -> order.add(r.name()));
    int pinned = order.size();
    selection.stream().filter(r -> !pinned(r, rollout.pin())).forEach(r -> order.add(r.name()));
    List<Integer> reach = new ArrayList<>();
    int previous = pinned;
    for (CampaignSpec.Wave wave : rollout.waves()) {
      previous = Math.max(previous, wave.reach(order.size()));
      reach.add(previous);
    }
    return new Waves(order, reach, rollout.waves());
  }

  /** Pinned by name or by one of its tags. */
  static boolean pinned(RepoRef repo, List<String> pin) {
    return pin.contains(repo.name()) || repo.tags().stream().anyMatch(pin::contains);
  }

  public int count() {
    return reach.size();
  }

  public int last() {
    return reach.size() - 1;
  }

  /** Every repository up to and including wave {@code wave}. */
  public List<String> members(int wave) {
    return order.subList(0, reach.get(clamp(wave)));
  }

  /** The repositories that wave {@code wave} added to the ones before it. */
  public List<String> added(int wave) {
    int w = clamp(wave);
    return order.subList(w == 0 ? 0 : reach.get(w - 1), reach.get(w));
  }

  /** The wave (1-based) that first holds {@code repository}, or {@code null} when it is not in the selection. */
  public @org.jspecify.annotations.Nullable Integer waveOf(String repository) {
    int at = order.indexOf(repository);
    for (int w = 0; at >= 0 && w < reach.size(); w++) {
      if (at < reach.get(w)) {
        return w + 1;
      }
    }
    return null;
  }

  /** E.g. "wave 2 of 4 (10%: 12 of 120 repositories)". */
  public String describe(int wave) {
    int w = clamp(wave);
    return "wave " + (w + 1) + " of " + count() + " (" + spec.get(w) + ": " + reach.get(w) + " of " + order.size() + " repositories)";
  }

  private int clamp(int wave) {
    return Math.max(0, Math.min(wave, last()));
  }
}
