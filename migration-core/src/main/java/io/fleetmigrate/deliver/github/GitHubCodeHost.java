package io.fleetmigrate.deliver.github;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.deliver.BranchDelivery;
import io.fleetmigrate.deliver.CodeHost;
import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.Delivery;
import io.fleetmigrate.deliver.DeliveryRequest;
import io.fleetmigrate.deliver.ForkPolicy;
import io.fleetmigrate.deliver.PullRequestState;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStore.PullRequestRecord;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestReview;
import org.kohsuke.github.GHPullRequestReviewState;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTeam;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * github.com and GitHub Enterprise. The campaign branch is pushed with JGit over HTTPS, the token
 * given as a credential (never in a URL); the pull request is found by its head branch before one
 * is created (a 422 "already exists" counts as found), and updated when the result changed.
 *
 * <p>Like the local host, it never overwrites a person's commits: the branch tip must be one this
 * campaign pushed (recorded in the store before and after each push, in transactions of their
 * own), else the repository is {@code HUMAN_EDITED} and left alone. When the token cannot push to
 * the repository ({@code codeHost.fork: auto}) or always ({@code always}), the branch goes to the
 * token owner's fork and the pull request is opened from there.
 */
@Component
public class GitHubCodeHost implements CodeHost {
  public static final String ID = "github";
  private final GitHubConnections connections;
  private final BranchDelivery delivery;
  private int gitTimeoutSeconds = Math.toIntExact(io.fleetmigrate.checkout.Checkout.GIT_TIMEOUT.toSeconds());

  public GitHubCodeHost(CampaignStore store, GitHubConnections connections, PlatformTransactionManager transactions) {
    this.connections = connections;
    this.delivery = new BranchDelivery(store, transactions);
  }

