package io.fleetmigrate.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.campaign.SpecException;
import org.junit.jupiter.api.Test;

/** A run's stored spec is parsed once per process, not once per shard. */
class RunSpecsTest {
  @Test
  void eachRunIsParsedOnceAndRunsAreKeptApart() throws Exception {
    RunSpecs specs = new RunSpecs();

    var first = specs.of(1, "name: a\nrecipes: [a.Recipe]\n");
    assertThat(specs.of(1, "name: a\nrecipes: [a.Recipe]\n")).isSameAs(first);
    assertThat(specs.of(2, "name: b\nrecipes: [b.Recipe]\n").name()).isEqualTo("b");
    assertThat(specs.of(1, "name: c\nrecipes: [a.Recipe]\n").name()).as("other YAML for the run: parsed, not served from before").isEqualTo("c");
  }

  @Test
  void aStoredSpecThatNoLongerParsesSaysWhichRun() {
    assertThatThrownBy(() -> new RunSpecs().of(9, "name: a\n")).isInstanceOf(SpecException.class).hasMessageContaining("run 9 spec");
  }
}
