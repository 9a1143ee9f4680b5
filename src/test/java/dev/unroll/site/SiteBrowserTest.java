package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opens pages of a built site in a real headless Chromium. Offline (file:// URLs, every host name
 * unresolvable) KaTeX must typeset every formula with no error. Online through a recording proxy,
 * the pages must request nothing but files of the site. The sample: offline, the smallest lesson and
 * a total-loss sum; through the proxy, the index, a sigmoid total-loss lesson and an LSTM lesson
 * (whose plot of measured norms the browser must load).
 */
class SiteBrowserTest {
  private static final Pattern MATH_SPAN = Pattern.compile("<span class=\"math (?:inline|display)\">");
  private static final List<String> PAGES = List.of("index.html", "lessons/rnn-sigmoid-W-total-3/index.html",
      "lessons/lstm-Uf-last-2/index.html");
  private static final String CONTROL = "<!DOCTYPE html><title>c</title><link rel=\"icon\" href=\"data:,\"><img src=\"http://network.invalid/beacon.png\">";

  /**
   * Chromium's own background requests (network time, component updates), which no switch fully
   * stops; they come from the browser, not from a page, and are the only requests let through.
   */
  private static final Pattern BROWSER_OWN =
      Pattern.compile("(GET http://clients2\\.google\\.com/time/1/current|POST http://update\\.googleapis\\.com/service/update2/json)\\?.*");

  @TempDir
  static Path tmp;

  static Path site;

  @BeforeAll
  static void build() throws Exception {
    Path config = tmp.resolve("browser.properties");
    Files.writeString(config, "parameters = W, V\nmax-steps = 3\n");
    site = tmp.resolve("site");
    new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.load(config), site, SiteBuilder.Progress.NONE);
    Files.createDirectories(tmp.resolve("profiles"));
  }

  private static int count(Pattern p, String text) {
    Matcher m = p.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @ParameterizedTest
  @ValueSource(strings = {"lessons/rnn-tanh-V-last-1/index.html", "lessons/rnn-tanh-W-total-3/index.html"})
  void katexTypesetsEveryFormulaOffline(String page) throws Exception {
    Chromium chromium = Chromium.require(tmp.resolve("profiles"));
    String source = Files.readString(site.resolve(page));
    int formulas = count(MATH_SPAN, source);
    assertThat(formulas).isGreaterThan(3);
    String dom = chromium.dumpDom(site.resolve(page).toUri().toString(), "--host-resolver-rules=MAP * ~NOTFOUND");
    assertThat(dom).contains("data-math-rendered=\"" + formulas + "\"");
    assertThat(count(Pattern.compile("<span class=\"katex\">"), dom)).isEqualTo(formulas);
    assertThat(dom).doesNotContain("katex-error");
    assertThat(dom).contains("class=\"katex-display\"").contains("class=\"katex-mathml\"");
  }

  @Test
  void pagesRequestOnlyFilesOfTheSite() throws Exception {
    Chromium chromium = Chromium.require(tmp.resolve("profiles"));
    List<String> foreign = Collections.synchronizedList(new java.util.ArrayList<>());
    List<String> missing = Collections.synchronizedList(new java.util.ArrayList<>());
    List<String> served = Collections.synchronizedList(new java.util.ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    int port = server.getAddress().getPort();
    server.createContext("/", exchange -> {
      String host = exchange.getRequestHeaders().getFirst("Host");
      String target = exchange.getRequestURI().toString();
      if (exchange.getRequestURI().isAbsolute() || !("127.0.0.1:" + port).equals(host)
          || !exchange.getRequestMethod().equals("GET")) {
        String request = exchange.getRequestMethod() + " " + target;
        if (!BROWSER_OWN.matcher(request).matches()) {
          foreign.add(request + " (Host: " + host + ")");
        }
        exchange.sendResponseHeaders(403, -1);
      } else if (exchange.getRequestURI().getPath().equals("/control.html")) {
        byte[] body = CONTROL.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } else {
        Path file = site.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
        if (file.startsWith(site) && Files.isRegularFile(file)) {
          served.add(site.relativize(file).toString());
          byte[] body = Files.readAllBytes(file);
          String name = file.getFileName().toString();
          String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".css") ? "text/css"
              : name.endsWith(".js") ? "text/javascript" : name.endsWith(".svg") ? "image/svg+xml"
              : "application/octet-stream";
          exchange.getResponseHeaders().add("Content-Type", type);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        } else {
          missing.add(target);
          exchange.sendResponseHeaders(404, -1);
        }
      }
      exchange.close();
    });
    server.start();
    try {
      String proxy = "--proxy-server=http://127.0.0.1:" + port;
      String base = "http://127.0.0.1:" + port + "/";
      chromium.dumpDom(base + "control.html", proxy);
      assertThat(foreign).as("the recording proxy sees a page's request to another host")
          .anySatisfy(r -> assertThat(r).contains("network.invalid"));
      foreign.clear();
      for (String page : PAGES) {
        String dom = chromium.dumpDom(base + page, proxy);
        assertThat(dom).as(page).doesNotContain("katex-error");
      }
    } finally {
      server.stop(0);
    }
    assertThat(foreign).as("requests to other hosts").isEmpty();
    assertThat(missing).as("requests for files the site lacks").isEmpty();
    assertThat(served).contains("katex/katex.min.js", "katex/katex.min.css", "assets/site.css", "assets/render-math.js",
        "lessons/rnn-sigmoid-W-total-3/assets/unrolled-network.svg",
        // the gated lesson's plot of measured norms, which the browser loads with the page
        "lessons/lstm-Uf-last-2/lstm-Uf-last-2-norms.svg");
  }

  @Test
  void everyUrlInTheSiteIsRelative() throws IOException {
    assertThat(SiteLinks.problems(site)).isEmpty();
  }
}