  /** Another git transport timeout (tests). */
  void gitTimeout(Duration timeout) {
    this.gitTimeoutSeconds = Math.toIntExact(Math.max(1, timeout.toSeconds()));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public @Nullable CredentialsProvider cloneCredentials(CampaignSpec.CodeHost settings, String cloneUrl) throws CodeHostException {
    // A repository on another host, or reached over plain http, is cloned without the token.
    return GitHubUrls.mayCarryToken(cloneUrl, settings.apiUrl())
        ? connections.tokenFor(settings, owner(fullName(cloneUrl, cloneUrl))).credentials() : null;
  }

  @Override
  public Delivery deliver(DeliveryRequest request) throws CodeHostException {
    CampaignSpec.CodeHost settings = request.host();
    String fullName = fullName(request.repo());
    GitHubToken token = connections.tokenFor(settings, owner(fullName));
    GitHub gh = connections.client(settings, token);
    String branch = request.workspace().branch();
    try {
      GHRepository upstream = gh.getRepository(fullName);
      return ForkPolicy.deliver(settings.fork(), () -> deliverTo(upstream, upstream, request, gh, token), refused -> {
        if (refused != null && settings.app() != null) {
          // An App's installation token cannot fork into an account of its own: the installation needs the right.
          throw new CodeHostException("GitHub App " + settings.app().id() + " may not push to " + fullName + " ("
              + refused.getMessage() + "); give its installation on " + owner(fullName) + " \"Contents: write\" access", refused);
        }
        return deliverTo(upstream, upstream.fork(), request, gh, token);
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CodeHostException("interrupted while waiting for GitHub's rate limit", e);
    } catch (IOException e) {
      throw explain(e, fullName, settings);
    } catch (GitAPIException | RuntimeException e) {
      throw new CodeHostException(gitMessage(e, branch, fullName), e);
    }
  }

  private Delivery deliverTo(GHRepository upstream, GHRepository target, DeliveryRequest request, GitHub gh, GitHubToken token)
      throws IOException, InterruptedException, GitAPIException, CodeHostException {
    CampaignSpec.CodeHost settings = request.host();
    String pushUrl = target.getHttpTransportUrl();
    if (!GitHubUrls.mayCarryToken(pushUrl, settings.apiUrl())) {
      throw new CodeHostException("GitHub gave " + pushUrl + " as the git URL of " + target.getFullName()
          + "; not sending the token there (only https on " + GitHubUrls.webHost(settings.apiUrl()) + ")");
    }
    BranchDelivery.Remote remote =
        new BranchDelivery.Remote(pushUrl, token.credentials(), gitTimeoutSeconds, target.getFullName(), "fleet-target");
    return delivery.deliver(request, ID, remote, new Proposal(upstream, target, request, gh));
  }

  /**
   * GitHub's part of one delivery: the pull request is found by its head branch ({@code owner:branch})
   * before one is created (a 422 "already exists" counts as found); labels, reviewers and assignees are
   * set once, when it is opened; title and body are updated when our own rendering changed.
   */
  private final class Proposal implements BranchDelivery.Proposal {
    private final GHRepository upstream;
    private final GHRepository target;
    private final DeliveryRequest request;
    private final GitHub gh;
    private final String head;
    private @Nullable GHPullRequest open;

    Proposal(GHRepository upstream, GHRepository target, DeliveryRequest request, GitHub gh) {
      this.upstream = upstream;
      this.target = target;
      this.request = request;
      this.gh = gh;
      this.head = target.getOwnerName() + ":" + request.workspace().branch();
    }

    @Override
    public Optional<Delivery> decline(Optional<PullRequestRecord> existing, @Nullable ObjectId remoteTip) throws IOException {
      open = findOpen(upstream, head);
      if (open == null && remoteTip != null && existing.isPresent() && existing.get().number() > 0
          && existing.get().state() != PullRequestStatus.PENDING) {
        GHPullRequest ours = upstream.getPullRequest(existing.get().number());
        if (ours.getState() == GHIssueState.CLOSED && !ours.isMerged()) {
          return Optional.of(BranchDelivery.closedWithoutMerging(ours.getNumber(), remoteTip.name(), request.workspace().branch()));
        }
      }
      return Optional.empty();
    }

    @Override
    public int firstNumber() {
      return open == null ? 0 : open.getNumber();
    }

    @Override
    public void push(BranchDelivery.Push push) throws InterruptedException, CodeHostException {
      String branch = request.workspace().branch();
      connections.throttle(request.host()).run(() -> {
        try {
          push.run();
        } catch (GitAPIException e) {
          throw ForkPolicy.pushFailure(e, gitMessage(e, branch, target.getFullName()));
        }
        return null;
      });
    }

    @Override
    public BranchDelivery.Proposed propose(PullRequestRecord pr, boolean announced, boolean pushed, String tip)
        throws IOException {
      GHPullRequest pull = open;
      Created created = pull == null ? create(upstream, head, request) : null;
      // Not announced: if GitHub has the pull request, an attempt that crashed (or lost the answer) after
      // creating it opened it, and this one finishes that opening (labels, reviewers, assignees; GitHub adds
      // each only once) and reports it opened.
      if ((created != null && created.isNew()) || !announced) {
        pull = created != null ? created.pull() : pull;
        // Recorded at once: whatever fails next, the pull request exists and later runs and
        // `prs refresh`/`campaign close` must find it.
        delivery.saveOpen(pr, request, tip, pull.getNumber(), htmlUrl(pull));
        String reason = "pull request #" + pull.getNumber() + " opened from " + head;
        try {
          decorate(gh, upstream, pull, request.options());
        } catch (IOException e) {
          reason += "; labels/reviewers not set: " + explain(e, fullName(request.repo()), request.host()).getMessage();
        }
        return new BranchDelivery.Proposed(OutcomeStatus.PR_OPENED, pull.getNumber(), htmlUrl(pull), reason);
      }
      if (created != null) {
        pull = created.pull();
      }
      // Compared with what we last wrote, not with GitHub's text: a person's edit of the title or
      // body stays until our own rendering changes.
      boolean edited = false;
      if (!request.body().equals(pr.body())) {
        pull.setBody(request.body());
        edited = true;
      }
      if (!request.title().equals(pr.title())) {
        pull.setTitle(request.title());
        edited = true;
      }
      String reason = pushed || edited
          ? "pull request #" + pull.getNumber() + " updated with a new result"
          : "pull request #" + pull.getNumber() + " is open and already holds this change";
      return new BranchDelivery.Proposed(OutcomeStatus.PR_UPDATED, pull.getNumber(), htmlUrl(pull), reason);
    }
  }

  private static @Nullable GHPullRequest findOpen(GHRepository upstream, String head) throws IOException {
    List<GHPullRequest> found = upstream.queryPullRequests().head(head).state(GHIssueState.OPEN).list().withPageSize(10).toList();
    return found.isEmpty() ? null : found.get(0);
  }

  /** A pull request we opened ({@code isNew}), or one that already existed when we tried. */
  private record Created(GHPullRequest pull, boolean isNew) {}

  private static Created create(GHRepository upstream, String head, DeliveryRequest request) throws IOException {
    try {
      boolean fromFork = !head.startsWith(upstream.getOwnerName() + ":");
      return new Created(upstream.createPullRequest(
          request.title(), head, request.workspace().baseBranch(), request.body(), fromFork, request.options().draft()), true);
    } catch (HttpException e) {
      // Opened by an earlier attempt whose answer was lost (a timeout, a crash): that is the one.
      if (e.getResponseCode() == 422 && String.valueOf(e.getMessage()).contains("already exists")) {
        GHPullRequest found = findOpen(upstream, head);
        if (found != null) {
          return new Created(found, false);
        }
      }
      throw e;
    }
  }

  /** Labels, reviewers, team reviewers and assignees: set once, when the pull request is opened. */
  private static void decorate(GitHub gh, GHRepository upstream, GHPullRequest pull, CampaignSpec.PullRequest options) throws IOException {
    if (!options.labels().isEmpty()) {
      pull.addLabels(options.labels().toArray(String[]::new));
    }
    List<GHUser> users = new ArrayList<>();
    List<String> slugs = new ArrayList<>();
    for (String login : options.reviewers()) {
      try {
        users.add(gh.getUser(login));
      } catch (org.kohsuke.github.GHFileNotFoundException e) {
        // No such user: an inventory owner asked to review (rollout.minTests) is often a team's slug
        // (inventory import github --teams); it is asked as that team.
        slugs.add(login);
      }
    }
    for (String slug : options.teamReviewers()) {
      String bare = slug.contains("/") ? slug.substring(slug.indexOf('/') + 1) : slug;
      if (!slugs.contains(bare)) {
        slugs.add(bare);
      }
    }
    if (!users.isEmpty()) {
      pull.requestReviewers(users);
    }
    if (!slugs.isEmpty()) {
      List<GHTeam> teams = new ArrayList<>();
      var org = gh.getOrganization(upstream.getOwnerName());
      for (String slug : slugs) {
        teams.add(org.getTeamBySlug(slug));
      }
      pull.requestTeamReviewers(teams);
    }
    if (!options.assignees().isEmpty()) {
      List<GHUser> assignees = new ArrayList<>();
      for (String login : options.assignees()) {
        assignees.add(gh.getUser(login));
      }
      pull.addAssignees(assignees);
    }
  }

  // ---------------------------------------------------------------- tracking and closing

  /** The pull request's state, draft flag, review decision and combined checks. */
  @Override
  public PullRequestState state(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException {
    String fullName = fullName(repo);
    GitHubToken token = connections.tokenFor(settings, owner(fullName));
    GitHub gh = connections.client(settings, token);
    try {
      GHRepository upstream = gh.getRepository(fullName);
      GHPullRequest pull = upstream.getPullRequest(pr.number());
      String state = openness(pull);
      String sha = pull.getHead().getSha();
      return new PullRequestState(state, pull.isDraft(), reviewDecision(pull), checks(upstream, sha, settings.apiUrl(), token), sha);
    } catch (IOException e) {
      throw explain(e, fullName, settings);
    }
  }

  /** The repository and the pull request, two GETs: not its reviews, statuses or checks. */
  @Override
  public String openness(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException {
    String fullName = fullName(repo);
    try {
      return openness(connections.client(settings, connections.tokenFor(settings, owner(fullName)))
          .getRepository(fullName).getPullRequest(pr.number()));
    } catch (IOException e) {
      throw explain(e, fullName, settings);
    }
  }

  private static String openness(GHPullRequest pull) throws IOException {
    return pull.isMerged() ? "MERGED" : pull.getState() == GHIssueState.OPEN ? "OPEN" : "CLOSED";
  }

  /**
   * Comments on the pull request and closes it, when GitHub still has it open; the branch is left
   * for people to look at. One already merged or closed is left alone and its state returned.
   */
  @Override
  public Closed close(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String comment) throws CodeHostException {
    String fullName = fullName(repo);
    GitHub gh = connections.client(settings, connections.tokenFor(settings, owner(fullName)));
    try {
      GHPullRequest pull = gh.getRepository(fullName).getPullRequest(pr.number());
      if (pull.getState() != GHIssueState.OPEN) {
        return new Closed(false, openness(pull));
      }
      pull.comment(comment);
      pull.close();
      return new Closed(true, "CLOSED");
    } catch (IOException e) {
      throw explain(e, fullName, settings);
    }
  }

  /**
   * Marks a draft ready for review. GitHub has this only in GraphQL
   * ({@code markPullRequestReadyForReview}), which github-api does not offer, so it is sent here.
   */
  @Override
  public void markReady(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException {
    String fullName = fullName(repo);
    GitHubToken token = connections.tokenFor(settings, owner(fullName));
    try {
      GHPullRequest pull = connections.client(settings, token).getRepository(fullName).getPullRequest(pr.number());
      if (!pull.isDraft()) {
        return;
      }
      graphql(settings, token, "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id}) { pullRequest { isDraft } } }",
          Map.of("id", pull.getNodeId()), "marking pull request #" + pr.number() + " of " + fullName + " ready for review");
    } catch (IOException e) {
      throw explain(e, fullName, settings);
    }
  }

  /**
   * Turns on GitHub's auto-merge (a merge commit, at {@code headCommit} only) when the repository
   * allows it ({@code autoMergeAllowed}) and it is not on yet: GitHub then merges once the branch's
   * rules (required checks, required reviews) are met. Both exist only in GraphQL
   * ({@code enablePullRequestAutoMerge}).
   */
  @Override
  public AutoMerge enableAutoMerge(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String headCommit)
      throws CodeHostException {
    String fullName = fullName(repo);
    GitHubToken token = connections.tokenFor(settings, owner(fullName));
    String what = "enabling auto-merge of pull request #" + pr.number() + " of " + fullName;
    try {
      GHPullRequest pull = connections.client(settings, token).getRepository(fullName).getPullRequest(pr.number());
      JsonNode node = graphql(settings, token,
          "query($id: ID!) { node(id: $id) { ... on PullRequest { autoMergeRequest { enabledAt } repository { autoMergeAllowed } } } }",
          Map.of("id", pull.getNodeId()), what).path("node");
      if (!node.path("autoMergeRequest").isNull() && !node.path("autoMergeRequest").isMissingNode()) {
        return AutoMerge.ALREADY_ENABLED;
      }
      if (!node.path("repository").path("autoMergeAllowed").asBoolean(false)) {
        return AutoMerge.NOT_ALLOWED;
      }
      graphql(settings, token, "mutation($id: ID!, $head: GitObjectID!) { enablePullRequestAutoMerge(input: {pullRequestId: $id,"
          + " mergeMethod: MERGE, expectedHeadOid: $head}) { pullRequest { autoMergeRequest { enabledAt } } } }",
          Map.of("id", pull.getNodeId(), "head", headCommit), what);
      return AutoMerge.ENABLED_NOW;
    } catch (IOException e) {
      throw explain(e, fullName, settings);
    }
  }

  /**
   * One GraphQL call (what github-api does not offer): its {@code data}, or an {@link IOException}
   * saying {@code what} failed, with GitHub's first error message.
   */
  private static JsonNode graphql(CampaignSpec.CodeHost settings, GitHubToken token, String query, Map<String, String> variables,
      String what) throws IOException {
    var call = JSON.createObjectNode();
    call.put("query", query);
    var vars = call.putObject("variables");
    variables.forEach(vars::put);
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(GitHubUrls.graphqlUrl(settings.apiUrl())))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call))), token, what);
    JsonNode answer = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    if (answer == null || answer.has("errors")) {
      throw new IOException(what + ": "
          + (answer == null ? "HTTP " + response.statusCode() : answer.path("errors").path(0).path("message").asString("GraphQL error")));
    }
    return answer.path("data");
  }

  /** One call on the pull request {@code pr}, its failure explained like every other call's. */
  private interface PullCall {
    void on(GHPullRequest pull) throws IOException;
  }

  private void onPull(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, PullCall call) throws CodeHostException {
    String fullName = fullName(repo);
    try {
      call.on(connections.client(settings, connections.tokenFor(settings, owner(fullName))).getRepository(fullName)
          .getPullRequest(pr.number()));
    } catch (IOException e) {
      throw explain(e, fullName, settings);
    }
  }

  @Override
  public void comment(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String body) throws CodeHostException {
    onPull(pr, repo, settings, pull -> pull.comment(body));
  }

  /** Merges with a merge commit, only at {@code headCommit}: a push after the checks were seen makes GitHub refuse (409). */
  @Override
  public void merge(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String headCommit) throws CodeHostException {
    onPull(pr, repo, settings, pull -> pull.merge(pr.title(), headCommit, GHPullRequest.MergeMethod.MERGE));
  }

  /** Like GitHub's own: changes requested by anyone's latest review wins, then approval, then pending requests. */
  static String reviewDecision(GHPullRequest pull) throws IOException {
    Map<String, GHPullRequestReviewState> latest = new HashMap<>();
    for (GHPullRequestReview review : pull.listReviews()) {
      GHPullRequestReviewState s = review.getState();
      if (s == GHPullRequestReviewState.APPROVED || s == GHPullRequestReviewState.CHANGES_REQUESTED
          || s == GHPullRequestReviewState.DISMISSED) {
        latest.put(review.getUser() == null ? "?" : review.getUser().getLogin(), s);
      }
    }
    if (latest.containsValue(GHPullRequestReviewState.CHANGES_REQUESTED)) {
      return "CHANGES_REQUESTED";
    }
    if (latest.containsValue(GHPullRequestReviewState.APPROVED)) {
      return "APPROVED";
    }
    return pull.getRequestedReviewers().isEmpty() && pull.getRequestedTeams().isEmpty() ? "NONE" : "REVIEW_REQUIRED";
  }

  /**
   * The commit's combined status and its check runs together: failure, pending, success or none.
   * The combined status comes from {@code GET /repos/{owner}/{repo}/commits/{ref}/status}, which
   * github-api does not offer (its status calls use an undocumented alias), so it is read here.
   */
  static String checks(GHRepository repo, String sha, String apiUrl, GitHubToken token) throws IOException {
    List<String> results = new ArrayList<>();
    String combined = combinedStatus(apiUrl, token, repo.getFullName(), sha);
    if (combined != null) {
      results.add(combined);
    }
    for (GHCheckRun run : repo.getCheckRuns(sha)) {
      if (run.getStatus() != GHCheckRun.Status.COMPLETED) {
        results.add("pending");
      } else {
        GHCheckRun.Conclusion c = run.getConclusion();
        results.add(c == GHCheckRun.Conclusion.SUCCESS || c == GHCheckRun.Conclusion.NEUTRAL || c == GHCheckRun.Conclusion.SKIPPED
            ? "success" : "failure");
      }
    }
    if (results.isEmpty()) {
      return "none";
    }
    if (results.stream().anyMatch(r -> r.equals("failure") || r.equals("error"))) {
      return "failure";
    }
    return results.stream().anyMatch(r -> r.equals("pending")) ? "pending" : "success";
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One call github-api does not offer, with the token; an interruption says it happened while {@code what}. */
  private static HttpResponse<String> send(HttpRequest.Builder request, GitHubToken token, String what) throws IOException {
    try {
      return HTTP.send(request.header("Accept", "application/vnd.github+json").header("Authorization", "Bearer " + token.value())
          .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + what);
    }
  }

  /** The combined state of the commit's statuses, or {@code null} when it has none. */
  private static @Nullable String combinedStatus(String apiUrl, GitHubToken token, String fullName, String sha) throws IOException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(apiUrl + "/repos/" + fullName + "/commits/" + sha + "/status"))
        .header("X-GitHub-Api-Version", "2022-11-28")
        .GET(), token, "reading the combined status of " + fullName);
    if (response.statusCode() != 200) {
      throw new IOException("combined status of " + fullName + "@" + sha.substring(0, Math.min(8, sha.length())) + ": HTTP "
          + response.statusCode());
    }
    JsonNode body = JSON.readTree(response.body());
    return body.path("total_count").asInt(0) == 0 ? null : body.path("state").asString("pending");
  }

  // ---------------------------------------------------------------- helpers

  /** {@code owner/name} from the clone URL ({@code https://HOST/owner/name.git}), else the inventory name. */
  public static String fullName(RepoRef repo) {
    return fullName(repo.cloneUrl(), repo.name());
  }

  /** The owner of {@code owner/name}. */
  private static String owner(String fullName) {
    return fullName.substring(0, Math.max(0, fullName.indexOf('/')));
  }

  private static String fullName(String cloneUrl, String fallback) {
    String url = cloneUrl.replaceAll("/+$", "").replaceAll("\\.git$", "");
    int scheme = url.indexOf("://");
    if (scheme > 0) {
      String[] parts = url.substring(scheme + 3).split("[/:]");
      if (parts.length >= 3) {
        return parts[parts.length - 2] + "/" + parts[parts.length - 1];
      }
    }
    return fallback;
  }

  private static CodeHostException explain(IOException e, String fullName, CampaignSpec.CodeHost settings) {
    if (e instanceof HttpException http && http.getResponseCode() == 401) {
      return new CodeHostException("GitHub at " + settings.apiUrl() + " refused the token (401 Bad credentials): check "
          + "FLEET_GITHUB_TOKEN / GITHUB_TOKEN or codeHost.tokenFile", e);
    }
    if (e instanceof GHFileNotFoundException || e instanceof FileNotFoundException) {
      // github-api's message starts with the URL that answered 404: only the repository's own URL
      // means the repository is missing; anything else (a label, a user, a team) is named as it is.
      String url = firstLine(e.getMessage()).split("\\s+", 2)[0];
      String repoUrl = settings.apiUrl() + "/repos/" + fullName;
      if (!url.startsWith("http") || url.equals(repoUrl)) {
        return new CodeHostException("GitHub at " + settings.apiUrl() + " has no repository " + fullName
            + " (404), or the token cannot see it", e);
      }
      return new CodeHostException("GitHub answered 404 (not found, or the token may not see it) for " + url, e);
    }
    if (e instanceof HttpException http) {
      return new CodeHostException("GitHub answered " + http.getResponseCode() + " for " + fullName + ": " + firstLine(http.getMessage()), e);
    }
    return new CodeHostException("GitHub call for " + fullName + " failed: " + firstLine(e.getMessage()), e);
  }

  private static String gitMessage(Exception e, String branch, String fullName) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = firstLine(t.getMessage() == null ? t.toString() : t.getMessage());
    if (e instanceof TransportException && m.toLowerCase(Locale.ROOT).contains("not authorized")) {
      return "push of " + branch + " to " + fullName + " refused: the token is not authorized to push (" + m + ")";
    }
    return "push of " + branch + " to " + fullName + " failed: " + m;
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static @Nullable String htmlUrl(GHPullRequest pull) {
    return pull.getHtmlUrl() == null ? null : pull.getHtmlUrl().toString();
  }
}
