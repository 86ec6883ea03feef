package io.fleetmigrate.deliver.gitlab;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.deliver.BranchDelivery;
import io.fleetmigrate.deliver.CodeHost;
import io.fleetmigrate.deliver.CodeHostException;
import io.fleetmigrate.deliver.Delivery;
import io.fleetmigrate.deliver.DeliveryRequest;
import io.fleetmigrate.deliver.ForkPolicy;
import io.fleetmigrate.deliver.PullRequestState;
import io.fleetmigrate.deliver.github.GitHubUrls;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.PullRequestStatus;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.PullRequestStore.PullRequestRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * gitlab.com and self-managed GitLab. The campaign branch goes through the shared {@link
 * BranchDelivery} protocol (never overwriting a person's commit), pushed with JGit over HTTPS with
 * the token as the password of user {@code oauth2} (never in a URL); this class adds only the merge
 * request: found by its source branch before one is created (a 409 "already exists" counts as
 * found), opened with title ({@code Draft: } when the spec asks for a draft), description, labels,
 * reviewers and assignees (usernames looked up as ids), and updated when our rendering changed.
 *
 * <p>Forks ({@code codeHost.fork}, decided in {@link ForkPolicy}): when git refuses the push to the
 * project, the branch goes to the token user's fork (found among their own forks, else created and
 * waited for), through the same protocol against the fork's remote, and the merge request is created
 * on the fork with {@code target_project_id} the project. It lives on the project, so it is found
 * there (by source branch and source project), and state, refresh and close need nothing else.
 *
 * <p>A repository's inventory name is its project path ({@code group/subgroup/name}), as {@code
 * inventory import gitlab} stores it. GitLab has no team reviewers; {@code pullRequest.teamReviewers}
 * is named in the reason as not set.
 */
@Component
public class GitLabCodeHost implements CodeHost {
  public static final String ID = "gitlab";
  static final String DRAFT = "Draft: ";
  private final GitLabConnections connections;
  private final BranchDelivery delivery;
  private int gitTimeoutSeconds = Math.toIntExact(io.fleetmigrate.checkout.Checkout.GIT_TIMEOUT.toSeconds());
  /** How long a new fork may take to be ready (GitLab copies the repository in the background). */
  private Duration forkWait = Duration.ofMinutes(5);
  private Duration forkPoll = Duration.ofSeconds(2);

  public GitLabCodeHost(CampaignStore store, GitLabConnections connections, PlatformTransactionManager transactions) {
    this.connections = connections;
    this.delivery = new BranchDelivery(store, transactions);
  }

  /** Another git transport timeout (tests). */
  void gitTimeout(Duration timeout) {
    this.gitTimeoutSeconds = Math.toIntExact(Math.max(1, timeout.toSeconds()));
  }

