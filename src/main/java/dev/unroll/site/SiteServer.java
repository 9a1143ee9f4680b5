package dev.unroll.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves a built site's folder on the loopback address only (127.0.0.1), with the JDK's HTTP server:
 * GET and HEAD of files inside the folder, {@code index.html} for a folder, 404 for anything else
 * (including paths that climb out of it). Reads each file when asked, so a site rebuilt and swapped
 * in place is served at once. {@link #close()} stops it and frees the port.
 */
public final class SiteServer implements AutoCloseable {
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("svg", "image/svg+xml"),
      Map.entry("json", "application/json"), Map.entry("ipynb", "application/x-ipynb+json"),
      Map.entry("md", "text/markdown; charset=utf-8"), Map.entry("tex", "text/x-tex; charset=utf-8"),
      Map.entry("pdf", "application/pdf"), Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"),
      Map.entry("ttf", "font/ttf"), Map.entry("png", "image/png"));

  private final Path root;
  private final HttpServer server;
  private final ExecutorService pool;

  private SiteServer(Path root, HttpServer server, ExecutorService pool) {
    this.root = root;
    this.server = server;
    this.pool = pool;
  }

  /** Starts serving {@code folder} on 127.0.0.1; port 0 picks a free one (see {@link #port()}). */
  public static SiteServer start(Path folder, int port) throws IOException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port + ".");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "unroll-site-server");
      t.setDaemon(true);
      return t;
    });
    SiteServer site = new SiteServer(folder.toAbsolutePath().normalize(), server, pool);
    server.createContext("/", site::handle);
    server.setExecutor(pool);
    server.start();
    return site;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The address of the site's index. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Path file = resolve(exchange.getRequestURI().getPath());
      if (file == null) {
        byte[] body = "Not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(404, method.equals("HEAD") ? -1 : body.length);
        if (!method.equals("HEAD")) {
          exchange.getResponseBody().write(body);
        }
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.getResponseHeaders().add("Content-Type", type(file));
      exchange.getResponseHeaders().add("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : body.length);
      if (!method.equals("HEAD")) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** The file a request path names inside the site, or null. */
  Path resolve(String path) {
    if (path == null || !path.startsWith("/") || path.contains("\0") || path.contains("\\")) {
      return null;
    }
    Path file = root.resolve(path.substring(1)).normalize();
    if (!file.startsWith(root)) {
      return null;
    }
    if (Files.isDirectory(file)) {
      file = file.resolve("index.html");
    }
    return Files.isRegularFile(file) ? file : null;
  }

  private static String type(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  /** Stops at once (requests under way are cut) and frees the port. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
