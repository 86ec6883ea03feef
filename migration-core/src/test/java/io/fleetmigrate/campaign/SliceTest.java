package io.fleetmigrate.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.campaign.CampaignService.Slice;
import org.junit.jupiter.api.Test;

/** The broker-less slices (--shard-index/--shard-count): each repository in exactly one, stably. */
class SliceTest {
  @Test
  void everyRepositoryIsInExactlyOneSliceAndNoSliceIsEmpty() {
    int count = 7;
    int[] sizes = new int[count];
    for (int i = 0; i < 1000; i++) {
      String name = "org/repo-" + i;
      int holders = 0;
      for (int index = 0; index < count; index++) {
        if (new Slice(index, count).holds(name)) {
          holders++;
          sizes[index]++;
        }
      }
      assertThat(holders).as(name).isEqualTo(1);
    }
    assertThat(java.util.Arrays.stream(sizes).min().orElseThrow()).isGreaterThan(100);
  }

  @Test
  void theSliceOfANameIsTheSameInEveryProcess() {
    // String.hashCode is specified by the JLS: "billing-service".hashCode() is a constant.
    assertThat(new Slice(Math.floorMod("billing-service".hashCode(), 4), 4).holds("billing-service")).isTrue();
    assertThat("billing-service".hashCode()).isEqualTo(1_374_429_539);
  }

  @Test
  void anIndexOutsideTheCountIsRefused() {
    assertThatThrownBy(() -> new Slice(3, 3)).hasMessageContaining("0 <= index < count");
    assertThatThrownBy(() -> new Slice(-1, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