  /** Another bound on waiting for a new fork, and another interval between looks (tests). */
  void forkWait(Duration total, Duration poll) {
    this.forkWait = total;
    this.forkPoll = poll;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public @Nullable CredentialsProvider cloneCredentials(CampaignSpec.CodeHost settings, String cloneUrl) throws CodeHostException {
    // Only https (or loopback http) on the API's own host gets the token.
    return GitHubUrls.mayCarryToken(cloneUrl, settings.apiUrl()) ? connections.token(settings).credentials() : null;
  }

  @Override
  public Delivery deliver(DeliveryRequest request) throws CodeHostException {
    CampaignSpec.CodeHost settings = request.host();
    String path = request.repo().name();
    GitLabToken token = connections.token(settings);
    GitLabApi api = connections.api(settings, token);
    try {
      JsonNode upstream = project(api, path);
      return ForkPolicy.deliver(settings.fork(), () -> deliverTo(api, token, upstream, upstream, request),
          refused -> deliverTo(api, token, upstream, forkOf(api, path), request));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CodeHostException("interrupted while waiting for GitLab's rate limit", e);
    } catch (IOException e) {
      throw explain(e, path, settings);
    } catch (GitAPIException e) {
      throw new CodeHostException(gitMessage(e, request.workspace().branch(), path), e);
    }
  }

  /** The shared protocol against {@code target}'s git URL (the project itself, or the token user's fork of it). */
  private Delivery deliverTo(GitLabApi api, GitLabToken token, JsonNode upstream, JsonNode target, DeliveryRequest request)
      throws IOException, InterruptedException, GitAPIException, CodeHostException {
    String targetPath = target.path("path_with_namespace").asString(request.repo().name());
    String pushUrl = target.path("http_url_to_repo").asString("");
    if (!GitHubUrls.mayCarryToken(pushUrl, request.host().apiUrl())) {
      throw new CodeHostException("GitLab gave '" + pushUrl + "' as the git URL of " + targetPath
          + "; not sending the token there (only https on " + GitHubUrls.webHost(request.host().apiUrl()) + ")");
    }
    BranchDelivery.Remote remote = new BranchDelivery.Remote(pushUrl, token.credentials(), gitTimeoutSeconds, targetPath, "fleet-target");
    return delivery.deliver(request, ID, remote, new Proposal(api, request.repo().name(), upstream.path("id").asLong(),
        targetPath, target.path("id").asLong(), request));
  }

  /**
   * The token user's fork of {@code path}: one of the user's own forks in their namespace ({@code GET
   * /projects/:id/forks?owned=true}), else a new one ({@code POST /projects/:id/fork}); either way ready
   * (its {@code import_status} finished) before anything is pushed to it.
   */
  private JsonNode forkOf(GitLabApi api, String path) throws IOException, InterruptedException, CodeHostException {
    String me = api.get("/user", Map.of()).path("username").asString("");
    for (JsonNode fork : api.getAll("/projects/" + GitLabApi.id(path) + "/forks", Map.of("owned", "true"))) {
      if (me.equals(fork.path("namespace").path("full_path").asString(""))) {
        return ready(api, path, fork);
      }
    }
    JsonNode created;
    try {
      created = api.post("/projects/" + GitLabApi.id(path) + "/fork", Map.of());
    } catch (GitLabApi.Failure e) {
      if (e.status() == 409 || e.status() == 400) {
        throw new CodeHostException("the token may not push to " + path + ", and GitLab would not fork it into " + me
            + "'s namespace: " + e.getMessage() + " (a project of that name that is not its fork?)", e);
      }
      if (e.status() == 403) {
        throw new CodeHostException("the token may not push to " + path + ", and GitLab refused to fork it (403): forking may be "
            + "turned off for the project or its group, or the token's user may not create projects in their namespace", e);
      }
      throw e;
    }
    return ready(api, path, created);
  }

  /** Waits, bounded, until GitLab's copy into the fork has finished ({@code import_status}); a failed or slow one is an error. */
  private JsonNode ready(GitLabApi api, String path, JsonNode fork) throws IOException, InterruptedException, CodeHostException {
    long deadline = System.nanoTime() + forkWait.toNanos();
    JsonNode project = fork;
    while (true) {
      String status = project.path("import_status").asString("");
      String forkPath = project.path("path_with_namespace").asString("?");
      // "none": GitLab is copying nothing into it, so there is nothing to wait for.
      if (status.equals("finished") || status.equals("none")) {
        return project;
      }
      if (status.equals("failed") || status.equals("canceled")) {
        String why = project.path("import_error").asString("");
        throw new CodeHostException("GitLab's fork of " + path + " (" + forkPath + ") failed (import_status " + status
            + (why.isBlank() ? "" : ": " + why) + "); delete it or fix it, then run again");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new CodeHostException("GitLab's fork of " + path + " (" + forkPath + ") is not ready after " + forkWait.toSeconds()
            + " s (import_status " + (status.isEmpty() ? "not given" : status) + "); run again when GitLab has finished it");
      }
      Thread.sleep(forkPoll.toMillis());
      project = api.get("/projects/" + project.path("id").asLong(), Map.of());
    }
  }

  /**
   * GitLab's part of one delivery: the merge request is found by its source branch (an open one)
   * before one is created; title and description are updated when our own rendering changed.
   */
  private final class Proposal implements BranchDelivery.Proposal {
    private final GitLabApi api;
    private final String path;
    private final long upstreamId;
    private final String sourcePath;
    private final long sourceId;
    private final DeliveryRequest request;
    private @Nullable JsonNode open;

    /**
     * @param path the project's path, where the merge request lives
     * @param sourcePath the project the branch is pushed to: {@code path}, or the token user's fork of it
     */
    Proposal(GitLabApi api, String path, long upstreamId, String sourcePath, long sourceId, DeliveryRequest request) {
      this.api = api;
      this.path = path;
      this.upstreamId = upstreamId;
      this.sourcePath = sourcePath;
      this.sourceId = sourceId;
      this.request = request;
    }

    private boolean fromFork() {
      return sourceId != upstreamId;
    }

    @Override
    public Optional<Delivery> decline(Optional<PullRequestRecord> existing, @Nullable ObjectId remoteTip)
        throws IOException, InterruptedException {
      open = findOpen(api, path, request.workspace().branch(), sourceId);
      if (open == null && remoteTip != null && existing.isPresent() && existing.get().number() > 0
          && existing.get().state() != PullRequestStatus.PENDING) {
        JsonNode ours = mergeRequest(api, path, existing.get().number());
        if (openness(ours).equals("CLOSED")) {
          int iid = ours.path("iid").asInt();
          return Optional.of(new Delivery(OutcomeStatus.HUMAN_EDITED, iid, remoteTip.name(),
              "merge request !" + iid + " was closed without merging; not reopened (delete branch "
                  + request.workspace().branch() + " to start this repository over)"));
        }
      }
      return Optional.empty();
    }

    @Override
    public int firstNumber() {
      return open == null ? 0 : open.path("iid").asInt();
    }

    @Override
    public void push(BranchDelivery.Push push) throws InterruptedException, CodeHostException {
      // A push creates content too: spaced like the API's content-creating calls.
      connections.throttle(request.host()).run(() -> {
        try {
          push.run();
        } catch (GitAPIException e) {
          throw ForkPolicy.pushFailure(e, gitMessage(e, request.workspace().branch(), sourcePath));
        }
        return null;
      });
    }

    @Override
    public BranchDelivery.Proposed propose(PullRequestRecord pr, boolean announced, boolean pushed, String tip)
        throws IOException, InterruptedException {
      JsonNode mr = open;
      boolean isNew = false;
      List<String> notSet = new ArrayList<>();
      if (mr == null) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_branch", request.workspace().branch());
        body.put("target_branch", request.workspace().baseBranch());
        body.put("title", (request.options().draft() ? DRAFT : "") + request.title());
        body.put("description", request.body());
        body.putAll(decoration("labels", notSet));
        if (fromFork()) {
          // Created on the fork, aimed at the upstream project; the upstream's maintainers may push to its branch.
          body.put("target_project_id", upstreamId);
          body.put("allow_collaboration", true);
        }
        try {
          mr = api.post("/projects/" + GitLabApi.id(sourcePath) + "/merge_requests", body);
          isNew = true;
        } catch (GitLabApi.Failure e) {
          // Opened by an earlier attempt whose answer was lost: GitLab answers 409 and that one is used.
          mr = e.status() == 409 ? findOpen(api, path, request.workspace().branch(), sourceId) : null;
          if (mr == null) {
            throw e;
          }
        }
      }
      int iid = mr.path("iid").asInt();
      String url = mr.path("web_url").asString(null);
      if (isNew || !announced) {
        // Recorded at once: whatever fails next, the merge request exists and later runs must find it.
        delivery.saveOpen(pr, request, tip, iid, url);
        String reason = "merge request !" + iid + " opened from " + (fromFork() ? sourcePath + ":" : "") + request.workspace().branch();
        if (!isNew) {
          // A crashed attempt opened it: finish what it began (GitLab adds labels, reviewers and assignees once).
          try {
            api.put(mrPath(path, iid), decoration("add_labels", notSet));
          } catch (GitLabApi.Failure e) {
            notSet.add("labels/reviewers/assignees (" + e.getMessage() + ")");
          }
        }
        if (!notSet.isEmpty()) {
          reason += "; not set: " + String.join(", ", notSet);
        }
        return new BranchDelivery.Proposed(OutcomeStatus.PR_OPENED, iid, url, reason);
      }
      // Compared with what we last wrote, not with GitLab's text: a person's edit stays until our rendering changes.
      Map<String, Object> edit = new LinkedHashMap<>();
      if (!request.body().equals(pr.body())) {
        edit.put("description", request.body());
      }
      if (!request.title().equals(pr.title())) {
        // The draft flag is the person's once the merge request exists: kept as GitLab has it.
        edit.put("title", (mr.path("draft").asBoolean(false) ? DRAFT : "") + request.title());
      }
      if (!edit.isEmpty()) {
        api.put(mrPath(path, iid), edit);
      }
      String reason = pushed || !edit.isEmpty()
          ? "merge request !" + iid + " updated with a new result"
          : "merge request !" + iid + " is open and already holds this change";
      return new BranchDelivery.Proposed(OutcomeStatus.PR_UPDATED, iid, url, reason);
    }

    /**
     * Labels (as {@code labelsField}: {@code labels} when creating, {@code add_labels} when updating, so a
     * person's labels stay), reviewer and assignee ids; what could not be set goes to {@code notSet}.
     */
    private Map<String, Object> decoration(String labelsField, List<String> notSet) throws IOException, InterruptedException {
      CampaignSpec.PullRequest options = request.options();
      Map<String, Object> fields = new LinkedHashMap<>();
      if (!options.labels().isEmpty()) {
        fields.put(labelsField, String.join(",", options.labels()));
      }
      if (!options.reviewers().isEmpty()) {
        fields.put("reviewer_ids", userIds(api, options.reviewers(), notSet));
      }
      if (!options.assignees().isEmpty()) {
        fields.put("assignee_ids", userIds(api, options.assignees(), notSet));
      }
      if (!options.teamReviewers().isEmpty()) {
        notSet.add("team reviewers " + options.teamReviewers() + " (GitLab has none; name people in pullRequest.reviewers)");
      }
      return fields;
    }
  }

