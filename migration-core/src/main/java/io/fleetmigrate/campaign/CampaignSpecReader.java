package io.fleetmigrate.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fleetmigrate.inventory.RepoSelection;
import io.fleetmigrate.inventory.yaml.LocatedYaml;
import io.fleetmigrate.recipes.RecipeUse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and validates a campaign spec. Every error names the file, line and column of the value
 * (or key) at fault, so a person can fix a spec without guessing.
 *
 * <p>Two passes: the YAML is read once as tokens to remember where every value sits (by JSON
 * pointer), then bound to records; binding and validation errors are mapped back to positions.
 */
public final class CampaignSpecReader {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(s|m|h)");

  private CampaignSpecReader() {}

  // The YAML shape, bound as-is; validation turns it into a CampaignSpec.
  record RawSpec(
      @JsonProperty(required = true) String name,
      @Nullable String description,
      @Nullable RawSelection repositories,
      // Each item a recipe name, or a mapping {name, options}; checked by hand for precise errors.
      @JsonProperty(required = true) List<@Nullable Object> recipes,
      @Nullable RawVerify verify,
      @JsonProperty("pullRequest") @Nullable RawPullRequest pullRequest,
      @Nullable RawRollout rollout) {}

  record RawSelection(
      @Nullable List<String> include,
      @Nullable List<String> exclude,
      @Nullable List<String> owners,
      @Nullable List<String> tags) {}

  record RawVerify(@Nullable String command, @Nullable String timeout) {}

  record RawPullRequest(@Nullable String branch, @Nullable String title, @Nullable String body) {}

  record RawRollout(@Nullable Integer concurrency) {}

  /** Reads {@code file}. */
  public static CampaignSpec read(Path file) throws SpecException {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException(file + ": cannot read the campaign spec: " + e.getMessage(), e);
    }
    return parse(yaml, file.toString());
  }

  /** Parses {@code yaml}; {@code source} names it in error messages. */
  public static CampaignSpec parse(String yaml, String source) throws SpecException {
    try {
      LocatedYaml document = LocatedYaml.parse(yaml, source);
      if (!document.tree().isObject()) {
        throw document.error("", "a campaign spec is a mapping with 'name', 'recipes', ...");
      }
      return validate(document.bind(RawSpec.class), document);
    } catch (LocatedYaml.YamlException e) {
      throw new SpecException(e.getMessage(), e);
    }
  }

  private static CampaignSpec validate(RawSpec raw, LocatedYaml at) throws LocatedYaml.YamlException {
    if (!NAME.matcher(raw.name()).matches()) {
      throw at.error("/name",
          "name '" + raw.name() + "' must be 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (raw.recipes().isEmpty()) {
      throw at.error("/recipes", "'recipes' lists no recipe; name at least one");
    }
    List<RecipeUse> recipes = new ArrayList<>();
    for (int i = 0; i < raw.recipes().size(); i++) {
      recipes.add(recipe(raw.recipes().get(i), i, at));
    }
    RawSelection sel = raw.repositories() == null ? new RawSelection(null, null, null, null) : raw.repositories();
    RepoSelection selection;
    try {
      selection = new RepoSelection(orEmpty(sel.include()), orEmpty(sel.exclude()), orEmpty(sel.owners()), orEmpty(sel.tags()));
    } catch (IllegalArgumentException e) {
      throw at.error("/repositories", e.getMessage());
    }

    RawVerify verify = raw.verify() == null ? new RawVerify(null, null) : raw.verify();
    String command = verify.command() == null ? CampaignSpec.DEFAULT_VERIFY_COMMAND : verify.command().strip();
    if (command.isEmpty()) {
      throw at.error("/verify/command", "'verify.command' is empty");
    }
    Duration timeout = CampaignSpec.DEFAULT_VERIFY_TIMEOUT;
    if (verify.timeout() != null) {
      timeout = duration(verify.timeout());
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw at.error("/verify/timeout",
            "'verify.timeout' is '" + verify.timeout() + "'; write a positive duration such as 90s, 20m or 1h");
      }
    }

    RawPullRequest pr = raw.pullRequest() == null ? new RawPullRequest(null, null, null) : raw.pullRequest();
    String branch = pr.branch() == null ? "fleet/" + raw.name() : pr.branch().strip();
    if (!validBranch(branch)) {
      throw at.error("/pullRequest/branch", "'pullRequest.branch' is not a valid branch name: '" + branch + "'");
    }
    String description = raw.description() == null ? "" : raw.description().strip();
    String title = pr.title() == null ? "Fleet Migrate: " + raw.name() : pr.title().strip();
    String body = pr.body() == null ? description : pr.body().strip();

    int concurrency = 2;
    if (raw.rollout() != null && raw.rollout().concurrency() != null) {
      concurrency = raw.rollout().concurrency();
      if (concurrency < 1 || concurrency > 64) {
        throw at.error("/rollout/concurrency", "'rollout.concurrency' must be between 1 and 64, not " + concurrency);
      }
    }
    return new CampaignSpec(
        raw.name(),
        description,
        selection,
        recipes,
        new CampaignSpec.Verify(command, timeout),
        new CampaignSpec.PullRequest(branch, title, body),
        new CampaignSpec.Rollout(concurrency));
  }

  /** One item of {@code recipes}: {@code a.Name} or {@code {name: a.Name, options: {key: value}}}. */
  private static RecipeUse recipe(@Nullable Object item, int i, LocatedYaml at) throws LocatedYaml.YamlException {
    String pointer = "/recipes/" + i;
    if (item instanceof String name) {
      if (name.isBlank()) {
        throw at.error(pointer, "recipes[" + i + "] is empty");
      }
      return RecipeUse.of(name.strip());
    }
    if (!(item instanceof Map<?, ?> map)) {
      throw at.error(pointer, "recipes[" + i + "] must be a recipe name or a mapping with 'name' and 'options'");
    }
    for (Object key : map.keySet()) {
      if (!"name".equals(key) && !"options".equals(key)) {
        throw at.error(pointer + "/" + key, "unknown field '" + key + "' in recipes[" + i + "]; known fields here: [name, options]");
      }
    }
    if (!(map.get("name") instanceof String name) || name.isBlank()) {
      throw at.error(map.containsKey("name") ? pointer + "/name" : pointer, "recipes[" + i + "] needs a 'name': the recipe's name");
    }
    Object options = map.get("options");
    Map<String, Object> values = new LinkedHashMap<>();
    if (options instanceof Map<?, ?> given) {
      for (Map.Entry<?, ?> option : given.entrySet()) {
        if (option.getValue() == null) {
          throw at.error(pointer + "/options/" + option.getKey(), "option '" + option.getKey() + "' of " + name.strip() + " has no value");
        }
        values.put(String.valueOf(option.getKey()), option.getValue());
      }
    } else if (options != null) {
      throw at.error(pointer + "/options", "'options' of " + name.strip() + " must be a mapping of option names to values");
    }
    return new RecipeUse(name.strip(), values);
  }

  /** Accepts {@code 90s}, {@code 20m}, {@code 1h} and ISO-8601 ({@code PT20M}). */
  static @Nullable Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean validBranch(String branch) {
    return !branch.isEmpty()
        && branch.matches("[A-Za-z0-9._/-]+")
        && !branch.startsWith("/")
        && !branch.endsWith("/")
        && !branch.endsWith(".lock")
        && !branch.contains("..")
        && !branch.contains("//");
  }

  private static List<String> orEmpty(@Nullable List<String> list) {
    return list == null ? List.of() : list;
  }



}
