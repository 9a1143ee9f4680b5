package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
    int code = run("site", "--out", site.toString(), "--max-steps", "2", "--config", config.toString());
    assertThat(err.toString()).isEmpty();
    assertThat(code).isEqualTo(Main.OK);
    assertThat(out.toString()).isEqualTo(site.resolve("index.html").toAbsolutePath() + System.lineSeparator());
    assertThat(site.resolve("lessons/rnn-tanh-V-last-2/index.html")).isRegularFile();
    assertThat(site.resolve("lessons/rnn-tanh-V-last-3")).doesNotExist();
    assertThat(Files.readString(site.resolve("index.html"))).contains("<h1>Tiny</h1>");
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
  }
}
