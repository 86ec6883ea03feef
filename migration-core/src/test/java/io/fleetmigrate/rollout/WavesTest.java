package io.fleetmigrate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.inventory.RepoRef;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WavesTest {
  private static List<RepoRef> repos(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> repo(String.format("r%03d", i))).toList();
  }

  private static RepoRef repo(String name, String... tags) {
    return new RepoRef(name, "file:///" + name, "main", null, List.of(tags), "test");
  }

  private static CampaignSpec.Rollout rollout(List<String> pin, CampaignSpec.Wave... waves) {
    return new CampaignSpec.Rollout(2, List.of(waves), pin, CampaignSpec.Gate.DEFAULT, false, false, 10, 50, null);
  }

  private static CampaignSpec.Wave count(int n) {
    return new CampaignSpec.Wave(n, false);
  }

  private static CampaignSpec.Wave share(int n) {
    return new CampaignSpec.Wave(n, true);
  }

  @Test
  void countsAndSharesAreCumulativeOverTheSelection() {
    Waves waves = Waves.of(rollout(List.of(), count(5), share(10), share(50), share(100)), repos(120));

    assertThat(waves.reach()).containsExactly(5, 12, 60, 120);
    assertThat(waves.members(1)).hasSize(12).startsWith("r001").endsWith("r012");
    assertThat(waves.added(1)).containsExactly("r006", "r007", "r008", "r009", "r010", "r011", "r012");
    assertThat(waves.describe(1)).isEqualTo("wave 2 of 4 (10%: 12 of 120 repositories)");
  }

  @Test
  void aShareRoundsUpAndAWaveNeverShrinksOrOutgrowsTheSelection() {
    // 10% of 7 is 0.7: one repository, never none; a count of 5 after it stays 5; a count above the selection stops at it.
    Waves waves = Waves.of(rollout(List.of(), share(10), count(5), count(3), count(50), share(100)), repos(7));

    assertThat(waves.reach()).containsExactly(1, 5, 5, 7, 7);
    assertThat(waves.added(2)).isEmpty();
  }

  @Test
  void pinnedRepositoriesByNameOrTagGoFirstAndAllIntoTheFirstWave() {
    List<RepoRef> selection = List.of(repo("a"), repo("b", "canary"), repo("c"), repo("d"), repo("e", "canary"));

    Waves waves = Waves.of(rollout(List.of("canary", "d"), count(1), share(100)), selection);

    assertThat(waves.order()).containsExactly("b", "d", "e", "a", "c");
    assertThat(waves.members(0)).as("three pinned: the first wave is at least as wide").containsExactly("b", "d", "e");
    assertThat(waves.added(1)).containsExactly("a", "c");
  }
}
