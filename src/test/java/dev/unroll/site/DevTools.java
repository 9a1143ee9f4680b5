package dev.unroll.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket, the JDK's own client), for the
 * browser tests that must act on a page: emulate {@code prefers-color-scheme}, type into the search
 * box, click a button, read what scripts did, and hear every request and console message the page
 * makes. One browser, one page; {@link #close()} ends the browser.
 */
final class DevTools implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();

  private DevTools(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /** Starts the browser with {@code command} (its switches, no URL) and attaches to its first page. */
  static DevTools start(List<String> command) throws Exception {
    List<String> full = new ArrayList<>(command);
    full.add("--remote-debugging-port=0");
    full.add("--remote-allow-origins=*");
    full.add("about:blank");
    Process process = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    String browserUrl = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (String line; browserUrl == null && System.nanoTime() < deadline && (line = err.readLine()) != null; ) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        browserUrl = m.group(1);
      }
    }
    if (browserUrl == null) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium did not open its DevTools port");
    }
    Thread drain = new Thread(() -> {
      try {
        while (err.readLine() != null) {
          // Chromium's own log lines; read so the pipe never fills.
        }
      } catch (IOException e) {
        // the browser ended
      }
    });
    drain.setDaemon(true);
    drain.start();
    URI browser = URI.create(browserUrl);
    HttpClient http = HttpClient.newHttpClient();
    String pageUrl = null;
    for (int attempt = 0; attempt < 50 && pageUrl == null; attempt++) {
      String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (JsonNode target : JSON.readTree(list)) {
        if ("page".equals(target.path("type").asText())) {
          pageUrl = target.path("webSocketDebuggerUrl").asText();
        }
      }
      if (pageUrl == null) {
        Thread.sleep(100);
      }
    }
    if (pageUrl == null) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium has no page to attach to");
    }
    DevTools[] self = new DevTools[1];
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          String message = text.toString();
          text.setLength(0);
          while (self[0] == null) {
            Thread.onSpinWait();
          }
          self[0].receive(message);
        }
        ws.request(1);
        return null;
      }
    }).get(30, TimeUnit.SECONDS);
    self[0] = new DevTools(process, socket);
    return self[0];
  }

  private void receive(String message) {
    try {
      JsonNode node = JSON.readTree(message);
      if (node.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(node.get("id").asInt());
        if (f != null) {
          f.complete(node);
        }
      } else {
        synchronized (events) {
          events.add(node);
          events.notifyAll();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("DevTools sent what is not JSON: " + message, e);
    }
  }

  /** Sends a command and returns its result; a protocol error fails. */
  JsonNode send(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
    JsonNode reply = answer.get(60, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Opens a URL and waits for its load event. */
  void navigate(String url) throws Exception {
    int before = eventCount();
    send("Page.navigate", Map.of("url", url));
    awaitEvent(before, e -> "Page.loadEventFired".equals(e.path("method").asText()), Duration.ofSeconds(60));
  }

  /** The value of a JavaScript expression in the page (a promise is awaited). */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("the page threw on '" + expression + "': " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Polls an expression until it is true. */
  void waitFor(String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!evaluate("Boolean(" + expression + ")").asBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page never made true: " + expression);
      }
      Thread.sleep(50);
    }
  }

  int eventCount() {
    synchronized (events) {
      return events.size();
    }
  }

  /** Every event so far, in order. */
  List<JsonNode> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  private void awaitEvent(int from, Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (events) {
      while (true) {
        for (int i = from; i < events.size(); i++) {
          if (wanted.test(events.get(i))) {
            return;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no such DevTools event within " + timeout);
        }
        events.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
    }
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    // Chromium's renderer, zygote and crash handler outlive the main process unless ended too, and
    // keep writing into the profile while JUnit deletes the temporary folder it lives in.
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    for (ProcessHandle child : tree) {
      child.destroyForcibly();
    }
    for (ProcessHandle child : tree) {
      try {
        child.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // A process that will not end is the operating system's problem; the test's verdict stands.
      }
    }
  }
}