  /** {@code GET /users?username=NAME} for each name: their ids; names GitLab does not know go to {@code notSet}. */
  private static List<Long> userIds(GitLabApi api, List<String> usernames, List<String> notSet) throws IOException, InterruptedException {
    List<Long> ids = new ArrayList<>();
    for (String name : usernames) {
      JsonNode found = api.get("/users", Map.of("username", name));
      if (found.isArray() && !found.isEmpty()) {
        ids.add(found.get(0).path("id").asLong());
      } else {
        notSet.add("user " + name + " (no such GitLab user)");
      }
    }
    return ids;
  }

  private static JsonNode project(GitLabApi api, String path) throws IOException, InterruptedException {
    return api.get("/projects/" + GitLabApi.id(path), Map.of());
  }

  private static String mrPath(String path, int iid) {
    return "/projects/" + GitLabApi.id(path) + "/merge_requests/" + iid;
  }

  /**
   * The open merge request into {@code path} from {@code branch} of the project {@code sourceId}: the branch name
   * alone would also match someone else's fork's branch of that name.
   */
  private static @Nullable JsonNode findOpen(GitLabApi api, String path, String branch, long sourceId)
      throws IOException, InterruptedException {
    JsonNode found = api.get("/projects/" + GitLabApi.id(path) + "/merge_requests", Map.of("source_branch", branch, "state", "opened"));
    for (JsonNode mr : found) {
      if (mr.path("source_project_id").asLong(-1) == sourceId) {
        return mr;
      }
    }
    return null;
  }

