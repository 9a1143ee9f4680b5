package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;


import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

class SiteCommandTest {
  @TempDir
  Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void buildsQuietlyAndPrintsTheIndexPath() throws Exception {
    Path config = tmp.resolve("site.properties");
    Files.writeString(config, "title = Tiny\nparameters = V\nactivations = tanh\nlosses = last\n");
    Path site = tmp.resolve("site");
    int code = run("site", "--out", site.toString(), "--max-steps", "2", "--config", config.toString(), "--quiet");
    assertThat(err.toString()).isEmpty();
    assertThat(code).isEqualTo(Main.OK);
    assertThat(out.toString()).isEqualTo(site.resolve("index.html").toAbsolutePath() + System.lineSeparator());
    assertThat(site.resolve("lessons/rnn-tanh-V-last-2/index.html")).isRegularFile();
    assertThat(site.resolve("lessons/rnn-tanh-V-last-3")).doesNotExist();
    assertThat(Files.readString(site.resolve("index.html"))).contains("<h1 id=\"lessons\">Tiny</h1>");
  }

  /** picocli on a site command with the hand-written calculus (no Symja), as Main would run it. */
  private int runFake(String... args) {
    dev.unroll.pipeline.Pipeline pipeline = dev.unroll.pipeline.TextbookPipelines.withoutChecks();
    CommandLine cli = new CommandLine(new SiteCommand(pipeline::lesson));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void aBuildTalksOnStderrUnlessQuiet() throws Exception {
    Path config = tmp.resolve("site.properties");
    Files.writeString(config, "cells = rnn, lstm\nparameters = W\nactivations = tanh\nlosses = last\nmax-steps = 2\n");
    Path site = tmp.resolve("site");
    assertThat(runFake("--out", site.toString(), "--config", config.toString(), "--no-pdf")).isEqualTo(Main.OK);
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.subList(0, 4)).allMatch(l -> l.matches("\\[[1-4]/4] (rnn-tanh-W-last|lstm-Uf-last)-[12] \\([0-9.]+ s\\)"));
    assertThat(lines.subList(0, 4)).extracting(l -> l.substring(0, 5)).containsExactly("[1/4]", "[2/4]", "[3/4]", "[4/4]");
    assertThat(lines.get(4)).matches("unroll: built 4 lessons in [0-9.]+ s into " + Pattern.quote(site.toAbsolutePath().toString()));
    assertThat(out.toString()).isEqualTo(site.resolve("index.html").toAbsolutePath() + System.lineSeparator());
    err.getBuffer().setLength(0);
    assertThat(runFake("--out", site.toString(), "--config", config.toString(), "--no-pdf", "--quiet")).isEqualTo(Main.OK);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void serveAnswersAPageRebuildsWhenTheSiteFileChangesAndStopsCleanly() throws Exception {
    Path config = tmp.resolve("site.properties");
    Files.writeString(config, "title = First\ncells = rnn\nparameters = V\nactivations = tanh\nlosses = last\nmax-steps = 1\n");
    Path site = tmp.resolve("site");
    int[] code = {-1};
    Thread serving = new Thread(() -> code[0] = runFake("--out", site.toString(), "--config", config.toString(), "--no-pdf",
        "--quiet", "--serve", "--port", "0"));
    serving.start();
    Pattern listening = Pattern.compile("Serving .* at (http://127\\.0\\.0\\.1:([0-9]+)/) \\(Ctrl-C stops\\)\\.");
    Matcher m = listening.matcher("");
    for (int i = 0; i < 600 && !(m = listening.matcher(out.toString())).find(); i++) {
      Thread.sleep(100);
    }
    assertThat(m.find(0)).as("the server said where it listens; stdout: %s stderr: %s", out, err).isTrue();
    URI root = URI.create(m.group(1));
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(root.resolve("lessons/rnn-tanh-V-last-1/index.html")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("· First</title>");
    Files.writeString(config, "title = Second\ncells = rnn\nparameters = V\nactivations = tanh\nlosses = last\nmax-steps = 1\n");
    String body = "";
    for (int i = 0; i < 600 && !body.contains("· Second</title>"); i++) {
      Thread.sleep(100);
      body = http.send(HttpRequest.newBuilder(root.resolve("index.html")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
    assertThat(body).as("the served index after the site file changed").contains("<title>All lessons · Second</title>");
    for (int i = 0; i < 100 && !err.toString().contains("unroll: rebuilt"); i++) {
      Thread.sleep(100); // the site is swapped in before the build returns and says so
    }
    assertThat(err.toString()).contains("unroll: rebuilt after a change to " + config);
    serving.interrupt();
    serving.join(15_000);
    assertThat(serving.isAlive()).as("the server stopped").isFalse();
    assertThat(code[0]).isEqualTo(Main.OK);
    // Nothing answers with the site there any more. (Another test's process may take the freed port,
    // so a refused connection is not required, only that the site is no longer served.)
    String after;
    try {
      after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve("index.html"))
          .timeout(java.time.Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      after = "";
    }
    assertThat(after).as("the site served after the server stopped").doesNotContain("· Second</title>");
  }

  @Test
  void badInputIsExitTwoWithASentence() throws Exception {
    assertThat(run("site", "--out", tmp.resolve("s").toString(), "--max-steps", "0")).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("unroll: --max-steps must be between 1 and 200, got 0." + System.lineSeparator());
    Path config = tmp.resolve("bad.properties");
    Files.writeString(config, "colour = blue\n");
    err.getBuffer().setLength(0);
    assertThat(run("site", "--out", tmp.resolve("s").toString(), "--config", config.toString())).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).startsWith("unroll: The site file " + config + " has an unknown key 'colour'");
    assertThat(tmp.resolve("s")).doesNotExist();
    err.getBuffer().setLength(0);
    assertThat(run("site", "--out", tmp.resolve("s").toString(), "--port", "9000")).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("unroll: --port goes with --serve; add --serve to serve the site." + System.lineSeparator());
    err.getBuffer().setLength(0);
    assertThat(run("site", "--out", tmp.resolve("s").toString(), "--serve", "--port", "-1")).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("unroll: --port must be between 0 and 65535, got -1." + System.lineSeparator());
    assertThat(tmp.resolve("s")).doesNotExist();
  }
}
