package io.fleetmigrate.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepoSelectionTest {
  private static RepoRef repo(String name, String owner, String... tags) {
    return new RepoRef(name, "/srv/" + name + ".git", null, owner, List.of(tags), "test");
  }

  private final List<RepoRef> inventory =
      List.of(
          repo("payments-api", "team-pay", "java"),
          repo("payments-web", "team-pay", "js"),
          repo("billing", "team-bill", "java"),
          repo("org/search", "team-search", "java", "legacy"));

  @Test
  void emptySelectionTakesEverything() {
    assertThat(RepoSelection.ALL.apply(inventory)).hasSize(4);
  }

  @Test
  void includeAndExcludeAreGlobs() {
    RepoSelection selection = new RepoSelection(List.of("payments-*", "org/**"), List.of("*-web"), List.of(), List.of());

    assertThat(selection.apply(inventory)).extracting(RepoRef::name).containsExactly("payments-api", "org/search");
  }

  @Test
  void ownersAndTagsNarrow() {
    assertThat(new RepoSelection(List.of(), List.of(), List.of("team-pay"), List.of("java")).apply(inventory))
        .extracting(RepoRef::name)
        .containsExactly("payments-api");
    assertThat(new RepoSelection(List.of(), List.of(), List.of(), List.of("legacy")).apply(inventory))
        .extracting(RepoRef::name)
        .containsExactly("org/search");
  }

  @Test
  void malformedGlobFailsEarly() {
    assertThatThrownBy(() -> new RepoSelection(List.of("pay[ments"), List.of(), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pay[ments");
  }
}
