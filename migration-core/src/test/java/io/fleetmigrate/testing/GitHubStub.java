package io.fleetmigrate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local, stateful stand-in for the GitHub REST endpoints Fleet Migrate uses: repositories,
 * forks, pull requests (with head-branch queries, merging, and GraphQL's ready-for-review and auto-merge), labels, reviewers and team reviewers,
 * assignees, issue comments, reviews, combined status and check runs, users, organisations,
 * teams, repository lists and the rate limit. Bodies follow GitHub's own examples; lists are paged
 * with a {@code Link} header; every answer carries the {@code X-RateLimit-*} headers. Faults
 * (a secondary rate limit, a 500) can be queued for a method and path.
 *
 * <p>Every request is recorded, so a test can validate them all against GitHub's OpenAPI
 * description ({@link GitHubOpenApi}) and count what was created.
 */
public final class GitHubStub implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

  /** One request as received, and what was answered. */
  public record Recorded(String method, String path, Map<String, String> query, String body, int status) {
    @Override
    public String toString() {
      return method + " " + path + (query.isEmpty() ? "" : " " + query) + " -> " + status;
    }
  }

  /**
   * A one-shot fault for the next request matching {@code method} and {@code pathRegex}: a GitHub
   * error with {@code message}, an empty list when the message is {@code null}, or {@code rawBody}
   * as it is (an HTML page, a truncated answer) when that is given.
   */
  public record Fault(String method, String pathRegex, int status, Map<String, String> headers, String message, String rawBody) {
    public Fault(String method, String pathRegex, int status, Map<String, String> headers, String message) {
      this(method, pathRegex, status, headers, message, null);
    }

    /** An answer whose body is {@code rawBody}, not JSON GitHub would send. */
    public static Fault raw(String method, String pathRegex, int status, String rawBody) {
      return new Fault(method, pathRegex, status, Map.of(), null, rawBody);
    }
  }

  public static final class Repo {
    public final String owner;
    public final String name;
    public final long id;
    public String defaultBranch = "main";
    public String cloneUrl;
    public boolean push = true;
    public boolean archived;
    public boolean fork;
    public String visibility = "private";
    public String language = "Java";
    public List<String> topics = new ArrayList<>();
    public List<String> teams = new ArrayList<>();
    /** The repository setting "Allow auto-merge" (GraphQL {@code autoMergeAllowed}). */
    public boolean allowAutoMerge;
    public Instant pushedAt = Instant.parse("2026-10-01T12:00:00Z");

    Repo(String owner, String name, long id, String cloneUrl) {
      this.owner = owner;
      this.name = name;
      this.id = id;
      this.cloneUrl = cloneUrl;
    }

    public String fullName() {
      return owner + "/" + name;
    }
  }

  public static final class Pull {
    public final int number;
    public final String repo;
    public String title;
    public String body;
    public final String headOwner;
    public final String headRef;
    public final String headRepo;
    public final String base;
    public String state = "open";
    public boolean draft;
    public boolean merged;
    /** How it was merged through {@code PUT .../merge} ({@code merge}, {@code squash}, {@code rebase}), or null. */
    public String mergeMethod;
    /**
     * GitHub's auto-merge, once {@code enablePullRequestAutoMerge} turned it on: its merge method
     * ({@code MERGE}, {@code SQUASH}, {@code REBASE}), else null. The stub then merges the pull request,
     * as GitHub does, at the first request after its checks are all green and it is approved (the
     * branch rules the stub plays: required checks and one approving review).
     */
    public String autoMerge;
    /** How often the GraphQL {@code markPullRequestReadyForReview} mutation reached it. */
    public int readyForReviewCalls;
    public final List<String> labels = new ArrayList<>();
    public final List<String> reviewers = new ArrayList<>();
    public final List<String> teamReviewers = new ArrayList<>();
    public final List<String> assignees = new ArrayList<>();
    public final List<String> comments = new ArrayList<>();
    /** login → APPROVED / CHANGES_REQUESTED / COMMENTED, in order. */
    public final List<String[]> reviews = new ArrayList<>();
    /** context → success / pending / failure. */
    public final Map<String, String> statuses = new LinkedHashMap<>();
    /** name → conclusion (null while in progress). */
    public final Map<String, String> checkRuns = new LinkedHashMap<>();
    final Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant updated = created;

    Pull(int number, String repo, String title, String body, String headOwner, String headRef, String headRepo, String base) {
      this.number = number;
      this.repo = repo;
      this.title = title;
      this.body = body;
      this.headOwner = headOwner;
      this.headRef = headRef;
      this.headRepo = headRepo;
      this.base = base;
    }
  }

  private final HttpServer server;
  private volatile String token;
  private final String me;
  private final Map<String, Repo> repos = new LinkedHashMap<>();
  private final Map<String, List<Pull>> pulls = new LinkedHashMap<>();
  private final Map<String, String> orgs = new LinkedHashMap<>();
  private final List<String> users = new ArrayList<>();
  private final Map<String, List<String>> teams = new LinkedHashMap<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  public final List<Recorded> requests = new CopyOnWriteArrayList<>();
  /** How long each content-creating request (anything but GET) takes to answer. */
  public volatile long contentDelayMillis;
  /** The most content-creating requests that were being answered at the same time. */
  public final AtomicInteger maxContentInFlight = new AtomicInteger();
  private final AtomicInteger contentInFlight = new AtomicInteger();
  private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(8);
  private final AtomicLong ids = new AtomicLong(1000);
  private final AtomicInteger remaining = new AtomicInteger(5000);
  /** (repository full name, branch) → the branch's tip on the git server, for the head SHA. */
  private final BiFunction<String, String, String> branchTip;
  /** Makes the fork's git repository: (upstream full name, fork full name) → the fork's clone URL. */
  private BiFunction<String, String, String> forker = (up, fork) -> {
    throw new IllegalStateException("no forker set");
  };

  public GitHubStub(String token, String me, BiFunction<String, String, String> branchTip) throws IOException {
    this.token = token;
    this.me = me;
    this.branchTip = branchTip;
    users.add(me);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor); // concurrent requests really are concurrent
    server.start();
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public synchronized Repo repo(String owner, String name, String cloneUrl) {
    Repo r = new Repo(owner, name, ids.incrementAndGet(), cloneUrl);
    repos.put(r.fullName(), r);
    pulls.put(r.fullName(), new ArrayList<>());
    return r;
  }

  /** The repository {@code owner/name} made earlier, to change its settings. */
  public synchronized Repo repo(String fullName) {
    return java.util.Objects.requireNonNull(repos.get(fullName), fullName);
  }

  public synchronized void org(String login, String... teamSlugs) {
    orgs.put(login, login);
    teams.put(login, new ArrayList<>(List.of(teamSlugs)));
  }

  public synchronized void user(String login) {
    users.add(login);
  }

  public synchronized void remove(String fullName) {
    repos.remove(fullName);
  }

  public void forker(BiFunction<String, String, String> forker) {
    this.forker = forker;
  }

  public void token(String token) {
    this.token = token;
  }

  public void fault(Fault fault) {
    faults.add(fault);
  }

  public synchronized List<Pull> pulls(String fullName) {
    return List.copyOf(pulls.getOrDefault(fullName, List.of()));
  }

  /** Requests with this method whose path matches {@code regex}. */
  public List<Recorded> requests(String method, String regex) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().matches(regex)).toList();
  }

  // ---------------------------------------------------------------- dispatch

  private void handle(HttpExchange ex) throws IOException {
    boolean content = !ex.getRequestMethod().equals("GET");
    if (content) {
      maxContentInFlight.accumulateAndGet(contentInFlight.incrementAndGet(), Math::max);
    }
    try {
      if (content && contentDelayMillis > 0) {
        Thread.sleep(contentDelayMillis);
      }
      answer(ex);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (content) {
        contentInFlight.decrementAndGet();
      }
    }
  }

  private void answer(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath().replaceAll("/+$", "");
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Answer answer;
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      Fault fault = takeFault(method, path);
      boolean asApp = path.startsWith("/app") || path.matches("/(orgs|users)/[^/]+/installation");
      if (asApp ? !validJwt(auth) : (auth == null || !(auth.equals("token " + token) || auth.equals("Bearer " + token)
          || validInstallationToken(auth.substring(auth.indexOf(' ') + 1))))) {
        answer = error(401, asApp ? "A JSON web token could not be decoded" : "Bad credentials");
      } else if (path.equals("/user") && validInstallationToken(auth.substring(auth.indexOf(' ') + 1))) {
        answer = error(403, "Resource not accessible by integration"); // as GitHub answers an installation token
      } else if (fault != null && fault.rawBody() != null) {
        answer = new Answer(fault.status(), null, fault.headers(), fault.rawBody());
      } else if (fault != null && fault.message() == null) {
        answer = new Answer(fault.status(), JSON.createArrayNode(), fault.headers()); // e.g. a search that lags behind
      } else if (fault != null) {
        ObjectNode n = JSON.createObjectNode().put("message", fault.message())
            .put("documentation_url", "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");
        answer = new Answer(fault.status(), n, fault.headers());
      } else {
        synchronized (this) {
          answer = route(method, path, query, body.isEmpty() ? null : JSON.readTree(body));
        }
      }
      requests.add(new Recorded(method, path, query, body, answer.status));
      send(ex, answer);
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private Fault takeFault(String method, String path) {
    for (Fault f : faults) {
      if (f.method().equals(method) && path.matches(f.pathRegex()) && faults.remove(f)) {
        return f;
      }
    }
    return null;
  }

  private record Answer(int status, JsonNode body, Map<String, String> headers, String raw) {
    Answer(int status, JsonNode body, Map<String, String> headers) {
      this(status, body, headers, null);
    }

    Answer(int status, JsonNode body) {
      this(status, body, Map.of());
    }
  }

  private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");

  private Answer route(String method, String path, Map<String, String> q, JsonNode body) {
    mergeWhereAutoMergeMayNow();
    Matcher m;
    Answer asApp = routeApp(method, path);
    if (asApp != null) {
      return asApp;
    }
    if (path.equals("/rate_limit") && method.equals("GET")) {
      ObjectNode core = rateLimit();
      ObjectNode n = JSON.createObjectNode();
      ObjectNode resources = n.putObject("resources");
      resources.set("core", core);
      // As GitHub answers: every resource, each with its own budget.
      for (String r : List.of("search", "graphql", "integration_manifest", "code_search", "source_import", "code_scanning_upload")) {
        long reset = Instant.now().plusSeconds(3600).getEpochSecond();
        resources.putObject(r).put("limit", 30).put("remaining", 30).put("reset", reset).put("used", 0).put("resource", r);
      }
      n.set("rate", core);
      return new Answer(200, n);
    }
    if (path.equals("/graphql") && method.equals("POST")) {
      return graphql(body);
    }
    if (path.equals("/user") && method.equals("GET")) {
      return new Answer(200, user(me, "User"));
    }
    if ((m = Pattern.compile("/users/([^/]+)").matcher(path)).matches() && method.equals("GET")) {
      String login = m.group(1);
      if (orgs.containsKey(login)) {
        return new Answer(200, user(login, "Organization"));
      }
      return users.contains(login) ? new Answer(200, user(login, "User")) : error(404, "Not Found");
    }
    if ((m = Pattern.compile("/(users|orgs)/([^/]+)/repos").matcher(path)).matches() && method.equals("GET")) {
      String owner = m.group(2);
      if (!orgs.containsKey(owner) && !users.contains(owner)) {
        return error(404, "Not Found");
      }
      ArrayNode all = JSON.createArrayNode();
      repos.values().stream().filter(r -> r.owner.equals(owner)).forEach(r -> all.add(repoJson(r)));
      return page(all, path, q);
    }
    if ((m = Pattern.compile("/orgs/([^/]+)").matcher(path)).matches() && method.equals("GET")) {
      return orgs.containsKey(m.group(1)) ? new Answer(200, org(m.group(1))) : error(404, "Not Found");
    }
    if ((m = Pattern.compile("/orgs/([^/]+)/teams/([^/]+)").matcher(path)).matches() && method.equals("GET")) {
      List<String> slugs = teams.getOrDefault(m.group(1), List.of());
      return slugs.contains(m.group(2)) ? new Answer(200, team(m.group(1), m.group(2))) : error(404, "Not Found");
    }
    if ((m = REPO.matcher(path)).matches()) {
      Repo repo = repos.get(m.group(1) + "/" + m.group(2));
      if (repo == null) {
        return error(404, "Not Found");
      }
      return repoRoute(repo, method, m.group(3) == null ? "" : m.group(3), q, body);
    }
    return error(404, "Not Found");
  }

  private Answer repoRoute(Repo repo, String method, String rest, Map<String, String> q, JsonNode body) {
    Matcher m;
    List<Pull> prs = pulls.get(repo.fullName());
    if (rest.isEmpty() && method.equals("GET")) {
      return new Answer(200, repoJson(repo));
    }
    if (rest.equals("/topics") && method.equals("GET")) {
      ObjectNode n = JSON.createObjectNode();
      ArrayNode names = n.putArray("names");
      repo.topics.forEach(names::add);
      return new Answer(200, n);
    }
    if (rest.equals("/teams") && method.equals("GET")) {
      ArrayNode all = JSON.createArrayNode();
      repo.teams.forEach(t -> all.add(team(repo.owner, t)));
      return page(all, "/repos/" + repo.fullName() + "/teams", q);
    }
    if (rest.equals("/forks") && method.equals("POST")) {
      String forkName = me + "/" + repo.name;
      Repo fork = repos.get(forkName);
      if (fork == null) {
        fork = repo(me, repo.name, forker.apply(repo.fullName(), forkName));
        fork.fork = true;
      }
      return new Answer(202, repoJson(fork));
    }
    if (rest.equals("/pulls") && method.equals("GET")) {
      String state = q.getOrDefault("state", "open");
      String head = q.get("head");
      ArrayNode all = JSON.createArrayNode();
      for (Pull p : prs) {
        boolean stateOk = state.equals("all") || p.state.equals(state);
        boolean headOk = head == null || head.equals(p.headOwner + ":" + p.headRef);
        if (stateOk && headOk) {
          all.add(pullJson(repo, p));
        }
      }
      return page(all, "/repos/" + repo.fullName() + "/pulls", q);
    }
    if (rest.equals("/pulls") && method.equals("POST")) {
      String head = body.path("head").asString("");
      String headOwner = head.contains(":") ? head.substring(0, head.indexOf(':')) : repo.owner;
      String headRef = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
      String headRepo = headOwner + "/" + repo.name;
      if (branchTip.apply(headRepo, headRef) == null) {
        return validation("PullRequest", "head", "invalid", null);
      }
      for (Pull p : prs) {
        if (p.state.equals("open") && p.headOwner.equals(headOwner) && p.headRef.equals(headRef)) {
          return validation("PullRequest", null, "custom", "A pull request already exists for " + head + ".");
        }
      }
      int number = prs.size() + 1;
      Pull p = new Pull(number, repo.fullName(), body.path("title").asString(""), body.path("body").asString(""), headOwner,
          headRef, headRepo, body.path("base").asString(repo.defaultBranch));
      p.draft = body.path("draft").asBoolean(false);
      prs.add(p);
      return new Answer(201, pullJson(repo, p));
    }
    if ((m = Pattern.compile("/(pulls|issues)/(\\d+)(/.*)?").matcher(rest)).matches()) {
      int number = Integer.parseInt(m.group(2));
      Pull p = prs.stream().filter(x -> x.number == number).findFirst().orElse(null);
      if (p == null) {
        return error(404, "Not Found");
      }
      String sub = m.group(3) == null ? "" : m.group(3);
      boolean pullsPath = m.group(1).equals("pulls");
      switch (method + " " + sub) {
        case "GET " -> {
          return new Answer(200, pullsPath ? pullJson(repo, p) : issueJson(repo, p));
        }
        case "PATCH " -> {
          if (body.has("title")) {
            p.title = body.get("title").asString();
          }
          if (body.has("body")) {
            p.body = body.get("body").asString();
          }
          if (body.has("state")) {
            p.state = body.get("state").asString();
          }
          p.updated = Instant.now().truncatedTo(ChronoUnit.SECONDS);
          return new Answer(200, pullsPath ? pullJson(repo, p) : issueJson(repo, p));
        }
        case "POST /labels" -> {
          body.path("labels").forEach(l -> {
            if (!p.labels.contains(l.asString())) {
              p.labels.add(l.asString());
            }
          });
          ArrayNode labels = JSON.createArrayNode();
          p.labels.forEach(l -> labels.add(label(l)));
          return new Answer(200, labels);
        }
        case "PUT /merge" -> {
          // As GitHub answers: 405 when it cannot be merged (a draft, already merged or closed), 409 when the head moved.
          if (p.merged || !p.state.equals("open")) {
            return error(405, "Pull Request is not mergeable");
          }
          if (p.draft) {
            return error(405, "Pull Request is still a draft");
          }
          String head = branchTip.apply(p.headRepo, p.headRef);
          if (body != null && body.has("sha") && head != null && !head.equals(body.get("sha").asString())) {
            return error(409, "Head branch was modified. Review and try the merge again.");
          }
          p.merged = true;
          p.state = "closed";
          p.mergeMethod = body == null ? "merge" : body.path("merge_method").asString("merge");
          p.updated = Instant.now().truncatedTo(ChronoUnit.SECONDS);
          ObjectNode n = JSON.createObjectNode();
          n.put("sha", head == null ? "0000000000000000000000000000000000000000" : head).put("merged", true)
              .put("message", "Pull Request successfully merged");
          return new Answer(200, n);
        }
        case "POST /requested_reviewers" -> {
          body.path("reviewers").forEach(r -> p.reviewers.add(r.asString()));
          body.path("team_reviewers").forEach(t -> p.teamReviewers.add(t.asString()));
          return new Answer(201, pullJson(repo, p));
        }
        case "POST /assignees" -> {
          body.path("assignees").forEach(a -> p.assignees.add(a.asString()));
          return new Answer(201, issueJson(repo, p));
        }
        case "POST /comments" -> {
          p.comments.add(body.path("body").asString(""));
          ObjectNode c = JSON.createObjectNode();
          c.put("id", ids.incrementAndGet()).put("node_id", "IC_" + ids.get()).put("body", body.path("body").asString(""));
          c.put("url", apiUrl() + "/repos/" + repo.fullName() + "/issues/comments/" + ids.get());
          c.put("html_url", "https://github.com/" + repo.fullName() + "/pull/" + p.number + "#issuecomment-" + ids.get());
          c.put("issue_url", apiUrl() + "/repos/" + repo.fullName() + "/issues/" + p.number);
          c.set("user", user(me, "User"));
          c.put("created_at", ISO.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
          c.put("updated_at", ISO.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
          c.put("author_association", "MEMBER");
          return new Answer(201, c);
        }
        case "GET /reviews" -> {
          ArrayNode all = JSON.createArrayNode();
          for (String[] r : p.reviews) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", ids.incrementAndGet()).put("node_id", "PRR_" + ids.get()).put("state", r[1]).put("body", "");
            n.set("user", user(r[0], "User"));
            n.put("html_url", "https://github.com/" + repo.fullName() + "/pull/" + p.number + "#pullrequestreview-" + ids.get());
            n.put("pull_request_url", apiUrl() + "/repos/" + repo.fullName() + "/pulls/" + p.number);
            n.put("submitted_at", ISO.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            n.put("commit_id", headSha(p)).put("author_association", "MEMBER");
            all.add(n);
          }
          return page(all, "/repos/" + repo.fullName() + "/pulls/" + p.number + "/reviews", q);
        }
        default -> {
          return error(404, "Not Found");
        }
      }
    }
    if ((m = Pattern.compile("/commits/([^/]+)/(status|check-runs)").matcher(rest)).matches() && method.equals("GET")) {
      String sha = m.group(1);
      Pull p = prs.stream().filter(x -> sha.equals(headSha(x))).reduce((a, b) -> b).orElse(null);
      if (m.group(2).equals("status")) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode statuses = n.putArray("statuses");
        String combined = "pending";
        if (p != null && !p.statuses.isEmpty()) {
          combined = p.statuses.containsValue("failure") ? "failure" : p.statuses.containsValue("pending") ? "pending" : "success";
          p.statuses.forEach((ctx, state) -> statuses.add(JSON.createObjectNode().put("context", ctx).put("state", state)
              .put("id", ids.incrementAndGet()).put("description", ctx + " " + state)));
        }
        n.put("state", combined).put("sha", sha).put("total_count", statuses.size());
        n.put("commit_url", apiUrl() + "/repos/" + repo.fullName() + "/commits/" + sha);
        n.set("repository", repoJson(repo));
        return new Answer(200, n);
      }
      ObjectNode n = JSON.createObjectNode();
      ArrayNode runs = n.putArray("check_runs");
      if (p != null) {
        p.checkRuns.forEach((name, conclusion) -> {
          ObjectNode run = runs.addObject();
          run.put("id", ids.incrementAndGet()).put("name", name).put("head_sha", sha)
              .put("status", conclusion == null ? "in_progress" : "completed");
          if (conclusion == null) {
            run.putNull("conclusion");
          } else {
            run.put("conclusion", conclusion);
          }
          run.put("started_at", ISO.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        });
      }
      n.put("total_count", runs.size());
      return new Answer(200, n);
    }
    return error(404, "Not Found");
  }

  // ---------------------------------------------------------------- bodies

  private String headSha(Pull p) {
    String sha = branchTip.apply(p.headRepo, p.headRef);
    return sha == null ? "0000000000000000000000000000000000000000" : sha;
  }

  // ---------------------------------------------------------------- GitHub Apps

  private volatile long appId;
  private volatile java.security.PublicKey appKey;
  private final Map<String, Long> installations = new java.util.concurrent.ConcurrentHashMap<>();
  /** How long an installation token lives (GitHub: an hour). */
  public volatile java.time.Duration tokenLifetime = java.time.Duration.ofHours(1);
  /** Every installation token issued, with when it expires. */
  public final Map<String, Instant> issuedTokens = new java.util.concurrent.ConcurrentHashMap<>();

  /** A GitHub App with this id, whose JWTs must be signed by the private half of {@code key}. */
  public void app(long id, java.security.PublicKey key) {
    this.appId = id;
    this.appKey = key;
  }

  /** The App is installed on {@code owner} (an organisation or a user) as installation {@code id}. */
  public void installation(String owner, long id) {
    installations.put(owner, id);
  }

  /** Whether {@code token} is an installation token issued here that has not expired. */
  public boolean validInstallationToken(String token) {
    Instant expires = issuedTokens.get(token);
    return expires != null && Instant.now().isBefore(expires);
  }

  /** An RS256 JWT signed with the App's key, issued by its id, not expired (as GitHub checks it). */
  private boolean validJwt(String auth) {
    if (auth == null || !auth.startsWith("Bearer ") || appKey == null) {
      return false;
    }
    String[] parts = auth.substring(7).split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      var decoder = java.util.Base64.getUrlDecoder();
      JsonNode header = JSON.readTree(decoder.decode(parts[0]));
      JsonNode claims = JSON.readTree(decoder.decode(parts[1]));
      java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
      rs256.initVerify(appKey);
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return header.path("alg").asString("").equals("RS256") && rs256.verify(decoder.decode(parts[2]))
          && claims.path("iss").asString("").equals(Long.toString(appId))
          && claims.path("exp").asLong(0) > Instant.now().getEpochSecond()
          && claims.path("exp").asLong(0) - claims.path("iat").asLong(0) <= 600; // GitHub: at most ten minutes
    } catch (Exception e) {
      return false;
    }
  }

  private Answer routeApp(String method, String path) {
    Matcher m;
    if (path.equals("/app") && method.equals("GET")) {
      ObjectNode a = JSON.createObjectNode();
      a.put("id", appId).put("slug", "fleet-migrate").put("node_id", "A_" + appId).put("client_id", "Iv1.0123456789abcdef")
          .put("name", "Fleet Migrate").put("description", "").put("external_url", "https://example.com")
          .put("html_url", "https://github.com/apps/fleet-migrate").put("created_at", "2026-01-01T00:00:00Z")
          .put("updated_at", "2026-01-01T00:00:00Z").put("installations_count", installations.size());
      a.set("owner", user(me, "User"));
      a.putObject("permissions").put("contents", "write").put("pull_requests", "write").put("metadata", "read");
      a.putArray("events");
      return new Answer(200, a);
    }
    if ((m = Pattern.compile("/(orgs|users)/([^/]+)/installation").matcher(path)).matches() && method.equals("GET")) {
      boolean org = m.group(1).equals("orgs");
      String owner = m.group(2);
      Long id = installations.get(owner);
      if (id == null || org != orgs.containsKey(owner)) {
        return error(404, "Not Found");
      }
      return new Answer(200, installationJson(owner, id));
    }
    if ((m = Pattern.compile("/app/installations/(\\d+)(/access_tokens)?").matcher(path)).matches()) {
      long id = Long.parseLong(m.group(1));
      String owner = installations.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst().orElse(null);
      if (owner == null) {
        return error(404, "Not Found");
      }
      if (m.group(2) == null && method.equals("GET")) {
        return new Answer(200, installationJson(owner, id));
      }
      if (m.group(2) != null && method.equals("POST")) {
        String issued = "ghs_" + java.util.UUID.randomUUID().toString().replace("-", "");
        Instant expires = Instant.now().plus(tokenLifetime);
        issuedTokens.put(issued, expires);
        ObjectNode t = JSON.createObjectNode();
        t.put("token", issued).put("expires_at", ISO.format(expires.truncatedTo(ChronoUnit.SECONDS))).put("repository_selection", "all");
        t.putObject("permissions").put("contents", "write").put("pull_requests", "write");
        return new Answer(201, t);
      }
    }
    return null;
  }

  private ObjectNode installationJson(String owner, long id) {
    ObjectNode i = JSON.createObjectNode();
    i.put("id", id).put("app_id", appId).put("app_slug", "fleet-migrate").put("target_id", 1).put("target_type",
        orgs.containsKey(owner) ? "Organization" : "User").put("repository_selection", "all")
        .put("access_tokens_url", apiUrl() + "/app/installations/" + id + "/access_tokens")
        .put("repositories_url", apiUrl() + "/installation/repositories")
        .put("html_url", "https://github.com/settings/installations/" + id).put("created_at", "2026-01-01T00:00:00Z")
        .put("updated_at", "2026-01-01T00:00:00Z").putNull("single_file_name").put("single_file_paths", (String) null)
        .putNull("suspended_at").putNull("suspended_by");
    i.remove("single_file_paths");
    i.set("account", user(owner, orgs.containsKey(owner) ? "Organization" : "User"));
    i.putObject("permissions").put("contents", "write").put("pull_requests", "write");
    i.putArray("events");
    return i;
  }

  private ObjectNode user(String login, String type) {
    ObjectNode u = JSON.createObjectNode();
    u.put("login", login).put("id", Math.abs(login.hashCode()) % 1_000_000 + 1).put("node_id", "U_" + login)
        .put("avatar_url", "https://avatars.githubusercontent.com/u/1?v=4").put("gravatar_id", "")
        .put("url", apiUrl() + (type.equals("Organization") ? "/orgs/" : "/users/") + login)
        .put("html_url", "https://github.com/" + login).put("repos_url", apiUrl() + "/users/" + login + "/repos")
        .put("type", type).put("site_admin", false);
    return u;
  }

  private ObjectNode org(String login) {
    ObjectNode o = JSON.createObjectNode();
    o.put("login", login).put("id", Math.abs(login.hashCode()) % 1_000_000 + 1).put("node_id", "O_" + login)
        .put("url", apiUrl() + "/orgs/" + login).put("repos_url", apiUrl() + "/orgs/" + login + "/repos")
        .put("html_url", "https://github.com/" + login).put("type", "Organization").put("public_repos", 0)
        .put("created_at", "2020-01-01T00:00:00Z").put("updated_at", "2020-01-01T00:00:00Z");
    return o;
  }

  private ObjectNode team(String org, String slug) {
    ObjectNode t = JSON.createObjectNode();
    t.put("id", Math.abs((org + slug).hashCode()) % 1_000_000 + 1).put("node_id", "T_" + slug).put("name", slug)
        .put("slug", slug).put("privacy", "closed").put("permission", "push")
        .put("url", apiUrl() + "/orgs/" + org + "/teams/" + slug).put("html_url", "https://github.com/orgs/" + org + "/teams/" + slug);
    t.set("organization", org(org));
    return t;
  }

  private ObjectNode label(String name) {
    return JSON.createObjectNode().put("id", Math.abs(name.hashCode()) + 1).put("node_id", "LA_" + name).put("name", name)
        .put("color", "ededed").put("default", false).put("description", (String) null);
  }

  private ObjectNode repoJson(Repo r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", r.id).put("node_id", "R_" + r.id).put("name", r.name).put("full_name", r.fullName())
        .put("private", !r.visibility.equals("public")).put("visibility", r.visibility);
    n.set("owner", user(r.owner, orgs.containsKey(r.owner) ? "Organization" : "User"));
    n.put("html_url", "https://github.com/" + r.fullName()).put("url", apiUrl() + "/repos/" + r.fullName())
        .put("clone_url", r.cloneUrl).put("git_url", "git://github.com/" + r.fullName() + ".git")
        .put("ssh_url", "git@github.com:" + r.fullName() + ".git").put("default_branch", r.defaultBranch)
        .put("archived", r.archived).put("disabled", false).put("fork", r.fork).put("language", r.language)
        .put("pushed_at", ISO.format(r.pushedAt)).put("created_at", "2020-01-01T00:00:00Z").put("updated_at", ISO.format(r.pushedAt));
    ArrayNode topics = n.putArray("topics");
    r.topics.forEach(topics::add);
    n.putObject("permissions").put("admin", false).put("maintain", false).put("push", r.push).put("triage", r.push).put("pull", true);
    return n;
  }

  private ObjectNode issueJson(Repo repo, Pull p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", 500_000L + p.number).put("node_id", "I_" + p.number).put("number", p.number).put("title", p.title)
        .put("body", p.body).put("state", p.state).put("url", apiUrl() + "/repos/" + repo.fullName() + "/issues/" + p.number)
        .put("html_url", "https://github.com/" + repo.fullName() + "/pull/" + p.number);
    n.set("user", user(me, "User"));
    ArrayNode labels = n.putArray("labels");
    p.labels.forEach(l -> labels.add(label(l)));
    ArrayNode assignees = n.putArray("assignees");
    p.assignees.forEach(a -> assignees.add(user(a, "User")));
    n.putObject("pull_request").put("url", apiUrl() + "/repos/" + repo.fullName() + "/pulls/" + p.number)
        .put("html_url", "https://github.com/" + repo.fullName() + "/pull/" + p.number);
    n.put("created_at", ISO.format(p.created)).put("updated_at", ISO.format(p.updated));
    return n;
  }

  /**
   * GitHub's GraphQL endpoint, for what Fleet sends, addressed by the pull request's node id: the
   * mutations {@code markPullRequestReadyForReview} and {@code enablePullRequestAutoMerge}, and the
   * query of a pull request's {@code autoMergeRequest} and its repository's {@code autoMergeAllowed}.
   * Anything else is answered as GitHub answers an unknown field; errors come as GitHub sends them
   * (HTTP 200 with {@code errors}).
   */
  private synchronized Answer graphql(JsonNode body) {
    String query = body == null ? "" : body.path("query").asString("");
    ObjectNode n = JSON.createObjectNode();
    String id = body == null ? "" : body.path("variables").path("id").asString("");
    Pull p = null;
    Repo repo = null;
    for (Map.Entry<String, List<Pull>> e : pulls.entrySet()) {
      for (Pull x : e.getValue()) {
        if (("PR_" + x.number).equals(id) && p == null) {
          p = x;
          repo = repos.get(e.getKey());
        }
      }
    }
    boolean ready = query.contains("markPullRequestReadyForReview");
    boolean enable = query.contains("enablePullRequestAutoMerge");
    boolean ask = query.contains("autoMergeAllowed") && query.startsWith("query");
    if (!ready && !enable && !ask) {
      return graphqlError(n, "undefinedField", "Field is not supported by this stub: " + query);
    }
    if (p == null || repo == null || (ready && !p.state.equals("open"))) {
      return graphqlError(n, "NOT_FOUND", "Could not resolve to a node with the global id of '" + id + "'");
    }
    if (ready) {
      p.draft = false;
      p.readyForReviewCalls++;
      n.putObject("data").putObject("markPullRequestReadyForReview").putObject("pullRequest").put("isDraft", false);
      return new Answer(200, n);
    }
    if (ask) {
      ObjectNode node = n.putObject("data").putObject("node");
      if (p.autoMerge == null) {
        node.putNull("autoMergeRequest");
      } else {
        node.putObject("autoMergeRequest").put("enabledAt", ISO.format(p.updated));
      }
      node.putObject("repository").put("autoMergeAllowed", repo.allowAutoMerge);
      return new Answer(200, n);
    }
    // As GitHub refuses it: not allowed by the repository, not open, a draft, a moved head, or nothing left to wait for.
    String head = body.path("variables").path("head").asString("");
    if (!repo.allowAutoMerge) {
      return graphqlError(n, "UNPROCESSABLE", "Pull request Auto merge is not allowed for this repository");
    }
    if (!p.state.equals("open") || p.draft) {
      return graphqlError(n, "UNPROCESSABLE", "Pull request " + (p.draft ? "is in draft state" : "is closed"));
    }
    if (!head.isEmpty() && !head.equals(headSha(p))) {
      return graphqlError(n, "UNPROCESSABLE", "Head sha didn't match expected head sha");
    }
    if (mergeableNow(p)) {
      return graphqlError(n, "UNPROCESSABLE", "Pull request is in clean status");
    }
    java.util.regex.Matcher method = Pattern.compile("mergeMethod:\\s*([A-Z]+)").matcher(query);
    p.autoMerge = method.find() ? method.group(1) : "MERGE";
    p.updated = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    n.putObject("data").putObject("enablePullRequestAutoMerge").putObject("pullRequest").putObject("autoMergeRequest")
        .put("enabledAt", ISO.format(p.updated));
    return new Answer(200, n);
  }

  private static Answer graphqlError(ObjectNode n, String type, String message) {
    n.putArray("errors").addObject().put("type", type).put("message", message);
    return new Answer(200, n);
  }

  /** Whether the branch rules the stub plays let the pull request merge now: checks reported and all green, approved, nobody asking for changes. */
  private static boolean mergeableNow(Pull p) {
    boolean checks = !(p.statuses.isEmpty() && p.checkRuns.isEmpty())
        && p.statuses.values().stream().allMatch("success"::equals) && p.checkRuns.values().stream().allMatch("success"::equals);
    Map<String, String> latest = new LinkedHashMap<>();
    for (String[] r : p.reviews) {
      if (!r[1].equals("COMMENTED")) {
        latest.put(r[0], r[1]);
      }
    }
    return checks && latest.containsValue("APPROVED") && !latest.containsValue("CHANGES_REQUESTED");
  }

  /** What GitHub does by itself for a pull request with auto-merge on, once its rules are met. */
  private void mergeWhereAutoMergeMayNow() {
    for (List<Pull> all : pulls.values()) {
      for (Pull p : all) {
        if (p.autoMerge != null && p.state.equals("open") && !p.draft && mergeableNow(p)) {
          p.merged = true;
          p.state = "closed";
          p.mergeMethod = p.autoMerge.toLowerCase(java.util.Locale.ROOT);
          p.updated = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
      }
    }
  }

  private ObjectNode pullJson(Repo repo, Pull p) {
    ObjectNode n = issueJson(repo, p);
    n.remove("pull_request");
    n.put("id", 700_000L + p.number).put("node_id", "PR_" + p.number)
        .put("url", apiUrl() + "/repos/" + repo.fullName() + "/pulls/" + p.number)
        .put("issue_url", apiUrl() + "/repos/" + repo.fullName() + "/issues/" + p.number)
        .put("draft", p.draft).put("merged", p.merged).put("mergeable", true).put("mergeable_state", "clean")
        .put("maintainer_can_modify", false);
    if (p.merged) {
      n.put("merged_at", ISO.format(p.updated));
    } else {
      n.putNull("merged_at");
    }
    if (p.autoMerge == null) {
      n.putNull("auto_merge");
    } else {
      ObjectNode auto = n.putObject("auto_merge");
      auto.set("enabled_by", user(me, "User"));
      auto.put("merge_method", p.autoMerge.toLowerCase(java.util.Locale.ROOT)).put("commit_title", p.title).put("commit_message", "");
    }
    ArrayNode reviewers = n.putArray("requested_reviewers");
    p.reviewers.forEach(r -> reviewers.add(user(r, "User")));
    ArrayNode teams = n.putArray("requested_teams");
    p.teamReviewers.forEach(t -> teams.add(team(repo.owner, t)));
    Repo headRepo = repos.getOrDefault(p.headRepo, repo);
    ObjectNode head = n.putObject("head");
    head.put("label", p.headOwner + ":" + p.headRef).put("ref", p.headRef).put("sha", headSha(p));
    head.set("user", user(p.headOwner, "User"));
    head.set("repo", repoJson(headRepo));
    ObjectNode base = n.putObject("base");
    base.put("label", repo.owner + ":" + p.base).put("ref", p.base).put("sha", "1111111111111111111111111111111111111111");
    base.set("user", user(repo.owner, "Organization"));
    base.set("repo", repoJson(repo));
    return n;
  }

  private ObjectNode rateLimit() {
    long reset = Instant.now().plusSeconds(3600).getEpochSecond();
    return JSON.createObjectNode().put("limit", 5000).put("remaining", remaining.get()).put("reset", reset)
        .put("used", 5000 - remaining.get()).put("resource", "core");
  }

  private static Answer error(int status, String message) {
    return new Answer(status, JSON.createObjectNode().put("message", message)
        .put("documentation_url", "https://docs.github.com/rest").put("status", String.valueOf(status)));
  }

  private static Answer validation(String resource, String field, String code, String message) {
    ObjectNode n = JSON.createObjectNode().put("message", "Validation Failed")
        .put("documentation_url", "https://docs.github.com/rest/pulls/pulls#create-a-pull-request").put("status", "422");
    ObjectNode e = n.putArray("errors").addObject().put("resource", resource).put("code", code);
    if (field != null) {
      e.put("field", field);
    }
    if (message != null) {
      e.put("message", message);
    }
    return new Answer(422, n);
  }

  private Answer page(ArrayNode all, String path, Map<String, String> q) {
    int perPage = Integer.parseInt(q.getOrDefault("per_page", "30"));
    int page = Integer.parseInt(q.getOrDefault("page", "1"));
    int last = Math.max(1, (all.size() + perPage - 1) / perPage);
    ArrayNode slice = JSON.createArrayNode();
    for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) {
      slice.add(all.get(i));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (page < last) {
      Map<String, String> next = new LinkedHashMap<>(q);
      next.put("page", String.valueOf(page + 1));
      Map<String, String> lastQ = new LinkedHashMap<>(q);
      lastQ.put("page", String.valueOf(last));
      headers.put("Link", "<" + apiUrl() + path + "?" + encode(next) + ">; rel=\"next\", <" + apiUrl() + path + "?" + encode(lastQ)
          + ">; rel=\"last\"");
    }
    return new Answer(200, slice, headers);
  }

  private static String encode(Map<String, String> q) {
    StringBuilder s = new StringBuilder();
    q.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(k).append('=')
        .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return s.toString();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  private void send(HttpExchange ex, Answer a) throws IOException {
    int left = Math.max(0, remaining.decrementAndGet());
    var h = ex.getResponseHeaders();
    h.add("Content-Type", a.raw() != null ? "text/html; charset=utf-8" : "application/json; charset=utf-8");
    h.add("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
    h.add("X-GitHub-Api-Version-Selected", "2022-11-28");
    h.add("X-RateLimit-Limit", "5000");
    h.add("X-RateLimit-Remaining", String.valueOf(left));
    h.add("X-RateLimit-Reset", String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond()));
    h.add("X-RateLimit-Used", String.valueOf(5000 - left));
    h.add("X-RateLimit-Resource", "core");
    a.headers().forEach(h::add);
    byte[] bytes = a.raw() != null ? a.raw().getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(a.body());
    ex.sendResponseHeaders(a.status(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
