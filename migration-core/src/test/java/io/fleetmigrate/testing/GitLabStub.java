package io.fleetmigrate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local, stateful stand-in for the GitLab REST API v4 endpoints Fleet Migrate uses, answering as
 * GitLab's documentation (docs.gitlab.com/api/) describes. No OpenAPI description of GitLab's REST
 * API ships as a package, so the documented request shapes are recorded here, and the stub is
 * stricter than GitLab: an attribute the documentation does not list for an endpoint is answered
 * 400, so a test sees a request our code shaped wrongly.
 *
 * <ul>
 *   <li>Authentication (api/rest/authentication): header {@code PRIVATE-TOKEN: <token>}; a missing or
 *       wrong token is {@code 401 {"message":"401 Unauthorized"}}.
 *   <li>{@code GET /user} (api/users: "Get the current user"): {@code {id, username, name, state, web_url}}.
 *   <li>{@code GET /users?username=NAME} (api/users: "List users"): an array of zero or one user.
 *   <li>{@code GET /projects/:id} (api/projects: "Get a single project"), {@code :id} the numeric id or the
 *       URL-encoded path ({@code acme%2Fbilling}): {@code id, path_with_namespace, namespace {id, name, path, kind
 *       (user|group), full_path}, default_branch, http_url_to_repo, web_url, archived, topics, import_status
 *       (none|scheduled|started|finished|failed), import_error, forked_from_project (forks only)}.
 *   <li>{@code POST /projects/:id/fork} (api/project_forks: "Fork a project"), attributes {@code branches, description,
 *       mr_default_target_self, name, namespace_id, namespace_path, namespace (deprecated), path, visibility}; without a
 *       namespace the fork goes to the token user's personal namespace. "The forking operation for a project is
 *       asynchronous and is completed in a background job. The request returns immediately. To determine whether the
 *       fork of the project has completed, query the import_status for the new project." 201 with the new project
 *       ({@code import_status: scheduled}); 409 {@code {"message":{"name":["has already been taken"],"path":[...]}}}
 *       when the namespace already holds a project of that path.
 *   <li>{@code GET /projects/:id/forks} (api/project_forks: "List forks of a project"): the forks the user can see,
 *       attributes {@code archived, membership, min_access_level, order_by, owned, search, simple, sort, starred,
 *       statistics, updated_after, updated_before, visibility, with_custom_attributes, with_issues_enabled,
 *       with_merge_requests_enabled, per_page, page}; {@code owned=true}: only projects the user owns.
 *   <li>{@code GET /groups/:id/projects} (api/groups: "List projects"), attributes {@code include_subgroups,
 *       archived, topic, per_page, page, order_by, with_shared}; paged with {@code X-Page, X-Next-Page, X-Total}.
 *   <li>{@code GET /projects/:id/merge_requests} (api/merge_requests: "List project merge requests"),
 *       attributes {@code source_branch, state (opened|closed|locked|merged|all), per_page, page}.
 *   <li>{@code POST /projects/:id/merge_requests} ("Create MR"): {@code source_branch, target_branch, title}
 *       required; {@code description, labels (comma-separated), assignee_id, assignee_ids, reviewer_ids,
 *       remove_source_branch, squash, target_project_id, milestone_id, allow_collaboration}; 201 with the
 *       merge request; 409 {@code {"message":["Another open merge request already exists for this source branch: !N"]}}.
 *       From a fork: created on the fork ({@code :id} the source project) with {@code target_project_id} the upstream
 *       project's id; the merge request then belongs to the target project (its {@code iid}, {@code project_id} and
 *       {@code web_url} are the target's, and it is listed, read, updated and closed there), and carries
 *       {@code source_project_id} and {@code target_project_id}. Project merge request lists are of the merge
 *       requests whose target is the project.
 *       A draft is made by the title prefix {@code Draft: } (api/merge_requests: "draft" is read-only).
 *   <li>{@code GET /projects/:id/merge_requests/:merge_request_iid} ("Get single MR"): {@code iid, state
 *       (opened|closed|locked|merged), title, description, draft, sha, web_url, source_branch, target_branch,
 *       labels, reviewers, assignees, head_pipeline {status}}.
 *   <li>{@code PUT /projects/:id/merge_requests/:merge_request_iid} ("Update MR"): {@code title, description,
 *       state_event (close|reopen), labels, add_labels, remove_labels, assignee_id, assignee_ids, reviewer_ids,
 *       target_branch, ...}.
 *   <li>{@code GET /projects/:id/merge_requests/:merge_request_iid/approvals} (api/merge_request_approvals):
 *       {@code approved, approvals_required, approvals_left, approved_by [{user}]}.
 *   <li>{@code POST /projects/:id/merge_requests/:merge_request_iid/notes} (api/notes): {@code body} required.
 *   <li>Rate limits (user/gitlab_com/index, administration/settings/user_and_ip_rate_limits): answers
 *       carry {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} (epoch seconds);
 *       a limited request is {@code 429} with {@code Retry-After} (seconds).
 * </ul>
 */
