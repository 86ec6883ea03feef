package io.fleetmigrate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model the environment chooses for a spec that names none is frozen with the run, like the
 * spec: a resumed run (or a worker elsewhere) whose environment now says another model keeps the
 * one the run began with, and a run that began without a model stays without one.
 */
class FrozenModelTest {
  private static final Map<String, String> AT_START =
      Map.of("FLEET_FIX_PROVIDER", "OpenAI", "FLEET_FIX_MODEL", "gpt-4.1-mini", "FLEET_FIX_BASE_URL", "http://127.0.0.1:11434/v1");
  private static final Map<String, String> AT_RESUME =
      Map.of("FLEET_FIX_PROVIDER", "anthropic", "FLEET_FIX_MODEL", "claude-sonnet-4-5");

  private final CampaignStore store = CampaignStore.of(TestDatabase.migrated());

  private long run() {
    store.runs().saveCampaign("c", "", null, "name: c\n");
    return store.runs().createRun("c", "name: c\n", "", false, 1, "all");
  }

  @Test
  void aResumedRunKeepsTheModelTheEnvironmentChoseWhenItStarted() {
    long run = run();
    store.runs().freezeModel(run, new ModelProviders(AT_START, d -> {}).environmentChoice());

    CampaignSpec.Fix fix = new ModelProviders(AT_RESUME, d -> {}).settings(CampaignSpec.Fix.NONE, store.runs().frozenModel(run).orElseThrow());

    assertThat(fix.provider()).isEqualTo("openai");
    assertThat(fix.model()).isEqualTo("gpt-4.1-mini");
    assertThat(fix.baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
  }

  @Test
  void aRunThatStartedWithoutAModelGetsNoneFromTheEnvironmentLater() {
    long run = run();
    store.runs().freezeModel(run, new ModelProviders(Map.of(), d -> {}).environmentChoice());

    CampaignSpec.Fix fix = new ModelProviders(AT_RESUME, d -> {}).settings(CampaignSpec.Fix.NONE, store.runs().frozenModel(run).orElseThrow());

    assertThat(fix.configured()).isFalse();
  }

  @Test
  void aRunFromBeforeModelsWereFrozenReadsTheEnvironmentAsItIsNow() {
    long run = run();

    assertThat(store.runs().frozenModel(run)).isEmpty();
    assertThat(new ModelProviders(AT_RESUME, d -> {}).settings(CampaignSpec.Fix.NONE, null).provider()).isEqualTo("anthropic");
  }

  @Test
  void aSpecThatNamesItsModelIsNeverOverriddenByWhatWasFrozen() {
    long run = run();
    store.runs().freezeModel(run, new ModelProviders(AT_START, d -> {}).environmentChoice());
    CampaignSpec.Fix own = new CampaignSpec.Fix("anthropic", "claude-opus-4-1", null, null, null, 3,
        java.time.Duration.ofMinutes(3), 4096, 200_000, 2_000_000, false, true);

    assertThat(new ModelProviders(Map.of(), d -> {}).settings(own, store.runs().frozenModel(run).orElseThrow())).isSameAs(own);
  }

  @Test
  void aBaseUrlWithCredentialsIsRefusedAndNotRepeated() {
    ModelProviders providers = new ModelProviders(
        Map.of("FLEET_FIX_PROVIDER", "openai", "FLEET_FIX_MODEL", "m", "FLEET_FIX_BASE_URL", "https://bot:sk-canary-42@llm.example.com/v1"), d -> {});

    org.assertj.core.api.Assertions.assertThatThrownBy(providers::environmentChoice)
        .hasMessageContaining("FLEET_FIX_BASE_URL must not carry credentials")
        .hasMessageNotContaining("sk-canary-42");
  }
}
