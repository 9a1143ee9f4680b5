package dev.unroll.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default lesson reproduces the reference lesson's derivation equation for equation: the
 * network's equations, every formula of the three time-step bullets in order, and the final sum.
 * Equal after normalising whitespace, {@code \small}/{@code \large}, the product dot, operator-name
 * spelling ({@code tanh} vs {@code \tanh}) and {@code align} vs {@code aligned}, with lower-case s in
 * place of the reference's capital S (bptt-math.md lists that as one of its slips).
 */
class ReferenceLessonTest {
  private static List<String> reference;
  private static List<String> ours;

  @BeforeAll
  static void render() throws IOException {
    reference = referenceBlocks();
    ours = displayBlocks(Lessons.reference().markdown());
  }

  @Test
  void theNetworksEquationsComeFirstAndMatchRowByRow() {
    List<String> refRows = rows(reference.get(0));
    List<String> ourRows = rows(ours.get(0));
    assertThat(refRows).hasSize(4);
    assertThat(ourRows.subList(0, 4)).isEqualTo(refRows);
    assertThat(ourRows.get(4)).as("ours also defines the loss, which the reference never does").startsWith("E_{t}&=");
  }

  @Test
  void everyFormulaOfTheThreeTimeStepBulletsAppearsInOrder() {
    List<String> bullets = reference.subList(1, reference.size() - 1);
    assertThat(bullets).hasSize(9);
    int from = 1;
    for (String formula : bullets) {
      int found = -1;
      for (int i = from; i < ours.size(); i++) {
        if (ours.get(i).equals(formula)) {
          found = i;
          break;
        }
      }
      assertThat(found).as("the reference formula %s, after block %d of ours", formula, from).isPositive();
      from = found + 1;
    }
  }

  @Test
  void theFinalSumIsTheThreeTermSum() {
    String finalSum = reference.get(reference.size() - 1);
    assertThat(ours).contains(finalSum);
    assertThat(finalSum.split("&\\+", -1)).hasSize(3);
  }

  @Test
  void theComparisonWouldCatchAWrongIndex() {
    String wrong = reference.get(4).replace("s_{t+1}", "s_{t}");
    assertThat(ours).doesNotContain(wrong);
  }

  private static List<String> referenceBlocks() throws IOException {
    try (InputStream in = ReferenceLessonTest.class.getResourceAsStream("/reference/reference-equations.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> blocks = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : text.split("\n")) {
        if (line.startsWith("#")) {
          continue;
        }
        if (line.equals("----")) {
          blocks.add(normalise(current.toString()));
          current.setLength(0);
        } else {
          current.append(line).append('\n');
        }
      }
      return blocks;
    }
  }

  static List<String> displayBlocks(String markdown) {
    Matcher m = Pattern.compile("\\$\\$(.*?)\\$\\$", Pattern.DOTALL).matcher(markdown);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(normalise(m.group(1)));
    }
    return out;
  }

  /** The normalisation the issue allows, and nothing more. */
  static String normalise(String tex) {
    String s = tex.replace("\\small", "").replace("\\large", "");
    s = s.replace("\\begin{align}", "\\begin{aligned}").replace("\\end{align}", "\\end{aligned}");
    s = s.replace("\\tanh", "tanh").replace("\\operatorname{softmax}", "softmax");
    s = s.replaceAll("\\s+", "");
    s = s.replace("\\cdot", ".");
    s = s.replaceAll("S_\\{", "s_{");
    s = s.replace("\\\\\\end{aligned}", "\\end{aligned}");
    return s;
  }

  private static List<String> rows(String aligned) {
    String body = aligned.replace("\\begin{aligned}", "").replace("\\end{aligned}", "");
    return Arrays.asList(body.split("\\\\\\\\"));
  }
}
