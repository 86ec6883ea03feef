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
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

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
      @Nullable RawRollout rollout,
      @Nullable RawFix fix,
      @Nullable RawGuardrails guardrails,
      @JsonProperty("codeHost") @Nullable RawCodeHost codeHost,
      @Nullable List<@Nullable RawBuildRule> builds) {}

  /** One item of {@code builds}: per-repository build settings. */
  record RawBuildRule(
      @Nullable RawMatch match,
      @Nullable String command,
      @Nullable String timeout,
      @Nullable String jdk,
      @Nullable Map<String, @Nullable String> env) {}

  /** Which repositories a build rule is for, in the words of {@code repositories}. */
  record RawMatch(
      @Nullable List<String> include,
      @Nullable List<String> exclude,
      @Nullable List<String> owners,
      @Nullable List<String> tags) {}

  record RawCodeHost(
      @Nullable String type,
      @JsonProperty("apiUrl") @Nullable String apiUrl,
      @JsonProperty("tokenFile") @Nullable String tokenFile,
      @Nullable String fork,
      @JsonProperty("contentCallInterval") @Nullable String contentCallInterval,
      @JsonProperty("contentCallsPerHour") @Nullable Integer contentCallsPerHour,
      @Nullable RawApp app) {}

  /** {@code codeHost.app}: a GitHub App instead of a token. */
  record RawApp(@Nullable Long id, @JsonProperty("privateKeyFile") @Nullable String privateKeyFile, @Nullable String installation) {}

  record RawSelection(
      @Nullable List<String> include,
      @Nullable List<String> exclude,
      @Nullable List<String> owners,
      @Nullable List<String> tags,
      @Nullable List<String> containing) {}

  record RawVerify(
      @Nullable String command, @Nullable String timeout, @Nullable RawStage lint, @Nullable RawStage compile, @Nullable String jdk) {}

  record RawStage(@Nullable String command, @Nullable String timeout) {}

  record RawFix(
      @Nullable String provider,
      @Nullable String model,
      @JsonProperty("baseUrl") @Nullable String baseUrl,
      @JsonProperty("apiKeyEnv") @Nullable String apiKeyEnv,
      @JsonProperty("apiKeyFile") @Nullable String apiKeyFile,
      @JsonProperty("maxAttempts") @Nullable Integer maxAttempts,
      @JsonProperty("callTimeout") @Nullable String callTimeout,
      @JsonProperty("maxOutputTokens") @Nullable Integer maxOutputTokens,
      @Nullable RawBudget budget,
      @Nullable Boolean judge,
      @JsonProperty("jsonSchema") @Nullable Boolean jsonSchema,
      @Nullable Boolean tools,
      @JsonProperty("maxTurns") @Nullable Integer maxTurns,
      @Nullable String timeout,
      @Nullable Boolean memory) {}

  record RawBudget(
      @JsonProperty("tokensPerRepository") @Nullable Long tokensPerRepository,
      @JsonProperty("tokensPerCampaign") @Nullable Long tokensPerCampaign) {}

  record RawGuardrails(
      @JsonProperty("allowedPaths") @Nullable List<String> allowedPaths,
      @JsonProperty("deniedPaths") @Nullable List<String> deniedPaths,
      @JsonProperty("maxChangedLines") @Nullable Integer maxChangedLines,
      // Each item a rule's name; checked by hand for precise errors.
      @Nullable List<@Nullable Object> off) {}

  private static final List<String> PROVIDERS = List.of("none", "openai", "anthropic");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  record RawPullRequest(
      @Nullable String branch,
      @Nullable String title,
      @Nullable String body,
      @Nullable Boolean draft,
      @Nullable List<String> labels,
      @Nullable List<String> reviewers,
      @JsonProperty("teamReviewers") @Nullable List<String> teamReviewers,
      @Nullable List<String> assignees) {}

  private static final List<String> HOSTS = List.of("local", "github", "gitlab");
  private static final List<String> FORK_MODES = List.of("auto", "always", "never");
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  private static final Pattern TEAM_SLUG = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?");

  record RawRollout(
      @Nullable Integer concurrency,
      // Each item a count (5) or a share ("10%"); checked by hand for precise errors.
      @Nullable List<@Nullable Object> waves,
      @Nullable List<String> pin,
      @Nullable RawGate gate,
      @Nullable Boolean draft,
      @JsonProperty("autoMerge") @Nullable Boolean autoMerge,
      @JsonProperty("minTests") @Nullable Integer minTests,
      @JsonProperty("minCoverage") @Nullable Object minCoverage,
      @JsonProperty("nudgeAfter") @Nullable String nudgeAfter) {}

  record RawGate(@Nullable Object merged, @JsonProperty("checksGreen") @Nullable Object checksGreen, @JsonProperty("minAge") @Nullable String minAge) {}

  private static final Pattern SHARE = Pattern.compile("(\\d{1,3})\\s*%");

  /** Reads {@code file}. */
  public static CampaignSpec read(Path file) throws SpecException {
    return parse(text(file), file.toString());
  }

  /**
   * The text of the spec {@code file}; a missing file, a folder or a file that is not UTF-8 text
   * is a {@link SpecException} saying which. Every command that takes a spec reads it here.
   */
  public static String text(Path file) throws SpecException {
    if (Files.isDirectory(file)) {
      throw new SpecException(file + ": is a folder, not a campaign spec; name the spec's YAML file");
    }
    if (!Files.exists(file)) {
      throw new SpecException(file + ": no such campaign spec");
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      for (byte b : bytes) {
        if (b == 0) {
          throw new java.nio.charset.MalformedInputException(1);
        }
      }
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new SpecException(file + ": is not a text file (not UTF-8 text); a campaign spec is YAML text", e);
    } catch (IOException e) {
      throw new SpecException(file + ": cannot read the campaign spec: " + e.getMessage(), e);
    }
  }

  /**
   * Where recipe {@code index} of the spec {@code yaml} is written ({@code source:line:column: }),
   * or its option {@code option} when not null: for errors found after reading, such as a recipe
   * the catalog does not know.
   */
  public static String locate(String yaml, String source, int index, @Nullable String option) {
    try {
      String pointer = "/recipes/" + index + (option == null ? "" : "/options/" + option);
      return LocatedYaml.parse(yaml, source).error(pointer, "").getMessage();
    } catch (LocatedYaml.YamlException e) {
      return source + ": "; // the spec was read before, so this does not happen
    }
  }

  /** Parses {@code yaml}; {@code source} names it in error messages. */
  public static CampaignSpec parse(String yaml, String source) throws SpecException {
    try {
      LocatedYaml document = LocatedYaml.parse(yaml, source);
      if (!document.tree().isObject()) {
        throw document.error("", "a campaign spec is a mapping with 'name', 'recipes', ...");
      }
      if (document.tree().path("name").isMissingNode() || document.tree().path("name").isNull()) {
        throw document.error("/name",
            "the spec has no 'name'; add one, e.g. 'name: junit5' (1-63 lower-case letters, digits, '.', '_' or '-')");
      }
      if (document.tree().path("recipes").isMissingNode() || document.tree().path("recipes").isNull()) {
        throw document.error("/recipes",
            "the spec has no 'recipes'; add the recipes to run, e.g. 'recipes: [org.openrewrite.java.testing.junit5.JUnit4to5Migration]'");
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
    RawSelection sel = raw.repositories() == null ? new RawSelection(null, null, null, null, null) : raw.repositories();
    List<String> containing = orEmpty(sel.containing());
    for (int i = 0; i < containing.size(); i++) {
      if (containing.get(i) == null || containing.get(i).isBlank()) {
        throw at.error("/repositories/containing/" + i,
            "'repositories.containing' item " + i + " is empty; each item is a text that some file of a repository must contain");
      }
    }
    RepoSelection selection;
    try {
      selection = new RepoSelection(
          orEmpty(sel.include()), orEmpty(sel.exclude()), orEmpty(sel.owners()), orEmpty(sel.tags()), containing);
    } catch (IllegalArgumentException e) {
      throw at.error("/repositories", e.getMessage());
    }

    RawVerify verify = raw.verify() == null ? new RawVerify(null, null, null, null, null) : raw.verify();
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

    RawPullRequest pr =
        raw.pullRequest() == null ? new RawPullRequest(null, null, null, null, null, null, null, null) : raw.pullRequest();
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
    CampaignSpec.Rollout rollout = rollout(raw.rollout(), concurrency, at);
    CampaignSpec.Stage lint = stage(verify.lint(), CampaignSpec.Stage.AUTO_LINT, "/verify/lint", at);
    CampaignSpec.Stage compile = stage(verify.compile(), CampaignSpec.Stage.AUTO_COMPILE, "/verify/compile", at);
    return new CampaignSpec(
        raw.name(),
        description,
        selection,
        recipes,
        new CampaignSpec.Verify(command, timeout, lint, compile, jdk(verify.jdk(), "/verify/jdk", at)),
        new CampaignSpec.PullRequest(
            // rollout.draft opens every pull request as a draft too; it also marks them ready once green.
            branch, title, body, (pr.draft() != null && pr.draft()) || rollout.draft(), labels(pr.labels(), at),
            logins(pr.reviewers(), "reviewers", at), teams(pr.teamReviewers(), at), logins(pr.assignees(), "assignees", at)),
        rollout,
        fix(raw.fix(), at),
        guardrails(raw.guardrails(), at),
        codeHost(raw.codeHost(), at),
        builds(raw.builds(), at));
  }

  /** A JDK the spec names ({@code 17}, {@code 1.8}, {@code 21.0.2}), with where it is written; {@code null} when not written. */
  private static CampaignSpec.@Nullable JdkPin jdk(@Nullable String written, String pointer, LocatedYaml at) throws LocatedYaml.YamlException {
    if (written == null) {
      return null;
    }
    java.util.OptionalInt feature = io.fleetmigrate.build.jdk.JavaVersion.feature(written.strip());
    String field = "'" + pointer.substring(1).replaceAll("/(\\d+)/", "[$1].").replace('/', '.') + "'";
    if (feature.isEmpty()) {
      throw at.error(pointer, field + " is '" + written + "'; write a Java version such as 8, 11, 17 or 21");
    }
    return new CampaignSpec.JdkPin(feature.getAsInt(), where(pointer, at));
  }

  /** {@code source:line:column} of the value {@code pointer} names. */
  private static String where(String pointer, LocatedYaml at) {
    String message = at.error(pointer, "").getMessage();
    return message.endsWith(": ") ? message.substring(0, message.length() - 2) : message.strip();
  }

  private static List<CampaignSpec.BuildRule> builds(@Nullable List<@Nullable RawBuildRule> raw, LocatedYaml at)
      throws LocatedYaml.YamlException {
    List<CampaignSpec.BuildRule> rules = new ArrayList<>();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      String pointer = "/builds/" + i;
      RawBuildRule rule = raw.get(i);
      if (rule == null) {
        throw at.error(pointer, "'builds' item " + i + " is empty; each item is {match: {...}, command, timeout, jdk, env}");
      }
      RawMatch m = rule.match();
      if (m == null || orEmpty(m.include()).isEmpty() && orEmpty(m.owners()).isEmpty() && orEmpty(m.tags()).isEmpty()) {
        throw at.error(m == null ? pointer : pointer + "/match", "'builds' item " + i
            + " matches no repository by name; give 'match' with 'include' (name globs), 'owners' or 'tags'");
      }
      RepoSelection match;
      try {
        match = new RepoSelection(orEmpty(m.include()), orEmpty(m.exclude()), orEmpty(m.owners()), orEmpty(m.tags()));
      } catch (IllegalArgumentException e) {
        throw at.error(pointer + "/match", e.getMessage());
      }
      String command = rule.command() == null ? null : rule.command().strip();
      if (command != null && command.isEmpty()) {
        throw at.error(pointer + "/command", "'builds' item " + i + " has an empty 'command'; leave it out to keep verify.command");
      }
      Duration timeout = rule.timeout() == null ? null : positive(rule.timeout(), pointer + "/timeout", at);
      Map<String, String> env = new LinkedHashMap<>();
      if (rule.env() != null) {
        for (Map.Entry<String, @Nullable String> e : rule.env().entrySet()) {
          String name = e.getKey();
          String envPointer = pointer + "/env/" + name;
          if (!ENV_NAME.matcher(name).matches()) {
            throw at.error(envPointer, "'" + name + "' is not an environment variable name (letters, digits and '_', not starting with a digit)");
          }
          if (io.fleetmigrate.build.BuildRunner.FLEET_SETS.contains(name)) {
            throw at.error(envPointer, name + " is set by Fleet for every build and cannot be added"
                + (name.equals("JAVA_HOME") || name.equals("PATH") ? "; choose the JDK with 'jdk'" : ""));
          }
          if (e.getValue() == null) {
            throw at.error(envPointer, "'" + name + "' has no value; values are literal text (nothing is read from Fleet's environment)");
          }
          env.put(name, e.getValue());
        }
      }
      if (command == null && timeout == null && rule.jdk() == null && env.isEmpty()) {
        throw at.error(pointer, "'builds' item " + i + " sets nothing; give 'command', 'timeout', 'jdk' or 'env'");
      }
      rules.add(new CampaignSpec.BuildRule(where(pointer, at), match, command, timeout, jdk(rule.jdk(), pointer + "/jdk", at), env));
    }
    return rules;
  }

  private static CampaignSpec.Rollout rollout(@Nullable RawRollout raw, int concurrency, LocatedYaml at) throws LocatedYaml.YamlException {
    boolean draft = raw != null && Boolean.TRUE.equals(raw.draft());
    boolean autoMerge = raw != null && Boolean.TRUE.equals(raw.autoMerge());
    int minTests = raw == null || raw.minTests() == null ? CampaignSpec.Rollout.DEFAULT_MIN_TESTS : raw.minTests();
    if (minTests < 0) {
      throw at.error("/rollout/minTests", "'rollout.minTests' must be 0 (no floor) or more, not " + minTests);
    }
    int minCoverage = raw == null || raw.minCoverage() == null ? CampaignSpec.Rollout.DEFAULT_MIN_COVERAGE
        : share(raw.minCoverage(), 0, "/rollout/minCoverage", at);
    Duration nudgeAfter = raw == null || raw.nudgeAfter() == null ? null : positive(raw.nudgeAfter(), "/rollout/nudgeAfter", at);
    if (raw == null || raw.waves() == null) {
      if (raw != null && (raw.pin() != null || raw.gate() != null)) {
        throw at.error(raw.pin() != null ? "/rollout/pin" : "/rollout/gate",
            "'rollout." + (raw.pin() != null ? "pin" : "gate") + "' needs 'rollout.waves', e.g. 'waves: [5, 10%, 50%, 100%]'");
      }
      return new CampaignSpec.Rollout(concurrency, List.of(), List.of(), CampaignSpec.Gate.DEFAULT, draft, autoMerge, minTests, minCoverage, nudgeAfter);
    }
    List<CampaignSpec.Wave> waves = new ArrayList<>();
    for (int i = 0; i < raw.waves().size(); i++) {
      waves.add(wave(raw.waves().get(i), "/rollout/waves/" + i, at));
    }
    if (waves.isEmpty()) {
      throw at.error("/rollout/waves", "'rollout.waves' lists no wave; write e.g. [5, 10%, 50%, 100%], or leave 'waves' out");
    }
    CampaignSpec.Wave last = waves.get(waves.size() - 1);
    if (!(last.percent() && last.size() == 100)) {
      throw at.error("/rollout/waves/" + (waves.size() - 1),
          "the last wave is " + last + "; it must be 100% so that the rollout reaches every selected repository");
    }
    List<String> pin = orEmpty(raw.pin());
    for (int i = 0; i < pin.size(); i++) {
      if (pin.get(i) == null || pin.get(i).isBlank()) {
        throw at.error("/rollout/pin/" + i, "'rollout.pin' item " + i + " is empty; each item is a repository name or a tag");
      }
    }
    CampaignSpec.Gate d = CampaignSpec.Gate.DEFAULT;
    CampaignSpec.Gate gate = d;
    if (raw.gate() != null) {
      RawGate g = raw.gate();
      Duration minAge = d.minAge();
      if (g.minAge() != null) {
        minAge = duration(g.minAge());
        if (minAge == null || minAge.isNegative()) {
          throw at.error("/rollout/gate/minAge",
              "'rollout.gate.minAge' is '" + g.minAge() + "'; write a duration such as 0s, 90m or 24h");
        }
      }
      gate = new CampaignSpec.Gate(
          g.merged() == null ? d.merged() : share(g.merged(), 0, "/rollout/gate/merged", at),
          g.checksGreen() == null ? d.checksGreen() : share(g.checksGreen(), 0, "/rollout/gate/checksGreen", at),
          minAge);
    }
    return new CampaignSpec.Rollout(concurrency, waves, pin.stream().map(String::strip).toList(), gate, draft, autoMerge, minTests, minCoverage, nudgeAfter);
  }

  /** One item of {@code rollout.waves}: a count such as {@code 5} or a share such as {@code 10%}. */
  private static CampaignSpec.Wave wave(@Nullable Object item, String pointer, LocatedYaml at) throws LocatedYaml.YamlException {
    if (item instanceof Integer count) {
      if (count < 1) {
        throw at.error(pointer, "a wave of " + count + " repositories; a count is at least 1 (or write a share such as 10%)");
      }
      return new CampaignSpec.Wave(count, false);
    }
    return new CampaignSpec.Wave(share(item, 1, pointer, at), true);
  }

  /** {@code 80%} (or a bare {@code 80}) as a whole percentage between {@code min} and 100. */
  private static int share(@Nullable Object value, int min, String pointer, LocatedYaml at) throws LocatedYaml.YamlException {
    String text = String.valueOf(value).strip();
    Matcher m = SHARE.matcher(text);
    int percent = m.matches() ? Integer.parseInt(m.group(1))
        : value instanceof Integer n && (pointer.startsWith("/rollout/gate") || pointer.equals("/rollout/minCoverage")) ? n : -1;
    if (percent < min || percent > 100) {
      String field = pointer.substring(1).replace('/', '.').replaceAll("\\.(\\d+)$", "[$1]");
      throw at.error(pointer, "'" + field + "' is '" + text + "'; write "
          + (pointer.startsWith("/rollout/waves") ? "a count of repositories (5) or a share of the selection (" + min + "% to 100%)"
              : "a share from " + min + "% to 100%"));
    }
    return percent;
  }

  private static List<String> labels(@Nullable List<String> raw, LocatedYaml at) throws LocatedYaml.YamlException {
    List<String> labels = orEmpty(raw);
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      if (label == null || label.isBlank() || label.length() > 50) {
        throw at.error("/pullRequest/labels/" + i, "'pullRequest.labels' item " + i + " must be a label of 1 to 50 characters");
      }
    }
    return labels.stream().map(String::strip).toList();
  }

  private static List<String> logins(@Nullable List<String> raw, String field, LocatedYaml at) throws LocatedYaml.YamlException {
    List<String> logins = orEmpty(raw);
    for (int i = 0; i < logins.size(); i++) {
      String login = logins.get(i);
      if (login == null || !LOGIN.matcher(login.strip()).matches()) {
        throw at.error("/pullRequest/" + field + "/" + i,
            "'pullRequest." + field + "' item " + i + " is not a GitHub login: '" + login + "' (letters, digits and '-')");
      }
    }
    return logins.stream().map(String::strip).toList();
  }

  private static List<String> teams(@Nullable List<String> raw, LocatedYaml at) throws LocatedYaml.YamlException {
    List<String> teams = orEmpty(raw);
    for (int i = 0; i < teams.size(); i++) {
      String team = teams.get(i);
      if (team == null || !TEAM_SLUG.matcher(team.strip()).matches()) {
        throw at.error("/pullRequest/teamReviewers/" + i,
            "'pullRequest.teamReviewers' item " + i + " is not a team slug: '" + team + "' (e.g. platform-team)");
      }
    }
    return teams.stream().map(String::strip).toList();
  }

  /**
   * Why {@code url} cannot be a GitHub API URL ("must be an https URL ..."), or {@code null}; shared
   * by the spec's {@code codeHost.apiUrl} and {@code inventory import github --api-url}.
   */
  public static @Nullable String apiUrlProblem(@Nullable String url) {
    String problem = io.fleetmigrate.deliver.github.GitHubUrls.apiUrlProblem(url);
    return problem == null ? null
        : "must be an https URL without credentials, e.g. https://github.example.com/api/v3, not '"
            + String.valueOf(url).replaceAll("//[^/@]*@", "//***@") + "': " + problem;
  }

  private static CampaignSpec.CodeHost codeHost(@Nullable RawCodeHost raw, LocatedYaml at) throws LocatedYaml.YamlException {
    CampaignSpec.CodeHost d = CampaignSpec.CodeHost.LOCAL;
    if (raw == null) {
      return d;
    }
    String type = raw.type() == null ? d.type() : raw.type().strip().toLowerCase(Locale.ROOT);
    if (!HOSTS.contains(type)) {
      throw at.error("/codeHost/type", "'codeHost.type' is '" + raw.type() + "'; use one of " + String.join(", ", HOSTS));
    }
    if (type.equals("gitlab") && raw.apiUrl() == null) {
      throw at.error("/codeHost/type", "'codeHost.apiUrl' is missing; GitLab needs its REST API root, e.g. https://gitlab.com/api/v4");
    }
    String apiUrl = raw.apiUrl() == null ? d.apiUrl() : raw.apiUrl().strip().replaceAll("/+$", "");
    String problem = apiUrlProblem(apiUrl);
    if (problem != null) {
      throw at.error("/codeHost/apiUrl", "'codeHost.apiUrl' " + problem);
    }
    String fork = raw.fork() == null ? d.fork() : raw.fork().strip().toLowerCase(Locale.ROOT);
    if (!FORK_MODES.contains(fork)) {
      throw at.error("/codeHost/fork", "'codeHost.fork' is '" + raw.fork() + "'; use one of " + String.join(", ", FORK_MODES));
    }
    if (raw.tokenFile() != null && raw.tokenFile().isBlank()) {
      throw at.error("/codeHost/tokenFile", "'codeHost.tokenFile' is empty; name a file holding the token, or leave it out");
    }
    Duration interval =
        raw.contentCallInterval() == null ? d.contentCallInterval() : duration(raw.contentCallInterval());
    if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw at.error("/codeHost/contentCallInterval",
          "'codeHost.contentCallInterval' is '" + raw.contentCallInterval() + "'; GitHub asks for at least 1s between content-creating calls");
    }
    int perHour = raw.contentCallsPerHour() == null ? d.contentCallsPerHour() : raw.contentCallsPerHour();
    if (perHour < 1) {
      throw at.error("/codeHost/contentCallsPerHour", "'codeHost.contentCallsPerHour' must be at least 1, not " + perHour);
    }
    return new CampaignSpec.CodeHost(
        type, apiUrl, raw.tokenFile() == null ? null : raw.tokenFile().strip(), fork, interval, perHour, app(raw, type, at));
  }

  private static CampaignSpec.@Nullable App app(RawCodeHost raw, String type, LocatedYaml at) throws LocatedYaml.YamlException {
    RawApp app = raw.app();
    if (app == null) {
      return null;
    }
    if (!type.equals("github")) {
      throw at.error("/codeHost/app", "'codeHost.app' is for GitHub; 'codeHost.type' is '" + type + "'");
    }
    if (raw.tokenFile() != null) {
      throw at.error("/codeHost/app", "give either 'codeHost.tokenFile' or 'codeHost.app', not both");
    }
    if (app.id() == null || app.id() < 1) {
      throw at.error("/codeHost/app", "'codeHost.app.id' is missing; give the App's numeric id (its settings page shows it)");
    }
    if (app.privateKeyFile() != null && app.privateKeyFile().isBlank()) {
      throw at.error("/codeHost/app/privateKeyFile",
          "'codeHost.app.privateKeyFile' is empty; name the App's private key file, or leave it out and set FLEET_GITHUB_APP_KEY_FILE");
    }
    Long installationId;
    try {
      installationId = CampaignSpec.App.installation(app.installation() == null ? "auto" : app.installation());
    } catch (IllegalArgumentException e) {
      throw at.error("/codeHost/app/installation", "'codeHost.app.installation' is " + e.getMessage());
    }
    return new CampaignSpec.App(app.id(), app.privateKeyFile() == null ? null : app.privateKeyFile().strip(), installationId);
  }

  private static CampaignSpec.Stage stage(@Nullable RawStage raw, CampaignSpec.Stage auto, String pointer, LocatedYaml at)
      throws LocatedYaml.YamlException {
    if (raw == null) {
      return auto;
    }
    // "none" and "" both mean: skip this stage.
    String command = raw.command() == null ? null : raw.command().strip().equals("none") ? "" : raw.command().strip();
    Duration timeout = raw.timeout() == null ? auto.timeout() : positive(raw.timeout(), pointer + "/timeout", at);
    return new CampaignSpec.Stage(command, timeout);
  }

  private static CampaignSpec.Fix fix(@Nullable RawFix raw, LocatedYaml at) throws LocatedYaml.YamlException {
    CampaignSpec.Fix d = CampaignSpec.Fix.NONE;
    if (raw == null) {
      return d;
    }
    String provider = raw.provider() == null ? "none" : raw.provider().strip().toLowerCase(Locale.ROOT);
    if (!PROVIDERS.contains(provider)) {
      throw at.error("/fix/provider",
          "'fix.provider' is '" + raw.provider() + "'; use one of " + String.join(", ", PROVIDERS)
              + " (an OpenAI-compatible server is 'openai' with 'baseUrl')");
    }
    String model = raw.model() == null ? "" : raw.model().strip();
    if (!provider.equals("none") && model.isEmpty()) {
      throw at.error("/fix", "'fix.model' is required with provider '" + provider + "'");
    }
    if (raw.baseUrl() != null && io.fleetmigrate.inventory.RepoRef.carriesCredential(raw.baseUrl().strip())) {
      // Not echoed: the user info is the secret.
      throw at.error("/fix/baseUrl", "'fix.baseUrl' must not carry credentials (user:key@host): the key comes from"
          + " fix.apiKeyEnv or fix.apiKeyFile, never from the spec");
    }
    if (raw.baseUrl() != null && !raw.baseUrl().strip().matches("https?://\\S+")) {
      throw at.error("/fix/baseUrl", "'fix.baseUrl' must be an http(s) URL, not '" + raw.baseUrl() + "'");
    }
    if (raw.apiKeyEnv() != null && !ENV_NAME.matcher(raw.apiKeyEnv().strip()).matches()) {
      throw at.error("/fix/apiKeyEnv",
          "'fix.apiKeyEnv' names an environment variable (e.g. OPENAI_API_KEY); the key itself never goes in the spec");
    }
    int attempts = raw.maxAttempts() == null ? d.maxAttempts() : raw.maxAttempts();
    if (attempts < 1 || attempts > 10) {
      throw at.error("/fix/maxAttempts", "'fix.maxAttempts' must be between 1 and 10, not " + attempts);
    }
    int maxOutput = raw.maxOutputTokens() == null ? d.maxOutputTokens() : raw.maxOutputTokens();
    if (maxOutput < 256) {
      throw at.error("/fix/maxOutputTokens", "'fix.maxOutputTokens' must be at least 256, not " + maxOutput);
    }
    Duration callTimeout = raw.callTimeout() == null ? d.callTimeout() : positive(raw.callTimeout(), "/fix/callTimeout", at);
    long perRepo = d.tokensPerRepository();
    long perCampaign = d.tokensPerCampaign();
    if (raw.budget() != null) {
      if (raw.budget().tokensPerRepository() != null) {
        perRepo = nonNegative(raw.budget().tokensPerRepository(), "/fix/budget/tokensPerRepository", at);
      }
      if (raw.budget().tokensPerCampaign() != null) {
        perCampaign = nonNegative(raw.budget().tokensPerCampaign(), "/fix/budget/tokensPerCampaign", at);
      }
    }
    int turns = raw.maxTurns() == null ? d.maxTurns() : raw.maxTurns();
    if (turns < 1 || turns > 50) {
      throw at.error("/fix/maxTurns", "'fix.maxTurns' must be between 1 and 50, not " + turns);
    }
    Duration timeout = raw.timeout() == null ? d.timeout() : positive(raw.timeout(), "/fix/timeout", at);
    return new CampaignSpec.Fix(
        provider, model, raw.baseUrl() == null ? null : raw.baseUrl().strip(),
        raw.apiKeyEnv() == null ? null : raw.apiKeyEnv().strip(),
        raw.apiKeyFile() == null ? null : raw.apiKeyFile().strip(),
        attempts, callTimeout, maxOutput, perRepo, perCampaign, raw.judge() != null && raw.judge(),
        raw.jsonSchema() == null || raw.jsonSchema(), raw.tools() == null || raw.tools(), turns, timeout,
        raw.memory() == null || raw.memory());
  }

  private static CampaignSpec.Guardrails guardrails(@Nullable RawGuardrails raw, LocatedYaml at) throws LocatedYaml.YamlException {
    CampaignSpec.Guardrails d = CampaignSpec.Guardrails.DEFAULT;
    if (raw == null) {
      return d;
    }
    int max = raw.maxChangedLines() == null ? d.maxChangedLines() : raw.maxChangedLines();
    if (max < 1) {
      throw at.error("/guardrails/maxChangedLines", "'guardrails.maxChangedLines' must be at least 1, not " + max);
    }
    List<String> off = new ArrayList<>();
    List<@Nullable Object> names = raw.off() == null ? List.of() : raw.off();
    for (int i = 0; i < names.size(); i++) {
      Object name = names.get(i);
      if (!(name instanceof String rule) || !io.fleetmigrate.judge.Guardrails.NAMES.contains(rule.strip())) {
        throw at.error("/guardrails/off/" + i, "'guardrails.off' item " + i + " is not a guardrail's name: '" + name
            + "'; the guardrails are " + io.fleetmigrate.judge.Guardrails.NAMES);
      }
      off.add(rule.strip());
    }
    return new CampaignSpec.Guardrails(
        raw.allowedPaths() == null ? d.allowedPaths() : raw.allowedPaths(),
        raw.deniedPaths() == null ? d.deniedPaths() : raw.deniedPaths(),
        max, off.stream().distinct().toList());
  }

  private static Duration positive(String text, String pointer, LocatedYaml at) throws LocatedYaml.YamlException {
    Duration d = duration(text);
    if (d == null || d.isZero() || d.isNegative()) {
      throw at.error(pointer, "'" + pointer.substring(1).replace('/', '.') + "' is '" + text
          + "'; write a positive duration such as 90s, 20m or 1h");
    }
    return d;
  }

  private static long nonNegative(long value, String pointer, LocatedYaml at) throws LocatedYaml.YamlException {
    if (value < 0) {
      throw at.error(pointer, "'" + pointer.substring(1).replace('/', '.') + "' must be 0 (unlimited) or more, not " + value);
    }
    return value;
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

  /** Accepts {@code 90s}, {@code 20m}, {@code 1h}, {@code 5d} and ISO-8601 ({@code PT20M}). */
  static @Nullable Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "d" -> Duration.ofDays(n);
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
