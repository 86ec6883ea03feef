package io.fleetmigrate.campaign;

import io.fleetmigrate.build.jdk.JdkRequirement;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.inventory.RepoSelection;
import io.fleetmigrate.recipes.RecipeUse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A campaign: what to change, where, how to check it, and how to propose it. Read from YAML by
 * {@link CampaignSpecReader}; every field is documented in docs/spec-reference.md.
 */
public record CampaignSpec(
    String name,
    String description,
    RepoSelection repositories,
    List<RecipeUse> recipes,
    Verify verify,
    PullRequest pullRequest,
    Rollout rollout,
    Fix fix,
    Guardrails guardrails,
    CodeHost codeHost,
    List<BuildRule> builds) {

  public static final String DEFAULT_VERIFY_COMMAND = "mvn -B verify";
  public static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofMinutes(20);

  public CampaignSpec {
    Objects.requireNonNull(name, "name");
    recipes = List.copyOf(recipes);
    builds = List.copyOf(builds);
  }

  /** A campaign without per-repository build settings. */
  public CampaignSpec(
      String name, String description, RepoSelection repositories, List<RecipeUse> recipes, Verify verify,
      PullRequest pullRequest, Rollout rollout, Fix fix, Guardrails guardrails, CodeHost codeHost) {
    this(name, description, repositories, recipes, verify, pullRequest, rollout, fix, guardrails, codeHost, List.of());
  }

  /** A campaign delivered to the embedded {@code local} host. */
  public CampaignSpec(
      String name, String description, RepoSelection repositories, List<RecipeUse> recipes, Verify verify,
      PullRequest pullRequest, Rollout rollout, Fix fix, Guardrails guardrails) {
    this(name, description, repositories, recipes, verify, pullRequest, rollout, fix, guardrails, CodeHost.LOCAL);
  }

  /** The recipes' names, in order (for commit messages and logs). */
  public List<String> recipeNames() {
    return recipes.stream().map(RecipeUse::name).toList();
  }

  public static final int DEFAULT_FIX_ATTEMPTS = 3;

  /**
   * The build that decides red or green. {@code command} is the test stage: run once before the
   * recipe (the baseline) and after every change. After a change, {@code lint} and {@code compile}
   * run first, so a model is shown compile errors without waiting for the tests.
   *
   * @param command the test stage (default {@code mvn -B verify})
   * @param timeout the test stage's time limit
   * @param lint the lint stage; its command is {@code null} for "when the repository configures a
   *     linter" (Checkstyle or Spotless in its POM) and empty for "never"
   * @param compile the compile stage; its command is {@code null} for the default ({@code
   *     test-compile} with the test stage's Maven) and empty for "never"
   */
  public record Verify(String command, Duration timeout, Stage lint, Stage compile, @Nullable JdkPin jdk) {
    public Verify(String command, Duration timeout) {
      this(command, timeout, Stage.AUTO_LINT, Stage.AUTO_COMPILE);
    }

    public Verify(String command, Duration timeout, Stage lint, Stage compile) {
      this(command, timeout, lint, compile, null);
    }

    /** The commands the spec names, test stage first (an automatic stage uses the test stage's Maven). */
    public List<String> commands() {
      List<String> all = new java.util.ArrayList<>(List.of(command));
      for (Stage stage : List.of(lint, compile)) {
        if (stage.command() != null && !stage.command().isBlank()) {
          all.add(stage.command());
        }
      }
      return List.copyOf(all);
    }
  }

  /**
   * A JDK the spec names ({@code verify.jdk}, a build rule's {@code jdk}): its feature version and
   * where it is written ({@code campaign.yaml:12:8}), for the reason of a choice or of an error.
   */
  public record JdkPin(int version, String where) {
    /** Exactly this JDK, said by {@code field} at {@link #where}. */
    public JdkRequirement requirement(String field) {
      return JdkRequirement.exactly(version, field + " " + version + " in the spec, " + where);
    }
  }

  /**
   * Build settings for the repositories {@code match} selects ({@code builds} in the spec; the first
   * rule that matches a repository is its rule, the others are not consulted).
   *
   * @param where where the rule is written ({@code campaign.yaml:40:5})
   * @param match the repositories it is for: name globs ({@code include}, {@code exclude}), owners, tags
   * @param command replaces {@code verify.command} ({@code null}: the campaign's)
   * @param timeout replaces {@code verify.timeout} ({@code null}: the campaign's)
   * @param jdk the JDK the baseline builds on, before what the repository names ({@code null}: what it names)
   * @param env literal environment variables added to the repository's builds
   */
  public record BuildRule(
      String where, RepoSelection match, @Nullable String command, @Nullable Duration timeout, @Nullable JdkPin jdk,
      java.util.Map<String, String> env) {
    public BuildRule {
      env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    }

    public boolean matches(RepoRef repo) {
      return !match.apply(List.of(repo)).isEmpty();
    }
  }

  /** The first {@link #builds} rule that matches {@code repo}, if any. */
  public java.util.Optional<BuildRule> buildRule(RepoRef repo) {
    return builds.stream().filter(r -> r.matches(repo)).findFirst();
  }

  /** {@link #verify}, with the command and time limit of {@code repo}'s build rule when it has one. */
  public Verify verifyFor(RepoRef repo) {
    return buildRule(repo)
        .map(r -> new Verify(r.command() == null ? verify.command() : r.command(), r.timeout() == null ? verify.timeout() : r.timeout(),
            verify.lint(), verify.compile(), verify.jdk()))
        .orElse(verify);
  }

  /** One verify stage's command ({@code null}: decided per repository; empty: skipped) and time limit. */
  public record Stage(@Nullable String command, Duration timeout) {
    public static final Stage AUTO_LINT = new Stage(null, Duration.ofMinutes(5));
    public static final Stage AUTO_COMPILE = new Stage(null, Duration.ofMinutes(10));
  }

  /**
   * The model that fixes what is still red after the recipe. No provider is a normal mode: red
   * repositories then end {@code NEEDS_HUMAN}. The API key is never in the spec: only the name of
   * the environment variable (or a file) that holds it.
   *
   * @param provider {@code none}, {@code openai} (also any OpenAI-compatible server, by {@code
   *     baseUrl}) or {@code anthropic}
   * @param model the model name
   * @param baseUrl the endpoint; {@code null} for the provider's own
   * @param apiKeyEnv the environment variable holding the API key
   * @param apiKeyFile a file holding the API key, when the variable is not set
   * @param maxAttempts fix attempts per repository
   * @param callTimeout time limit of one model call
   * @param maxOutputTokens the most tokens one answer may use
   * @param tokensPerRepository token budget of one repository in one run (0: unlimited)
   * @param tokensPerCampaign token budget of one run of the campaign (0: unlimited)
   * @param judge whether a second model call judges the final diff against the campaign's intent
   * @param jsonSchema whether to ask an OpenAI-compatible endpoint for a JSON schema answer; off
   *     for servers that reject {@code response_format}
   * @param tools whether the model works through tools (read, list, search, edit, verify); off:
   *     one prompt with the diagnostics per attempt, for endpoints without tool calling
   * @param maxTurns model calls in one tool-using attempt at most
   * @param timeout wall time of the whole fix station for one repository
   * @param memory whether accepted fixes are remembered and reused for the same diagnostics
   */
  public record Fix(
      String provider,
      String model,
      @Nullable String baseUrl,
      @Nullable String apiKeyEnv,
      @Nullable String apiKeyFile,
      int maxAttempts,
      Duration callTimeout,
      int maxOutputTokens,
      long tokensPerRepository,
      long tokensPerCampaign,
      boolean judge,
      boolean jsonSchema,
      boolean tools,
      int maxTurns,
      Duration timeout,
      boolean memory) {
    public static final int DEFAULT_MAX_TURNS = 10;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final Fix NONE =
        new Fix("none", "", null, null, null, DEFAULT_FIX_ATTEMPTS, Duration.ofMinutes(3), 4096, 200_000, 2_000_000, false, true);

    public Fix {
      if (maxTurns < 1) {
        throw new IllegalArgumentException("maxTurns must be at least 1");
      }
    }

    /** The settings before tools and memory: both on, with their defaults. */
    public Fix(
        String provider, String model, @Nullable String baseUrl, @Nullable String apiKeyEnv, @Nullable String apiKeyFile,
        int maxAttempts, Duration callTimeout, int maxOutputTokens, long tokensPerRepository, long tokensPerCampaign,
        boolean judge, boolean jsonSchema) {
      this(provider, model, baseUrl, apiKeyEnv, apiKeyFile, maxAttempts, callTimeout, maxOutputTokens, tokensPerRepository,
          tokensPerCampaign, judge, jsonSchema, true, DEFAULT_MAX_TURNS, DEFAULT_TIMEOUT, true);
    }

    public boolean configured() {
      return !provider.equals("none");
    }
  }

  /**
   * Deterministic rules the model's edits must pass (the recipe's own changes are judged against
   * the recipe, not these rules).
   *
   * @param allowedPaths globs a model may edit (empty: anywhere in the repository)
   * @param deniedPaths globs a model may never edit (CI configuration by default)
   * @param maxChangedLines the most lines the model may add plus remove over all its attempts
   * @param off the rules this campaign turns off, by name (see {@code judge.Guardrails.NAMES});
   *     every other rule applies
   */
  public record Guardrails(List<String> allowedPaths, List<String> deniedPaths, int maxChangedLines, List<String> off) {
    public static final List<String> CI_PATHS =
        List.of(".github/**", ".gitlab-ci.yml", ".gitlab/**", "Jenkinsfile", ".circleci/**", "azure-pipelines.yml",
            ".travis.yml", "bitbucket-pipelines.yml", ".buildkite/**");
    public static final Guardrails DEFAULT = new Guardrails(List.of(), CI_PATHS, 200);

    public Guardrails {
      allowedPaths = List.copyOf(allowedPaths);
      deniedPaths = List.copyOf(deniedPaths);
      off = List.copyOf(off);
    }

    public Guardrails(List<String> allowedPaths, List<String> deniedPaths, int maxChangedLines) {
      this(allowedPaths, deniedPaths, maxChangedLines, List.of());
    }
  }

  /**
   * How the change is proposed. {@code title} and {@code body} are templates: {@code {campaign}},
   * {@code {repository}} and {@code {repo}} (the name without its owner) are replaced per repository.
   *
   * @param draft open the pull request as a draft
   * @param labels labels added to the pull request
   * @param reviewers logins asked for a review
   * @param teamReviewers team slugs (of the repository's organisation) asked for a review
   * @param assignees logins the pull request is assigned to
   */
  public record PullRequest(
      String branch, String title, String body, boolean draft, List<String> labels, List<String> reviewers,
      List<String> teamReviewers, List<String> assignees) {
    public PullRequest {
      labels = List.copyOf(labels);
      reviewers = List.copyOf(reviewers);
      teamReviewers = List.copyOf(teamReviewers);
      assignees = List.copyOf(assignees);
    }

    public PullRequest(String branch, String title, String body) {
      this(branch, title, body, false, List.of(), List.of(), List.of(), List.of());
    }

    /** {@code template} with this repository's values in place of the placeholders. */
    public static String render(String template, String campaign, String repository) {
      String shortName = repository.substring(repository.lastIndexOf('/') + 1);
      return template.replace("{campaign}", campaign).replace("{repository}", repository).replace("{repo}", shortName);
    }
  }

  /**
   * Where pull requests are opened. The token is never in the spec: it comes from {@code
   * FLEET_GITHUB_TOKEN} or {@code GITHUB_TOKEN}, or from the file {@code tokenFile} names.
   *
   * @param type {@code local} (bare repositories on disk, pull requests in the store), {@code github} or {@code gitlab}
   * @param apiUrl the REST API's root: {@code https://api.github.com}, or {@code https://HOST/api/v3} for Enterprise;
   *     for GitLab {@code https://HOST/api/v4} (required); GitLab's token comes from {@code FLEET_GITLAB_TOKEN}
   * @param tokenFile a file holding the token (used before the environment variables)
   * @param fork {@code auto} (fork when the token cannot push to the repository), {@code always} or {@code never}
   * @param contentCallInterval the least time between two content-creating calls (GitHub asks for 1 s)
   * @param contentCallsPerHour the most content-creating calls per hour, over every run on this database
   * @param app a GitHub App to act as instead of a token ({@code null}: a token)
   */
  public record CodeHost(
      String type, String apiUrl, @Nullable String tokenFile, String fork, Duration contentCallInterval, int contentCallsPerHour,
      @Nullable App app) {
    public static final String GITHUB_API = "https://api.github.com";
    public static final CodeHost LOCAL = new CodeHost("local", GITHUB_API, null, "auto", Duration.ofSeconds(1), 500);

    /** A host reached with a token. */
    public CodeHost(String type, String apiUrl, @Nullable String tokenFile, String fork, Duration contentCallInterval,
        int contentCallsPerHour) {
      this(type, apiUrl, tokenFile, fork, contentCallInterval, contentCallsPerHour, null);
    }

    public boolean github() {
      return type.equals("github");
    }

    public boolean gitlab() {
      return type.equals("gitlab");
    }
  }

  /**
   * A GitHub App the campaign acts as: a JWT signed with its private key gets an installation token
   * for each repository's owner. The key is never in the spec, only the name of its file.
   *
   * @param id the App's id
   * @param privateKeyFile the App's private key (PEM); {@code null}: the file {@code FLEET_GITHUB_APP_KEY_FILE} names
   * @param installation the installation to use; {@code null} ({@code auto}): the one on each repository's owner
   */
  public record App(long id, @Nullable String privateKeyFile, @Nullable Long installation) {
    /**
     * An installation as written ({@code auto} or a numeric id): {@code null} for auto.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static @Nullable Long installation(String written) {
      String text = written.strip().toLowerCase(java.util.Locale.ROOT);
      if (text.equals("auto")) {
        return null;
      }
      try {
        long id = Long.parseLong(text);
        if (id > 0) {
          return id;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw new IllegalArgumentException("'" + written + "'; use auto (the installation on each repository's owner) or its numeric id");
    }
  }

  /**
   * How much runs at once, and how far pull requests reach.
   *
   * @param waves cumulative waves over the selection (counts or shares); empty: every green
   *     repository is delivered in one go, as without a rollout
   * @param pin repository names or tags that go first, into the first wave
   * @param gate what the latest wave's pull requests must show before the next wave opens
   * @param draft open pull requests as drafts and mark them ready for review once their checks are green
   * @param autoMerge merge a pull request through the host's API once its checks are green and it is approved
   * @param minTests a baseline that ran fewer tests flags the repository (a draft, a label, its owner asked to review)
   * @param minCoverage a change to main code whose tests cover less of it (percent) flags the repository the same way; 0: off
   * @param nudgeAfter how long an open pull request waits for a review before its owners are reminded; {@code null}: never
   */
  public record Rollout(
      int concurrency, List<Wave> waves, List<String> pin, Gate gate, boolean draft, boolean autoMerge, int minTests,
      int minCoverage, @Nullable Duration nudgeAfter) {
    public static final int DEFAULT_MIN_TESTS = 10;
    public static final int DEFAULT_MIN_COVERAGE = 50;

    public Rollout {
      waves = List.copyOf(waves);
      pin = List.copyOf(pin);
    }

    public Rollout(int concurrency) {
      this(concurrency, List.of(), List.of(), Gate.DEFAULT, false, false, DEFAULT_MIN_TESTS, DEFAULT_MIN_COVERAGE, null);
    }

    /** Whether the campaign rolls out in waves at all. */
    public boolean inWaves() {
      return !waves.isEmpty();
    }
  }

  /**
   * How far one wave reaches: {@code size} repositories, or {@code size} percent of the selection.
   */
  public record Wave(int size, boolean percent) {
    public Wave {
      if (size < 1 || (percent && size > 100)) {
        throw new IllegalArgumentException(percent ? "a share of 1% to 100%, not " + size + "%" : "at least 1 repository, not " + size);
      }
    }

    /** How many of {@code total} repositories the wave reaches (a share rounds up: 10% of 5 is 1, never 0). */
    public int reach(int total) {
      return percent ? (int) Math.min(total, ((long) total * size + 99) / 100) : Math.min(total, size);
    }

    @Override
    public String toString() {
      return size + (percent ? "%" : "");
    }
  }

  /**
   * When the next wave may open: at least {@code merged} percent of the latest wave's pull requests
   * merged, at least {@code checksGreen} percent with green checks (a merged one counts as green),
   * and the wave open for at least {@code minAge}.
   */
  public record Gate(int merged, int checksGreen, Duration minAge) {
    public static final Gate DEFAULT = new Gate(80, 100, Duration.ofHours(24));
  }
}
