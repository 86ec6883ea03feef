package io.fleetmigrate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Git's own smart-HTTP server ({@code git http-backend}, run as a CGI program) behind the JDK's
 * HTTP server on loopback, serving the bare repositories under one folder at {@code
 * http://127.0.0.1:PORT/git/OWNER/NAME.git}. Every request needs HTTP Basic authentication whose
 * password is the token, as GitHub's git endpoint does for a private repository; a wrong token gets
 * a 401 challenge, which is what git clients see from GitHub.
 */
public final class GitSmartHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;
  private volatile String token;
  /** Every Authorization header value received, so tests can check the token never went elsewhere. */
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  /** Every request line received (method and URI): proves the token never travels in a URL. */
  public final List<String> requestLines = new CopyOnWriteArrayList<>();

  public GitSmartHttpServer(Path root, String token) throws IOException {
    this.root = root;
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/git/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  /** The URL of {@code owner/name}'s repository ({@code root/owner/name.git} on disk). */
  public String url(String fullName) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + fullName + ".git";
  }

  public Path root() {
    return root;
  }

  public void token(String token) {
    this.token = token;
  }

  private final java.util.Set<String> readOnly = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The token may read {@code owner/name} but not push to it: receive-pack answers 403, as GitHub does. */
  public void readOnly(String fullName) {
    readOnly.add(fullName);
  }

  private final java.util.Set<String> tokenRefusedForPush = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The token may read {@code owner/name}, but a push is answered 401 (as for a token revoked or expired meanwhile). */
  public void refuseTokenForPush(String fullName) {
    tokenRefusedForPush.add(fullName);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requestLines.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth != null) {
        authorizations.add(auth);
      }
      String target = exchange.getRequestURI().getRawPath().substring("/git".length());
      boolean pushing = target.endsWith("/git-receive-pack") || String.valueOf(exchange.getRequestURI().getRawQuery()).contains(
          "service=git-receive-pack");
      if (!authorized(auth) || (pushing && tokenRefusedForPush.stream().anyMatch(r -> target.startsWith("/" + r + ".git/")))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"GitHub\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getRawPath().substring("/git".length());
      String query = String.valueOf(exchange.getRequestURI().getRawQuery());
      boolean receive = path.endsWith("/git-receive-pack") || query.contains("service=git-receive-pack");
      if (receive && readOnly.stream().anyMatch(r -> path.startsWith("/" + r + ".git/"))) {
        byte[] denied = ("Permission to " + path.substring(1, path.indexOf(".git/") + 4) + " denied.\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(403, denied.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(denied);
        }
        return;
      }
      ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
      Map<String, String> env = cgi.environment();
      env.put("GIT_PROJECT_ROOT", root.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("REMOTE_USER", "x-access-token"); // lets http-backend accept pushes
      env.put("REMOTE_ADDR", "127.0.0.1");
      env.put("REQUEST_METHOD", exchange.getRequestMethod());
      env.put("PATH_INFO", path);
      env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
      env.put("CONTENT_LENGTH", String.valueOf(body.length));
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        env.put("CONTENT_TYPE", type);
      }
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if (encoding != null) {
        env.put("HTTP_CONTENT_ENCODING", encoding);
      }
      String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
      if (protocol != null) {
        env.put("GIT_PROTOCOL", protocol);
      }
      cgi.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process process = cgi.start();
      Thread writer = new Thread(() -> {
        try (OutputStream in = process.getOutputStream()) {
          in.write(body);
        } catch (IOException ignored) {
          // the CGI stopped reading; its answer says why
        }
      });
      writer.start();
      byte[] output;
      try (InputStream out = process.getInputStream()) {
        output = out.readAllBytes();
      }
      try {
        writer.join();
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(exchange, output);
    }
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    String password = decoded.substring(decoded.indexOf(':') + 1);
    return password.equals(token) || also.test(password);
  }

  private volatile java.util.function.Predicate<String> also = t -> false;

  /** Also accepts the tokens {@code valid} allows (a GitHub App's installation tokens, while they last). */
  public void accept(java.util.function.Predicate<String> valid) {
    this.also = valid;
  }

  /** Splits the CGI answer into its header lines (with {@code Status:}) and the body. */
  private static void respond(HttpExchange exchange, byte[] output) throws IOException {
    int end = -1;
    int skip = 0;
    for (int i = 0; i + 1 < output.length; i++) {
      if (output[i] == '\n' && output[i + 1] == '\n') {
        end = i;
        skip = 2;
        break;
      }
      if (i + 3 < output.length && output[i] == '\r' && output[i + 1] == '\n' && output[i + 2] == '\r' && output[i + 3] == '\n') {
        end = i;
        skip = 4;
        break;
      }
    }
    if (end < 0) {
      exchange.sendResponseHeaders(500, -1);
      return;
    }
    int status = 200;
    for (String line : new String(output, 0, end, StandardCharsets.ISO_8859_1).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.split(" ")[0]);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(output, end + skip, output.length - end - skip);
    exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
    if (body.size() > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        body.writeTo(out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
