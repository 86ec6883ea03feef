package io.fleetmigrate.campaign;

import io.fleetmigrate.inventory.RepoSelection;
import io.fleetmigrate.recipes.RecipeUse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A campaign: what to change, where, how to check it, and how to propose it. Read from YAML by
 * {@link CampaignSpecReader}; every field is documented in README ("Campaign spec").
 */
public record CampaignSpec(
    String name,
    String description,
    RepoSelection repositories,
    List<RecipeUse> recipes,
    Verify verify,
    PullRequest pullRequest,
    Rollout rollout) {

  public static final String DEFAULT_VERIFY_COMMAND = "mvn -B verify";
  public static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofMinutes(20);

  public CampaignSpec {
    Objects.requireNonNull(name, "name");
    recipes = List.copyOf(recipes);
  }

  /** The recipes' names, in order (for commit messages and logs). */
  public List<String> recipeNames() {
    return recipes.stream().map(RecipeUse::name).toList();
  }

  /** The build that decides red or green: run once before the recipe (baseline) and once after. */
  public record Verify(String command, Duration timeout) {}

  /** How the change is proposed. {@code title} and {@code body} are plain text. */
  public record PullRequest(String branch, String title, String body) {}

  /** How much runs at once. */
  public record Rollout(int concurrency) {}
}
