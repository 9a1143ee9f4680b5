package dev.unroll.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lesson as real readers take it: pdflatex compiles the .tex, pandoc finds every formula in the .md. */
class ReadersTest {
  @TempDir
  Path dir;

  @Test
  void pdflatexCompilesTheLessonWithoutErrors() throws Exception {
    compiles(Lessons.reference());
  }

  @Test
  void pdflatexCompilesTheLstmLessonWithItsPlotWithoutErrors() throws Exception {
    assertThat(Lessons.lstm().latex()).as("the plot of measured norms is drawn as a picture").contains("% a log-scale plot\n");
    compiles(Lessons.lstm());
  }

  @Test
  void pdflatexCompilesTheGruLessonWithItsPlotWithoutErrors() throws Exception {
    assertThat(Lessons.gru().latex()).contains("% a log-scale plot\n");
    compiles(Lessons.gru());
  }

  @Test
  void pandocReadsEveryFormulaOfTheLstmLessonAsMath() throws Exception {
    JsonNode ast = readsMath(Lessons.lstm());
    // The measured comparison is a real table to pandoc, not a paragraph of pipes.
    assertThat(ast.findValues("t").stream().map(JsonNode::asText)).contains("Table");
  }

  private void compiles(Lesson lesson) throws Exception {
    ExternalTools.require("pdflatex");
    Files.writeString(dir.resolve("lesson.tex"), lesson.latex(), StandardCharsets.UTF_8);
    ExternalTools.Run run = ExternalTools.run(dir, 120, "pdflatex", "-halt-on-error", "-interaction=nonstopmode", "lesson.tex");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(dir.resolve("lesson.pdf")).isNotEmptyFile();
    assertThat(run.output()).doesNotContain("Undefined control sequence").doesNotContain("! ");
  }

  @Test
  void pandocReadsEveryDisplayAndInlineFormulaAsMath() throws Exception {
    readsMath(Lessons.reference());
  }

  private JsonNode readsMath(Lesson lesson) throws Exception {
    ExternalTools.require("pandoc");
    String markdown = lesson.markdown();
    Files.writeString(dir.resolve("lesson.md"), markdown, StandardCharsets.UTF_8);
    ExternalTools.Run run = ExternalTools.run(dir, 60, "pandoc", "-f", "markdown", "-t", "json", "lesson.md", "-o", "lesson.json");
    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode ast = new ObjectMapper().readTree(dir.resolve("lesson.json").toFile());
    int display = 0;
    int inline = 0;
    for (JsonNode math : ast.findParents("t")) {
      if ("Math".equals(math.get("t").asText())) {
        String type = math.get("c").get(0).get("t").asText();
        if (type.equals("DisplayMath")) {
          display++;
        } else {
          inline++;
        }
      }
    }
    assertThat(display).isEqualTo(count(markdown, "(?m)^\\s*\\$\\$\\s*$") / 2);
    String withoutDisplay = markdown.replaceAll("(?s)\\$\\$.*?\\$\\$", "");
    assertThat(inline).isEqualTo(count(withoutDisplay, "\\$[^$\\n]+\\$"));
    return ast;
  }

  @Test
  void displayMathSitsOnItsOwnLinesWithBlankLinesAroundAndUsesAligned() {
    String markdown = Lessons.reference().markdown();
    assertThat(markdown).doesNotContain("\\begin{align}").doesNotContain("\\begin{align*}");
    String[] lines = markdown.split("\n", -1);
    boolean open = false;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().equals("$$")) {
        int neighbour = open ? i + 1 : i - 1;
        assertThat(lines[neighbour].strip()).as("line %d next to a $$ fence", neighbour + 1).isEmpty();
        open = !open;
      } else {
        assertThat(lines[i]).as("line %d", i + 1).doesNotContain("$$");
      }
    }
    assertThat(open).isFalse();
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
