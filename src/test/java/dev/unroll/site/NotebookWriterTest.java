package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookWriterTest {
  /** Debian's python3-nbformat; .ci/run installs it. */
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private static final String LESSON = "# Title\n\nIntro with $x_t$.\n\n$$\n# not a heading\n$$\n\n```\n# nor this\n```\n"
      + "## Second\n\nText.\n";

  @TempDir
  Path tmp;

  @Test
  void cutsAtHeadingsOutsideMathAndCode() {
    assertThat(NotebookWriter.cells(LESSON)).containsExactly(
        "# Title\n\nIntro with $x_t$.\n\n$$\n# not a heading\n$$\n\n```\n# nor this\n```",
        "## Second\n\nText.");
  }

  @Test
  void hasEveryKeyNbformat45Requires() throws Exception {
    JsonNode nb = new ObjectMapper().readTree(new NotebookWriter().notebook("A lesson", LESSON));
    assertThat(nb.get("nbformat").asInt()).isEqualTo(4);
    assertThat(nb.get("nbformat_minor").asInt()).isEqualTo(5);
    assertThat(nb.get("metadata").isObject()).isTrue();
    assertThat(nb.get("cells")).hasSize(2);
    for (JsonNode cell : nb.get("cells")) {
      assertThat(cell.get("cell_type").asText()).isEqualTo("markdown");
      assertThat(cell.get("id").asText()).matches("[a-zA-Z0-9-_]{1,64}");
      assertThat(cell.get("metadata").isObject()).isTrue();
      assertThat(cell.get("source").isArray()).isTrue();
    }
    List<String> joined = new ArrayList<>();
    nb.get("cells").forEach(c -> {
      StringBuilder s = new StringBuilder();
      c.get("source").forEach(l -> s.append(l.asText()));
      joined.add(s.toString());
    });
    assertThat(String.join("\n", joined)).isEqualTo(LESSON.strip().replace("```\n## Second", "```\n## Second"));
  }

  @Test
  void isTheSameBytesEveryTime() {
    assertThat(new NotebookWriter().notebook("t", LESSON)).isEqualTo(new NotebookWriter().notebook("t", LESSON))
        .endsWith("}\n").doesNotContain("\r");
  }

  @Test
  void nbformatValidatesTheNotebooksOfASite() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    boolean present = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import nbformat")
        .start().waitFor() == 0;
    if (!present && !ci) {
      Assumptions.abort("python3-nbformat is not installed (apt-get install python3-nbformat); skipping the nbformat"
          + " schema check outside CI.");
    }
    assertThat(present).as("CI must have Debian's python3-nbformat").isTrue();
    Path site = tmp.resolve("site");
    Path config = tmp.resolve("c.properties");
    Files.writeString(config, "cells = rnn\nparameters = W\nactivations = sigmoid\nmax-steps = 3\n");
    new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.load(config), site, SiteBuilder.Progress.NONE);
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c",
        "import sys, json, nbformat\n"
            + "for f in sys.argv[1:]:\n"
            + "    nbformat.validate(json.load(open(f)), version=4, version_minor=5)\n"
            + "    nb = nbformat.read(f, as_version=4)\n"
            + "    assert len(nb.cells) >= 2, f\n"
            + "print(len(sys.argv) - 1)\n"));
    try (var walk = Files.walk(site, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      walk.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(p -> command.add(p.toString()));
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output.strip()).isEqualTo("6");
  }

  @Test
  void codeCellsGoUnderTheCellShowingTheirEquationAndPicturesAreAttached() throws Exception {
    String lesson = "# Title\n\n![The network](assets/net.svg)\n\n## Network\n\n$$\nz_t = W s_{t-1}\n$$\n"
        + "## Sum\n\n$$\nA + B\n$$\n## Checked\n\nAll good.\n";
    dev.unroll.render.LessonCode code = new dev.unroll.render.LessonCode(List.of(
        new dev.unroll.render.LessonCode.Cell("W s_{t-1}", "setup = 1\n"),
        new dev.unroll.render.LessonCode.Cell("", "forward = 2\n"),
        new dev.unroll.render.LessonCode.Cell("A + B", "total = 3\n"),
        new dev.unroll.render.LessonCode.Cell("not in the lesson", "stays = 4\n"),
        new dev.unroll.render.LessonCode.Cell("## Checked", "check = 5\n")));
    JsonNode nb = new ObjectMapper().readTree(new NotebookWriter().notebook("t", lesson, code,
        java.util.Map.of("assets/net.svg", "<svg/>".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    List<String> order = new ArrayList<>();
    nb.get("cells").forEach(c -> order.add(c.get("cell_type").asText().charAt(0) + ":" + c.get("source").get(0).asText().strip()));
    assertThat(order).containsExactly("m:# Title", "m:## Network", "c:setup = 1", "c:forward = 2", "m:## Sum",
        "c:total = 3", "c:stays = 4", "m:## Checked", "c:check = 5");
    JsonNode first = nb.get("cells").get(0);
    assertThat(first.get("source").get(2).asText()).isEqualTo("![The network](attachment:net.svg)");
    assertThat(first.at("/attachments/net.svg/image~1svg+xml").asText()).isEqualTo("PHN2Zy8+");
    JsonNode codeCell = nb.get("cells").get(2);
    assertThat(codeCell.get("outputs").size()).isZero();
    assertThat(codeCell.get("execution_count").isNull()).isTrue();
    assertThat(nb.at("/metadata/kernelspec/name").asText()).isEqualTo("python3");
    assertThat(nb.at("/metadata/language_info/name").asText()).isEqualTo("python");
  }
}
