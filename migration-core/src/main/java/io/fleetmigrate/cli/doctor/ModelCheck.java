package io.fleetmigrate.cli.doctor;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.fix.FixModel;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.fix.Prompt;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The spec's fix model, when it has one: its key found, and one short call answered. */
public record ModelCheck(@Nullable Path spec, ModelProviders providers) implements Check {
  @Override
  public String name() {
    return "model";
  }

  @Override
  public Finding run() {
    if (spec == null) {
      return Finding.noSpec(name());
    }
    try {
      CampaignSpec.Fix fix = providers.settings(CampaignSpecReader.read(spec).fix());
      Optional<FixModel> model = providers.create(fix);
      if (model.isEmpty()) {
        return Finding.skipped(name(), "the spec has no fix model (fix.provider: none): red builds end NEEDS_HUMAN",
            "set fix.provider and fix.model in the spec to let a model fix what the recipe leaves red");
      }
      model.get().ask(new Prompt("Answer with one word.", "Say OK."));
      return Finding.ok(name(), fix.provider() + " model " + fix.model() + " answered a one-line call");
    } catch (Exception e) {
      return Finding.missing(name(), e.getMessage(),
          "set the API key variable the spec names (fix.apiKeyEnv, else OPENAI_API_KEY / ANTHROPIC_API_KEY) or fix.apiKeyFile,"
              + " and check fix.baseUrl");
    }
  }
}