public final class GitLabStub implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, Set<String>> DOCUMENTED = Map.of(
      "GET /users", Set.of("username"),
      "GET /groups/*/projects", Set.of("include_subgroups", "archived", "topic", "per_page", "page", "order_by", "with_shared"),
      "GET /projects/*/merge_requests", Set.of("source_branch", "state", "per_page", "page"),
      "POST /projects/*/merge_requests", Set.of("source_branch", "target_branch", "title", "description", "labels", "assignee_id",
          "assignee_ids", "reviewer_ids", "remove_source_branch", "squash", "target_project_id", "milestone_id", "allow_collaboration"),
      "PUT /projects/*/merge_requests/*", Set.of("title", "description", "state_event", "labels", "add_labels", "remove_labels",
          "assignee_id", "assignee_ids", "reviewer_ids", "target_branch", "remove_source_branch", "squash", "milestone_id"),
      "POST /projects/*/merge_requests/*/notes", Set.of("body"),
      "POST /projects/*/fork", Set.of("branches", "description", "mr_default_target_self", "name", "namespace_id", "namespace_path",
          "namespace", "path", "visibility"),
      "GET /projects/*/forks", Set.of("archived", "membership", "min_access_level", "order_by", "owned", "search", "simple", "sort",
          "starred", "statistics", "updated_after", "updated_before", "visibility", "with_custom_attributes", "with_issues_enabled",
          "with_merge_requests_enabled", "per_page", "page"));

  /** One request as received (the path decoded, without {@code /api/v4}), and what was answered. */
  public record Recorded(String method, String path, Map<String, String> query, String body, int status, String token) {
    @Override
    public String toString() {
      return method + " " + path + (query.isEmpty() ? "" : " " + query) + " -> " + status;
    }
  }

  /** A one-shot answer for the next request matching {@code method} and {@code pathRegex}. */
  public record Fault(String method, String pathRegex, int status, Map<String, String> headers, String body) {}

  public static final class Project {
    public final long id;
    public final String path;
    public final String cloneUrl;
    public String defaultBranch = "main";
    public boolean archived;
    public boolean fork;
    public List<String> topics = new ArrayList<>();
    /** The project this one is a fork of (made by {@code POST /projects/:id/fork}), or null. */
    public Project forkedFrom;
    /** none, scheduled, started, finished or failed. */
    public String importStatus = "none";
    /** How many more reads answer {@code started} before the import is over. */
    int importReads;

    Project(long id, String path, String cloneUrl) {
      this.id = id;
      this.path = path;
      this.cloneUrl = cloneUrl;
    }
  }

  public static final class MergeRequest {
    public final int iid;
    /** The target project's path: where the merge request lives. */
    public final String project;
    /** The source project's path: the project itself, or a fork of it. */
    public String sourceProject;
    public final String sourceBranch;
    public final String targetBranch;
    public String title;
    public String description;
    /** opened, closed, locked or merged. */
    public String state = "opened";
    public final List<String> labels = new ArrayList<>();
    public final List<Long> reviewerIds = new ArrayList<>();
    public final List<Long> assigneeIds = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();
    public final List<String> approvedBy = new ArrayList<>();
    public int approvalsRequired;
    /** The head pipeline's status, or null for none. */
    public String pipeline;

    MergeRequest(int iid, String project, String sourceBranch, String targetBranch) {
      this.iid = iid;
      this.project = project;
      this.sourceProject = project;
      this.sourceBranch = sourceBranch;
      this.targetBranch = targetBranch;
    }

    public boolean draft() {
      return title.startsWith("Draft:") || title.startsWith("[Draft]") || title.startsWith("(Draft)");
    }
  }

  private final HttpServer server;
  private volatile String token;
  private final String botName;
  private final BiFunction<String, String, String> branchTip;
  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final Map<String, List<MergeRequest>> mergeRequests = new LinkedHashMap<>();
  private final Map<String, Long> users = new LinkedHashMap<>();
  private final Map<String, List<String>> groups = new LinkedHashMap<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong(100);
  /** Every request, in order. */
  public final List<Recorded> requests = new CopyOnWriteArrayList<>();
  /** Makes a fork's git repository: (upstream path, fork path) → the fork's clone URL. */
  private volatile BiFunction<String, String, String> forker = (up, fork) -> {
    throw new IllegalStateException("no forker set");
  };
  /** How many reads of a new fork answer {@code import_status: started} before it is {@code finished}. */
  public volatile int forkImportReads = 2;
  /** Whether a new fork's import ends {@code failed}. */
  public volatile boolean forkImportFails;
  /** {@code RateLimit-Remaining} sent with every answer. */
  public volatile int rateLimitRemaining = 2000;
  /** {@code RateLimit-Reset} sent with every answer (epoch seconds). */
  public volatile long rateLimitReset = System.currentTimeMillis() / 1000 + 60;

  /**
   * @param branchTip the commit a project's branch points at ({@code (path, branch) -> sha}), read from the git server
   */
  public GitLabStub(String token, String botName, BiFunction<String, String, String> branchTip) throws IOException {
    this.token = token;
    this.botName = botName;
    this.branchTip = branchTip;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v4/", this::handle);
    server.start();
    user(botName);
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v4";
  }

  public void token(String token) {
    this.token = token;
  }

  public synchronized void user(String username) {
    users.putIfAbsent(username, ids.incrementAndGet());
  }

  public synchronized long userId(String username) {
    return users.get(username);
  }

  /** A project at {@code path} ({@code group/.../name}) cloned from {@code cloneUrl}; its group is every parent path. */
  public synchronized Project project(String path, String cloneUrl) {
    Project p = new Project(ids.incrementAndGet(), path, cloneUrl);
    projects.put(path, p);
    return p;
  }

  /** How a new fork's git repository is made: (upstream path, fork path) → its clone URL. */
  public void forker(BiFunction<String, String, String> forker) {
    this.forker = forker;
  }

  /** The project at {@code path}, or null. */
  public synchronized Project projectAt(String path) {
    return projects.get(path);
  }

  /** An open merge request from {@code branch} of {@code source} into {@code target}'s default branch, as a person opens one. */
  public synchronized MergeRequest openMergeRequest(String source, String target, String branch, String title) {
    List<MergeRequest> list = mergeRequests.computeIfAbsent(target, k -> new ArrayList<>());
    MergeRequest mr = new MergeRequest(list.size() + 1, target, branch, projects.get(target).defaultBranch);
    mr.sourceProject = source;
    mr.title = title;
    mr.description = "";
    list.add(mr);
    return mr;
  }

  /** A project by its numeric id or its path, as {@code :id} may be either. */
  private Project find(String idOrPath) {
    Project p = projects.get(idOrPath);
    if (p == null && idOrPath.matches("\\d+")) {
      p = projects.values().stream().filter(q -> String.valueOf(q.id).equals(idOrPath)).findFirst().orElse(null);
    }
    return p;
  }

  public synchronized List<MergeRequest> mergeRequests(String path) {
    return new ArrayList<>(mergeRequests.getOrDefault(path, List.of()));
  }

  public void fault(Fault fault) {
    faults.add(fault);
  }

  public List<Recorded> requests(String method, String pathRegex) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().matches(pathRegex)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String rawPath = exchange.getRequestURI().getRawPath().substring("/api/v4".length());
      List<String> segments = new ArrayList<>();
      for (String s : rawPath.substring(1).split("/")) {
        segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
      }
      Map<String, String> query = new LinkedHashMap<>();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      if (rawQuery != null) {
        for (String pair : rawQuery.split("&")) {
          int eq = pair.indexOf('=');
          query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
              eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String given = String.valueOf(exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN"));
      String path = "/" + String.join("/", segments);
      Answer answer = answer(method, segments, query, body, given, exchange);
      requests.add(new Recorded(method, path, query, body, answer.status, given));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("RateLimit-Limit", "2000");
      exchange.getResponseHeaders().add("RateLimit-Remaining", String.valueOf(rateLimitRemaining));
      exchange.getResponseHeaders().add("RateLimit-Reset", String.valueOf(rateLimitReset));
      byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private record Answer(int status, String body) {}

  private static Answer error(int status, String message) {
    return new Answer(status, JSON.createObjectNode().put("message", message).toString());
  }

  private synchronized Answer answer(String method, List<String> seg, Map<String, String> query, String body, String given,
      HttpExchange exchange) {
    if (!given.equals(token)) {
      return error(401, "401 Unauthorized");
    }
    String path = "/" + String.join("/", seg);
    for (Fault f : faults) {
      if (f.method().equals(method) && path.matches(f.pathRegex())) {
        faults.remove(f);
        f.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        return new Answer(f.status(), f.body() == null ? "{\"message\":\"fault\"}" : f.body());
      }
    }
    String shape = method + " " + shape(seg);
    JsonNode json = null;
    Set<String> documented = DOCUMENTED.get(shape);
    if (documented != null) {
      Set<String> given2 = new java.util.LinkedHashSet<>(query.keySet());
      if (!body.isBlank()) {
        json = JSON.readTree(body);
        json.propertyNames().forEach(given2::add);
      }
      for (String name : given2) {
        if (!documented.contains(name)) {
          return new Answer(400, JSON.createObjectNode().put("error", name + " does not have a valid value (not documented for "
              + shape + ")").toString());
        }
      }
    }
    return switch (shape) {
      case "GET /user" -> new Answer(200, userJson(botName).toString());
      case "GET /users" -> {
        ArrayNode a = JSON.createArrayNode();
        if (users.containsKey(query.get("username"))) {
          a.add(userJson(query.get("username")));
        }
        yield new Answer(200, a.toString());
      }
      case "GET /projects/*" -> {
        Project p = find(seg.get(1));
        if (p != null && (p.importStatus.equals("scheduled") || p.importStatus.equals("started"))) {
          // GitLab copies a fork's repository in the background: a few reads see it under way.
          p.importStatus = p.importReads-- > 0 ? "started" : forkImportFails ? "failed" : "finished";
        }
        yield p == null ? error(404, "404 Project Not Found") : new Answer(200, projectJson(p).toString());
      }
      case "POST /projects/*/fork" -> fork(seg.get(1));
      case "GET /projects/*/forks" -> {
        Project upstream = find(seg.get(1));
        if (upstream == null) {
          yield error(404, "404 Project Not Found");
        }
        ArrayNode a = JSON.createArrayNode();
        for (Project p : projects.values()) {
          boolean owned = p.path.startsWith(botName + "/");
          if (p.forkedFrom == upstream && (!"true".equals(query.get("owned")) || owned)) {
            a.add(projectJson(p));
          }
        }
        yield new Answer(200, a.toString());
      }
      case "GET /groups/*/projects" -> groupProjects(seg.get(1), query, exchange);
      case "GET /projects/*/merge_requests" -> {
        ArrayNode a = JSON.createArrayNode();
        Project target = find(seg.get(1));
        for (MergeRequest mr : mergeRequests.getOrDefault(target == null ? seg.get(1) : target.path, List.of())) {
          boolean state = !query.containsKey("state") || query.get("state").equals("all") || query.get("state").equals(mr.state);
          boolean branch = !query.containsKey("source_branch") || query.get("source_branch").equals(mr.sourceBranch);
          if (state && branch) {
            a.add(mrJson(mr));
          }
        }
        yield new Answer(200, a.toString());
      }
      case "POST /projects/*/merge_requests" -> create(find(seg.get(1)), json);
      case "GET /projects/*/merge_requests/*" -> {
        MergeRequest mr = mr(seg);
        yield mr == null ? error(404, "404 Not found") : new Answer(200, mrJson(mr).toString());
      }
      case "PUT /projects/*/merge_requests/*" -> {
        MergeRequest mr = mr(seg);
        if (mr == null) {
          yield error(404, "404 Not found");
        }
        update(mr, json);
        yield new Answer(200, mrJson(mr).toString());
      }
      case "GET /projects/*/merge_requests/*/approvals" -> {
        MergeRequest mr = mr(seg);
        if (mr == null) {
          yield error(404, "404 Not found");
        }
        ObjectNode o = JSON.createObjectNode();
        int left = Math.max(0, mr.approvalsRequired - mr.approvedBy.size());
        o.put("approved", left == 0);
        o.put("approvals_required", mr.approvalsRequired);
        o.put("approvals_left", left);
        ArrayNode by = o.putArray("approved_by");
        mr.approvedBy.forEach(u -> by.addObject().set("user", userJson(u)));
        yield new Answer(200, o.toString());
      }
      case "POST /projects/*/merge_requests/*/notes" -> {
        MergeRequest mr = mr(seg);
        if (mr == null || json == null || !json.hasNonNull("body")) {
          yield mr == null ? error(404, "404 Not found") : error(400, "body is missing");
        }
        mr.notes.add(json.get("body").asString());
        yield new Answer(201, JSON.createObjectNode().put("id", ids.incrementAndGet()).put("body", json.get("body").asString())
            .toString());
      }
      default -> error(404, "404 Not Found");
    };
  }

  /** {@code /projects/acme/billing/merge_requests/1} → {@code /projects/* /merge_requests/*} (the id is one decoded segment). */
  private static String shape(List<String> seg) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seg.size(); i++) {
      boolean idSlot = i > 0 && (seg.get(i - 1).equals("projects") || seg.get(i - 1).equals("groups")
          || seg.get(i - 1).equals("merge_requests"));
      out.add(idSlot ? "*" : seg.get(i));
    }
    return "/" + String.join("/", out);
  }

  private MergeRequest mr(List<String> seg) {
    Project target = find(seg.get(1));
    for (MergeRequest mr : mergeRequests.getOrDefault(target == null ? seg.get(1) : target.path, List.of())) {
      if (String.valueOf(mr.iid).equals(seg.get(3))) {
        return mr;
      }
    }
    return null;
  }

  /** A fork of {@code idOrPath} in the token user's namespace, its repository made by the forker; copied "in the background". */
  private Answer fork(String idOrPath) {
    Project upstream = find(idOrPath);
    if (upstream == null) {
      return error(404, "404 Project Not Found");
    }
    String forkPath = botName + "/" + upstream.path.substring(upstream.path.lastIndexOf('/') + 1);
    if (projects.containsKey(forkPath)) {
      ObjectNode o = JSON.createObjectNode();
      ObjectNode m = o.putObject("message");
      m.putArray("name").add("has already been taken");
      m.putArray("path").add("has already been taken");
      return new Answer(409, o.toString());
    }
    Project fork = project(forkPath, forker.apply(upstream.path, forkPath));
    fork.fork = true;
    fork.forkedFrom = upstream;
    fork.defaultBranch = upstream.defaultBranch;
    fork.importStatus = "scheduled";
    fork.importReads = forkImportReads;
    return new Answer(201, projectJson(fork).toString());
  }

  /** A merge request created on {@code from}: into {@code from} itself, or into {@code target_project_id} (its upstream). */
  private Answer create(Project from, JsonNode json) {
    if (from == null) {
      return error(404, "404 Project Not Found");
    }
    Project target = from;
    if (json != null && json.hasNonNull("target_project_id")) {
      target = find(json.get("target_project_id").asString());
      if (target == null || (target != from && target != from.forkedFrom)) {
        return error(target == null ? 404 : 400, "target_project_id is not this project or the project it was forked from");
      }
    }
    for (String required : List.of("source_branch", "target_branch", "title")) {
      if (json == null || !json.hasNonNull(required)) {
        return new Answer(400, JSON.createObjectNode().put("error", required + " is missing").toString());
      }
    }
    String source = json.get("source_branch").asString();
    List<MergeRequest> list = mergeRequests.computeIfAbsent(target.path, k -> new ArrayList<>());
    for (MergeRequest existing : list) {
      if (existing.sourceBranch.equals(source) && existing.sourceProject.equals(from.path) && existing.state.equals("opened")) {
        ObjectNode o = JSON.createObjectNode();
        o.putArray("message").add("Another open merge request already exists for this source branch: !" + existing.iid);
        return new Answer(409, o.toString());
      }
    }
    MergeRequest mr = new MergeRequest(list.size() + 1, target.path, source, json.get("target_branch").asString());
    mr.sourceProject = from.path;
    mr.title = json.get("title").asString();
    mr.description = json.path("description").asString("");
    update(mr, json);
    list.add(mr);
    return new Answer(201, mrJson(mr).toString());
  }

  /** Applies the documented fields of a create or update ({@code labels} replaces, {@code add_labels} adds). */
  private void update(MergeRequest mr, JsonNode json) {
    if (json == null) {
      return;
    }
    if (json.has("title")) {
      mr.title = json.get("title").asString();
    }
    if (json.has("description")) {
      mr.description = json.get("description").asString();
    }
    if (json.has("labels")) {
      mr.labels.clear();
    }
    for (String field : List.of("labels", "add_labels")) {
      if (json.has(field)) {
        for (String l : json.get(field).asString().split(",")) {
          if (!l.isBlank() && !mr.labels.contains(l.strip())) {
            mr.labels.add(l.strip());
          }
        }
      }
    }
    if (json.has("reviewer_ids")) {
      mr.reviewerIds.clear();
      json.get("reviewer_ids").forEach(n -> mr.reviewerIds.add(n.asLong()));
    }
    if (json.has("assignee_ids")) {
      mr.assigneeIds.clear();
      json.get("assignee_ids").forEach(n -> mr.assigneeIds.add(n.asLong()));
    }
    if (json.has("state_event")) {
      String event = json.get("state_event").asString();
      if (event.equals("close") && mr.state.equals("opened")) {
        mr.state = "closed";
      } else if (event.equals("reopen") && mr.state.equals("closed")) {
        mr.state = "opened";
      }
    }
  }

  private Answer groupProjects(String group, Map<String, String> query, HttpExchange exchange) {
    boolean subgroups = "true".equals(query.get("include_subgroups"));
    List<Project> found = new ArrayList<>();
    boolean groupExists = false;
    for (Project p : projects.values()) {
      String parent = p.path.substring(0, p.path.lastIndexOf('/'));
      boolean inGroup = parent.equals(group) || (p.path.startsWith(group + "/"));
      groupExists |= inGroup;
      if (!(parent.equals(group) || (subgroups && p.path.startsWith(group + "/")))) {
        continue;
      }
      if (query.containsKey("archived") && Boolean.parseBoolean(query.get("archived")) != p.archived) {
        continue;
      }
      if (query.containsKey("topic") && !p.topics.contains(query.get("topic"))) {
        continue;
      }
      found.add(p);
    }
    if (!groupExists) {
      return error(404, "404 Group Not Found");
    }
    int perPage = Integer.parseInt(query.getOrDefault("per_page", "20"));
    int page = Integer.parseInt(query.getOrDefault("page", "1"));
    ArrayNode a = JSON.createArrayNode();
    for (int i = (page - 1) * perPage; i < Math.min(found.size(), page * perPage); i++) {
      a.add(projectJson(found.get(i)));
    }
    exchange.getResponseHeaders().add("X-Page", String.valueOf(page));
    exchange.getResponseHeaders().add("X-Total", String.valueOf(found.size()));
    exchange.getResponseHeaders().add("X-Next-Page", page * perPage < found.size() ? String.valueOf(page + 1) : "");
    return new Answer(200, a.toString());
  }

  private ObjectNode userJson(String username) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", users.get(username));
    o.put("username", username);
    o.put("name", username);
    o.put("state", "active");
    o.put("web_url", "https://gitlab.example.com/" + username);
    return o;
  }

  private ObjectNode projectJson(Project p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", p.id);
    o.put("path", p.path.substring(p.path.lastIndexOf('/') + 1));
    o.put("path_with_namespace", p.path);
    o.put("default_branch", p.defaultBranch);
    o.put("http_url_to_repo", p.cloneUrl);
    o.put("web_url", "https://gitlab.example.com/" + p.path);
    o.put("archived", p.archived);
    o.put("visibility", "private");
    o.put("last_activity_at", "2026-10-01T12:00:00.000Z");
    ArrayNode topics = o.putArray("topics");
    p.topics.forEach(topics::add);
    if (p.forkedFrom != null) {
      o.putObject("forked_from_project").put("id", p.forkedFrom.id).put("path_with_namespace", p.forkedFrom.path);
    } else if (p.fork) {
      o.putObject("forked_from_project").put("id", 1).put("path_with_namespace", "upstream/" + o.get("path").asString());
    }
    o.put("import_status", p.importStatus);
    if (p.importStatus.equals("failed")) {
      o.put("import_error", "the repository could not be copied");
    }
    String parent = p.path.substring(0, p.path.lastIndexOf('/'));
    ObjectNode namespace = o.putObject("namespace");
    namespace.put("id", parent.hashCode() & 0xffff);
    namespace.put("name", parent.substring(parent.lastIndexOf('/') + 1));
    namespace.put("path", parent.substring(parent.lastIndexOf('/') + 1));
    namespace.put("kind", users.containsKey(parent) ? "user" : "group");
    namespace.put("full_path", parent);
    return o;
  }

  private ObjectNode mrJson(MergeRequest mr) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", mr.iid + 1000L);
    o.put("iid", mr.iid);
    o.put("project_id", projects.get(mr.project).id);
    o.put("source_project_id", projects.get(mr.sourceProject).id);
    o.put("target_project_id", projects.get(mr.project).id);
    o.put("title", mr.title);
    o.put("description", mr.description);
    o.put("state", mr.state);
    o.put("draft", mr.draft());
    o.put("source_branch", mr.sourceBranch);
    o.put("target_branch", mr.targetBranch);
    o.put("sha", branchTip.apply(mr.sourceProject, mr.sourceBranch));
    o.put("web_url", "https://gitlab.example.com/" + mr.project + "/-/merge_requests/" + mr.iid);
    ArrayNode labels = o.putArray("labels");
    mr.labels.forEach(labels::add);
    ArrayNode reviewers = o.putArray("reviewers");
    mr.reviewerIds.forEach(id -> reviewers.addObject().put("id", id));
    ArrayNode assignees = o.putArray("assignees");
    mr.assigneeIds.forEach(id -> assignees.addObject().put("id", id));
    if (mr.pipeline == null) {
      o.putNull("head_pipeline");
    } else {
      o.putObject("head_pipeline").put("status", mr.pipeline);
    }
    return o;
  }
}
