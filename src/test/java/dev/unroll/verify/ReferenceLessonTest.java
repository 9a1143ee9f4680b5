package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code unroll verify} on the reference lesson (a copy of ../shared/reference/exploding-gradient-lesson.md)
 * and on a corrected copy, through the command line as a user runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceLessonTest {
  private static final String LESSON = "src/test/resources/verify/exploding-gradient-lesson.md";
  private static final String CORRECTED = "src/test/resources/verify/exploding-gradient-lesson-corrected.md";

  private int exit;
  private List<String> lines;

  @BeforeAll
  void verifyReference() {
    StringWriter out = new StringWriter();
    exit = Main.run(new String[] {"verify", LESSON}, new PrintWriter(out), new PrintWriter(new StringWriter()));
    lines = out.toString().lines().toList();
  }

  private List<String> at(int line, String severity) {
    String prefix = LESSON + ":" + line + ":";
    return lines.stream().filter(l -> l.startsWith(prefix) && l.contains(": " + severity + ": ")).toList();
  }

  @Test
  void exitsOneBecauseClaimsFail() {
    assertThat(exit).isEqualTo(1);
    assertThat(lines.get(lines.size() - 1)).startsWith(LESSON + ": ").containsPattern("\\d+ claims: \\d+ confirmed, 2 wrong, \\d+ not judged");
  }

  @Test
  void confirmsTheNetworksEquations() {
    assertThat(at(16, "note")).singleElement().asString().contains("z_{t} is the network's equation");
    assertThat(at(17, "note")).singleElement().asString().contains("s_{t} is the network's equation");
    assertThat(at(18, "note")).singleElement().asString().contains("q_{t}");
    assertThat(at(19, "note")).singleElement().asString().contains("o_{t}");
  }

  @Test
  void confirmsTheThreeTermSumInTheLessonsConvention() {
    assertThat(at(96, "note")).anyMatch(l -> l.contains("the 3 written terms are the 3-term sum")
        && l.contains("chain notation"));
    assertThat(at(41, "note")).anyMatch(l -> l.contains("term 1 of the 3-term sum"));
    assertThat(at(67, "note")).anyMatch(l -> l.contains("term 2 of the 3-term sum"));
    assertThat(at(86, "note")).anyMatch(l -> l.contains("term 3 of the 3-term sum"));
  }

  @Test
  void warnsOfTheCapitalSAtEachUseWithoutCallingItFalse() {
    for (int line : new int[] {46, 73, 92, 101, 107, 114}) {
      assertThat(at(line, "error")).as("line " + line).isEmpty();
      assertThat(at(line, "warning")).as("line " + line).anyMatch(l -> l.contains("unknown symbol S_{t")
          && l.contains("nearest is s"));
    }
  }

  @Test
  void readsTheTrailingStateAsTheOuterProductInANote() {
    for (int line : new int[] {46, 73, 92, 101, 107, 114}) {
      assertThat(at(line, "note")).as("line " + line).anyMatch(l -> l.contains("read as an outer product"));
    }
    assertThat(at(114, "note")).anyMatch(l -> l.contains("s_{t-2}"));
  }

  @Test
  void reportsTheSigmoidBoundsLessThan() {
    assertThat(at(116, "error")).singleElement().asString()
        .contains(":116:217:").contains("\"less than 0.25\" is wrong").contains("1/4").contains("z = 0")
        .contains("at most 1/4");
  }

  @Test
  void reportsWhereTheOtherGradientFlows() {
    assertThat(at(48, "error")).singleElement().asString().contains(":48:48:")
        .contains("the gradient at s_{t}, not at s_{t+1}");
    assertThat(at(74, "note")).singleElement().asString().contains("the gradient at s_{t-1}");
  }

  @Test
  void notesAlignInsideDisplayDollarsAsMathJaxReadsIt() {
    assertThat(at(15, "error")).isEmpty();
    assertThat(at(15, "note")).singleElement().asString().contains("\\begin{align} inside $$").contains("aligned");
    assertThat(at(96, "note")).anyMatch(l -> l.contains("\\begin{align} inside $$"));
  }

  @Test
  void warnsAboutTheOtherNotationsNamesInProse() {
    assertThat(at(8, "warning")).hasSize(3).allMatch(l -> l.contains("cs231n spelling"));
  }

  @Test
  void findingsAreOnlyTheseKinds() {
    assertThat(lines.stream().filter(l -> l.contains(": error: "))).as("errors only for false claims")
        .hasSize(2).allMatch(l -> l.contains("less than 0.25") || l.contains("the chain below is the gradient at"));
  }

  @Test
  void theCorrectedCopyPasses() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"verify", CORRECTED}, new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(out.toString()).doesNotContain(": error: ").doesNotContain(": warning: ")
        .contains("the 3 written terms are the 3-term sum").contains(" 0 wrong, ").containsPattern(": \\d+ claims: 8 confirmed, ");
    assertThat(code).isZero();
  }

  @Test
  void jsonGivesTheSameFindings() throws Exception {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"verify", LESSON, "--format", "json"}, new PrintWriter(out),
        new PrintWriter(new StringWriter()));
    assertThat(code).isEqualTo(1);
    var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertThat(tree.get("findings").size()).isEqualTo(lines.size() - 1);
    assertThat(tree.get("findings").get(0).get("line").asInt()).isEqualTo(8);
    assertThat(tree.get("exitCode").asInt()).isEqualTo(1);
    assertThat(tree.get("claims")).as("every math span has an outcome").allMatch(c -> c.get("outcome").asText()
        .matches("confirmed|wrong|not judged") && !c.get("reason").asText().isEmpty());
    assertThat(tree.get("wrong").asInt()).isEqualTo(2);
  }
}