  private static JsonNode mergeRequest(GitLabApi api, String path, int iid) throws IOException, InterruptedException {
    return api.get(mrPath(path, iid), Map.of());
  }

  /** GitLab's {@code opened}/{@code locked} → {@code OPEN}, {@code merged} → {@code MERGED}, {@code closed} → {@code CLOSED}. */
  static String openness(JsonNode mr) {
    return switch (mr.path("state").asString("")) {
      case "merged" -> "MERGED";
      case "closed" -> "CLOSED";
      default -> "OPEN";
    };
  }

  // ---------------------------------------------------------------- tracking and closing

  /** The merge request's state and draft flag, its approvals, and its head pipeline's status. */
  @Override
  public PullRequestState state(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException {
    String path = repo.name();
    GitLabApi api = connections.api(settings, connections.token(settings));
    try {
      JsonNode mr = mergeRequest(api, path, pr.number());
      JsonNode approvals = api.get(mrPath(path, pr.number()) + "/approvals", Map.of());
      String decision = approvals.path("approved").asBoolean(false) && approvals.path("approvals_left").asInt(0) == 0
          ? (approvals.path("approved_by").isEmpty() ? "NONE" : "APPROVED")
          : "REVIEW_REQUIRED";
      return new PullRequestState(openness(mr), mr.path("draft").asBoolean(false), decision,
          checks(mr.path("head_pipeline").path("status").asString(null)), mr.path("sha").asString(""));
    } catch (IOException e) {
      throw explain(e, path, settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CodeHostException("interrupted while reading merge request !" + pr.number() + " of " + path, e);
    }
  }

  /** A pipeline status in the words of {@link PullRequestState#checks}. */
  static String checks(@Nullable String pipeline) {
    if (pipeline == null || pipeline.isBlank()) {
      return "none";
    }
    return switch (pipeline) {
      case "success", "skipped" -> "success";
      case "failed", "canceled", "canceling" -> "failure";
      default -> "pending"; // created, waiting_for_resource, preparing, pending, running, manual, scheduled
    };
  }

  /** One GET: the merge request. */
  @Override
  public String openness(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings) throws CodeHostException {
    String path = repo.name();
    try {
      return openness(mergeRequest(connections.api(settings, connections.token(settings)), path, pr.number()));
    } catch (IOException e) {
      throw explain(e, path, settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CodeHostException("interrupted while reading merge request !" + pr.number() + " of " + path, e);
    }
  }

  /** Comments and closes the merge request when GitLab still has it open; the branch is left. */
  @Override
  public Closed close(PullRequestRecord pr, RepoRef repo, CampaignSpec.CodeHost settings, String comment) throws CodeHostException {
    String path = repo.name();
    GitLabApi api = connections.api(settings, connections.token(settings));
    try {
      JsonNode mr = mergeRequest(api, path, pr.number());
      String state = openness(mr);
      if (!state.equals("OPEN")) {
        return new Closed(false, state);
      }
      api.post(mrPath(path, pr.number()) + "/notes", Map.of("body", comment));
      api.put(mrPath(path, pr.number()), Map.of("state_event", "close"));
      return new Closed(true, "CLOSED");
    } catch (IOException e) {
      throw explain(e, path, settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CodeHostException("interrupted while closing merge request !" + pr.number() + " of " + path, e);
    }
  }

  /** A git failure in one line, with git's own (innermost) words. */
  private static String gitMessage(GitAPIException e, String branch, String path) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = (t.getMessage() == null ? t.toString() : t.getMessage()).strip().lines().findFirst().orElse("");
    return "push of " + branch + " to " + path + (ForkPolicy.refused(e) ? " refused (the token may not push there): " : " failed: ") + m;
  }

  private static CodeHostException explain(IOException e, String path, CampaignSpec.CodeHost settings) {
    if (e instanceof GitLabApi.Failure f && f.status() == 401) {
      return new CodeHostException("GitLab at " + settings.apiUrl() + " refused the token (401 Unauthorized): check "
          + GitLabToken.ENV + " or codeHost.tokenFile", e);
    }
    if (e instanceof GitLabApi.Failure f && f.status() == 404 && e.getMessage().startsWith("GET /projects/" + GitLabApi.id(path) + " ")) {
      return new CodeHostException("GitLab at " + settings.apiUrl() + " has no project " + path
          + " (404), or the token cannot see it (the inventory name must be the project's path, group/subgroup/name)", e);
    }
    return new CodeHostException("GitLab call for " + path + " failed: " + e.getMessage(), e);
  }
}
