package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteServerTest {
  @TempDir
  Path tmp;

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheFolderOnLoopbackOnlyAndStopsCleanly() throws Exception {
    Path site = Files.createDirectories(tmp.resolve("site/lessons/x"));
    Files.writeString(tmp.resolve("site/index.html"), "<h1>home</h1>");
    Files.writeString(site.resolve("index.html"), "<h1>lesson x</h1>");
    Files.writeString(tmp.resolve("secret.txt"), "outside");
    HttpClient http = HttpClient.newHttpClient();
    int port;
    try (SiteServer server = SiteServer.start(tmp.resolve("site"), 0)) {
      port = server.port();
      assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
      HttpResponse<String> home = get(http, server.uri());
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body()).isEqualTo("<h1>home</h1>");
      HttpResponse<String> lesson = get(http, server.uri().resolve("lessons/x/index.html"));
      assertThat(lesson.body()).isEqualTo("<h1>lesson x</h1>");
      assertThat(lesson.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(get(http, server.uri().resolve("lessons/x/")).body()).isEqualTo("<h1>lesson x</h1>");
      assertThat(get(http, server.uri().resolve("missing.html")).statusCode()).isEqualTo(404);
      assertThat(get(http, URI.create("http://127.0.0.1:" + port + "/lessons/%2e%2e/%2e%2e/secret.txt")).statusCode()).isEqualTo(404);
      assertThat(server.resolve("/../secret.txt")).isNull();
      Files.writeString(tmp.resolve("site/index.html"), "<h1>rebuilt</h1>");
      assertThat(get(http, server.uri()).body()).as("a file replaced on disk is served at once").isEqualTo("<h1>rebuilt</h1>");
    }
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
  }

  @Test
  void aBadPortIsASentence() {
    assertThatThrownBy(() -> SiteServer.start(tmp, 70000)).hasMessage("--port must be between 0 and 65535, got 70000.");
  }
}
