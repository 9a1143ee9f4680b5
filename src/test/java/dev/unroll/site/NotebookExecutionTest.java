package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.ExternalTools;
import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import dev.unroll.pipeline.Pipeline;
import dev.unroll.pipeline.Pipelines;
import dev.unroll.render.Python;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site's notebooks run where readers run them: Debian's nbclient executes each top to bottom in a
 * fresh python3 kernel, and every one must finish without an error, with every derived form within
 * 1e-6 of finite differences (the code raises otherwise). A sample by default (RNN with tanh and
 * sigmoid, W, U and V, last and total loss, N = 1, 3 and 12; the LSTM; the GRU);
 * {@code -Dnotebooks=all} runs every lesson of the default site.
 */
class NotebookExecutionTest {
  static final List<LessonSpec> SAMPLE = List.of(
      spec("rnn", 1, "W", "tanh", LossKind.LAST),
      spec("rnn", 3, "W", "tanh", LossKind.LAST),
      spec("rnn", 12, "W", "tanh", LossKind.TOTAL),
      spec("rnn", 3, "W", "sigmoid", LossKind.TOTAL),
      spec("rnn", 12, "U", "sigmoid", LossKind.LAST),
      spec("rnn", 1, "U", "tanh", LossKind.TOTAL),
      spec("rnn", 3, "V", "tanh", LossKind.LAST),
      spec("rnn", 12, "V", "sigmoid", LossKind.TOTAL),
      spec("lstm", 3, "Uf", "", LossKind.LAST),
      spec("lstm", 3, "Uf", "", LossKind.TOTAL),
      spec("gru", 3, "Uz", "", LossKind.LAST),
      spec("gru", 2, "Uz", "", LossKind.TOTAL));

  private static final Pattern ORDER = Pattern.compile("^(ok|FAIL) ", Pattern.MULTILINE);

  @TempDir
  Path tmp;

  private static LessonSpec spec(String cell, int steps, String wrt, String activation, LossKind loss) {
    return new LessonSpec(cell, steps, wrt, activation, loss, LessonSpec.Form.AUTO);
  }

  @Test
  void theSitesNotebooksRunTopToBottomAndEveryFormAgrees() throws Exception {
    Python.require("numpy", "nbformat", "nbclient", "ipykernel");
    List<LessonSpec> specs = "all".equals(System.getProperty("notebooks"))
        ? new SiteGrid(SiteConfig.defaults()).specs() : SAMPLE;
    Pipeline pipeline = Pipelines.standard(Optional.empty());
    LessonPages pages = new LessonPages(new SiteTemplates(Optional.empty()), new SiteViews.Site("Lessons", "Sample"),
        new SiteGrid(SiteConfig.defaults()), Optional.empty());
    List<String> command = new ArrayList<>(List.of(Python.PYTHON.toString(), resource("notebooks/execute.py")));
    for (LessonSpec spec : specs) {
      Lesson lesson = pipeline.lesson(spec);
      Map<String, byte[]> files = pages.files(lesson, 1, 1, null, null);
      byte[] notebook = files.get(LessonPages.folder(spec) + spec.slug() + ".ipynb");
      standsAlone(spec, new String(notebook, StandardCharsets.UTF_8));
      underItsEquation(lesson);
      Path file = tmp.resolve(spec.slug() + ".ipynb");
      Files.write(file, notebook);
      command.add(file.toString());
    }
    long start = System.nanoTime();
    ExternalTools.Run run = ExternalTools.run(tmp, 3600, command.toArray(String[]::new));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("NotebookExecutionTest: executed %d notebooks in %.1f s%n", specs.size(), seconds);
    assertThat(run.exitCode()).as(run.output()).isZero();
    Matcher m = ORDER.matcher(run.output());
    int ok = 0;
    while (m.find()) {
      assertThat(m.group(1)).as(run.output()).isEqualTo("ok");
      ok++;
    }
    assertThat(ok).isEqualTo(specs.size());
    assertThat(run.output().split("worst relative difference from central finite differences: ", -1))
        .hasSize(specs.size() + 1);
  }

  /** A python3 notebook with code cells, its pictures inside it, and no picture left at a relative path. */
  private static void standsAlone(LessonSpec spec, String text) throws Exception {
    JsonNode nb = new ObjectMapper().readTree(text);
    assertThat(nb.at("/metadata/kernelspec/name").asText()).isEqualTo("python3");
    assertThat(nb.at("/metadata/language_info/name").asText()).isEqualTo("python");
    int code = 0;
    int attachments = 0;
    for (JsonNode cell : nb.get("cells")) {
      code += cell.get("cell_type").asText().equals("code") ? 1 : 0;
      attachments += cell.has("attachments") ? cell.get("attachments").size() : 0;
    }
    assertThat(code).as(spec.slug()).isGreaterThanOrEqualTo(5);
    assertThat(attachments).as(spec.slug()).isPositive();
    assertThat(text).as(spec.slug()).doesNotContainPattern("!\\[[^\\]]*\\]\\((?!attachment:)");
  }

  /** Every code cell that names the equation it computes stands under the Markdown cell showing it. */
  private static void underItsEquation(Lesson lesson) {
    List<String> cells = NotebookWriter.cells(lesson.markdown());
    List<List<dev.unroll.render.LessonCode.Cell>> placed = NotebookWriter.placed(cells, lesson.code());
    int anchored = 0;
    for (int i = 0; i < cells.size(); i++) {
      for (dev.unroll.render.LessonCode.Cell c : placed.get(i)) {
        if (!c.anchor().isEmpty()) {
          assertThat(cells.get(i)).as(lesson.spec().slug() + ": the cell over " + c.source().lines().findFirst().orElse(""))
              .contains(c.anchor());
          anchored++;
        }
      }
    }
    assertThat(anchored).as(lesson.spec().slug()).isGreaterThanOrEqualTo(3);
  }

  private static String resource(String name) throws Exception {
    return Path.of(NotebookExecutionTest.class.getClassLoader().getResource(name).toURI()).toString();
  }
}
