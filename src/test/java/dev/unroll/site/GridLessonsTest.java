package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.ExternalTools;
import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import dev.unroll.pipeline.Pipeline;
import dev.unroll.pipeline.Pipelines;
import dev.unroll.render.PlotReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lesson of the default site grid (site.properties: rnn, lstm, gru; W, U, V; tanh, sigmoid; last and
 * total; N = 1 .. 8), made by the real pipeline, read sentence by sentence: each sentence that states a
 * count, a parameter, a loss or a comparison is held against the data it came from (the spec, the
 * derivation, the plotted numbers in the .tex); and pandoc's two Markdown readers find the same headings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridLessonsTest {
  private final List<Lesson> lessons = new ArrayList<>();

  @TempDir
  Path dir;

  @BeforeAll
  void generate() {
    Pipeline pipeline = Pipelines.standard(Optional.empty());
    for (LessonSpec spec : new SiteGrid(SiteConfig.defaults()).specs()) {
      lessons.add(pipeline.lesson(spec));
    }
    assertThat(lessons).hasSize(128);
  }

  @Test
  void everyCountParameterAndLossIsTheLessonsOwn() {
    for (Lesson l : lessons) {
      LessonSpec s = l.spec();
      String md = l.markdown();
      String name = s.slug();
      boolean total = s.loss() == LossKind.TOTAL;
      assertThat(md).as(name).startsWith("# ").contains(": " + s.steps() + (s.steps() == 1 ? " stage\n" : " stages\n"));
      String param = Pattern.quote(tex(s.wrt()));
      assertThat(md).as(name).containsPattern("derives (how the gradient of )?\\$?.*"
          + (total ? "the total loss \\$E\\$, summed over every stage" : "the loss \\$E_\\{t\\+1\\}\\$ of the newest stage"));
      assertThat(md).as(name).containsPattern("\\\\partial E(_\\{t\\+1\\})?\\}\\{\\\\partial " + param + "\\}");
      assertThat(md).as(name).endsWith("\n```sh\n./unroll lesson --cell " + s.cell() + " --steps " + s.steps() + " --wrt "
          + s.wrt() + (s.activation().isEmpty() ? "" : " --activation " + s.activation()) + " --loss " + s.loss().spelled()
          + "\n```\n");
      checked(l);
      if (s.cell().equals("rnn")) {
        rnn(l);
      } else {
        gated(l);
      }
    }
  }

  /** The RNN lesson's sum, its decay section and its measured numbers. */
  private void rnn(Lesson l) {
    LessonSpec s = l.spec();
    String md = l.markdown();
    String name = s.slug();
    int terms = l.derivation().terms().size();
    assertThat(md).as(name).contains("the gradient, " + terms + (terms == 1 ? " term in all" : " terms in all"));
    assertThat(md).as(name + ": no lesson of the plain RNN has several routes per stage")
        .doesNotContain("more than one route per stage");
    boolean total = s.loss() == LossKind.TOTAL;
    if (s.wrt().equals("V")) {
      assertThat(md).as(name).contains("The gradient of $V$ carries no product of Jacobians: "
          + (terms == 1 ? "its single term is" : "each of its " + terms + " terms is"));
      assertThat(l.attachments()).as(name + ": nothing to measure").isEmpty();
      return;
    }
    assertThat(md.contains("With one stage, the single term of")).as(name).isEqualTo(s.steps() == 1);
    assertThat(md.contains("groups, one for each stage's loss")).as(name).isEqualTo(total && s.steps() > 1);
    assertThat(md.contains("adds the error of the stage's own loss")).as(name).isEqualTo(total && s.steps() > 1);
    int measured = s.steps() < 10 ? 20 : s.steps();
    assertThat(md).as(name).contains(s.steps() == 1 ? "This lesson's single stage is too few to show a trend"
        : "This lesson's " + s.steps() + " stages are too few to show a trend");
    assertThat(md).as(name).contains("unrolled over " + measured + " stages instead")
        .contains("\\frac{\\partial " + (total ? "E" : "E_{t+1}") + "}{\\partial " + tex(s.wrt()) + "}$, unrolled")
        .contains("over the " + (total ? measured * (measured + 1) / 2 : measured) + " terms");
    // Each bullet against the plotted numbers of its setting.
    Matcher bullet = Pattern.compile("\\* \\$\\\\sigma_\\{\\\\max\\}\\\\left\\(W\\\\right\\) = \\\\frac\\{([0-9.]+)\\}\\{\\\\gamma\\}"
        + ".*?the product of the (\\d+) factors carried by the oldest term has spectral norm \\$([^$]+)\\$, against a bound of "
        + "\\$([^$]+)\\$; (every|NOT every) product lies under its bound\\. The whole gradient's norm is \\$([^$]+)\\$, "
        + "(clipped to \\$([^$]+)\\$ at threshold \\$([^$]+)\\$|under the clipping threshold \\$([^$]+)\\$, so clipping leaves it alone)\\.")
        .matcher(md);
    int rows = 0;
    while (bullet.find()) {
      rows++;
      String setting = bullet.group(1);
      assertThat(Integer.parseInt(bullet.group(2))).as(name).isEqualTo(measured - 1);
      double[] spectral = series(l.latex(), "measured, " + setting + "/gamma");
      double[] bound = series(l.latex(), "bound, " + setting + "/gamma");
      assertThat(spectral).as(name).hasSize(measured);
      assertThat(number(bullet.group(3))).as(name + " oldest").isCloseTo(spectral[measured - 1],
          org.assertj.core.data.Percentage.withPercentage(6));
      assertThat(number(bullet.group(4))).as(name + " bound").isCloseTo(bound[measured - 1],
          org.assertj.core.data.Percentage.withPercentage(6));
      boolean under = true;
      for (int j = 0; j < measured; j++) {
        under &= spectral[j] <= bound[j] * (1 + 1e-6);
      }
      assertThat(bullet.group(5).equals("every")).as(name + " every product under its bound").isEqualTo(under);
      double norm = number(bullet.group(6));
      if (bullet.group(8) != null) {
        assertThat(norm).as(name + " clipped").isGreaterThan(number(bullet.group(9)));
        assertThat(number(bullet.group(8))).isEqualTo(number(bullet.group(9)));
      } else {
        assertThat(norm).as(name + " not clipped").isLessThanOrEqualTo(number(bullet.group(10)));
      }
    }
    assertThat(rows).as(name + ": one bullet per setting").isEqualTo(3);
  }

  /**
   * A gated lesson's measured section: every sentence under "What these numbers show" is matched, and
   * each number and each comparison in it recomputed here from the norms the lesson plots (the series
   * of its .tex), as is every row of its table. A sentence no pattern knows fails the test, so a new
   * finding cannot go unchecked.
   */
  private void gated(Lesson l) {
    String name = l.spec().slug();
    String md = l.markdown();
    String cell = l.spec().cell().toUpperCase(java.util.Locale.ROOT);
    int start = md.indexOf("What these numbers show:");
    assertThat(start).as(name + " has measured findings").isPositive();
    String section = md.substring(start, md.indexOf("\n## ", start));
    List<String> sentences = section.lines().filter(x -> x.startsWith("* ")).map(x -> x.substring(2)).toList();
    assertThat(sentences).as(name).isNotEmpty();
    double[] rnn = series(l.latex(), "RNN, state s");
    int last = rnn.length - 1;
    assertThat(md).as(name).contains("over " + rnn.length + " stages, the last loss");
    double rPlain = rnn[last] / rnn[0];
    Pattern rnnSentence = Pattern.compile("Over (\\d+) stages back, the plain RNN's gradient norm changed by a factor of \\$([^$]+)\\$\\.");
    Pattern gru = Pattern.compile("The (\\w+)'s gradient norm changed by a factor of \\$([^$]+)\\$ over the same distance, "
        + "(less decay than|no less decay than) the RNN's\\.");
    Pattern along = Pattern.compile("Along the path of \\$(\\w)\\$ alone, with \\$b_\\{(\\w)\\} = 0\\$ the gate \\$(\\w)\\$ averaged "
        + "\\$([0-9.]+)\\$ and the norm changed by a factor of \\$([^$]+)\\$; with \\$b_\\{\\w\\} = ([0-9.]+)\\$ the gate averaged "
        + "\\$([0-9.]+)\\$ and the norm changed by a factor of \\$([^$]+)\\$\\.");
    Pattern kept = Pattern.compile("With \\$\\w\\$ near 1 the path of \\$\\w\\$ kept \\$([^$]+)\\$ times more of the gradient than "
        + "the RNN's state did over the same distance\\.");
    Pattern share = Pattern.compile("At the largest distance the full gradient, which adds the paths through the hidden state and the "
        + "gates, is \\$([^$]+)\\$ times the path-only share with \\$b_\\{\\w\\} = 0\\$ and \\$([^$]+)\\$ times it with "
        + "\\$b_\\{\\w\\} = [0-9.]+\\$; (the path of \\$\\w\\$ carries most of what reaches back|the other paths matter for how "
        + "much reaches back, so the product of the gates alone does not tell the whole story)\\.");
    double[] closed = null;
    double[] open = null;
    double[] fullClosed = null;
    double[] fullOpen = null;
    if (l.latex().contains("path only, ")) {
      Matcher legend = Pattern.compile("\n% " + cell + ", (\\w) path only, (\\w+) = 0\n").matcher(l.latex());
      assertThat(legend.find()).as(name + ": the plot has the path-only line").isTrue();
      String m = legend.group(1);
      String b = legend.group(2);
      // The other setting's line: the path-only legend whose bias is not 0.
      Matcher openLegend = Pattern.compile("\n% " + cell + ", " + m + " path only, " + b + " = ([0-9.]*[1-9][0-9.]*)\n")
          .matcher(l.latex());
      assertThat(openLegend.find()).as(name).isTrue();
      String o = openLegend.group(1);
      closed = series(l.latex(), cell + ", " + m + " path only, " + b + " = 0");
      open = series(l.latex(), cell + ", " + m + " path only, " + b + " = " + o);
      fullClosed = series(l.latex(), cell + ", all paths to " + m + ", " + b + " = 0");
      fullOpen = series(l.latex(), cell + ", all paths to " + m + ", " + b + " = " + o);
    }
    for (String sentence : sentences) {
      Matcher x;
      if ((x = rnnSentence.matcher(sentence)).matches()) {
        assertThat(Integer.parseInt(x.group(1))).as(name).isEqualTo(last);
        assertThat(number(x.group(2))).as(name + ": " + sentence).isCloseTo(rPlain, org.assertj.core.data.Percentage.withPercentage(6));
      } else if ((x = gru.matcher(sentence)).matches()) {
        assertThat(x.group(1)).as(name).isEqualTo(cell);
        double[] own = series(l.latex(), cell + ", state h");
        double r = own[last] / own[0];
        assertThat(number(x.group(2))).as(name + ": " + sentence).isCloseTo(r, org.assertj.core.data.Percentage.withPercentage(6));
        assertThat(x.group(3)).as(name + ": " + sentence).isEqualTo(r > rPlain ? "less decay than" : "no less decay than");
      } else if ((x = along.matcher(sentence)).matches()) {
        assertThat(closed).as(name + ": a path-only claim needs a path-only line").isNotNull();
        // The gate's entries are sigmoids: between 0 and 1, and opened by the larger bias.
        double meanClosed = Double.parseDouble(x.group(4));
        double meanOpen = Double.parseDouble(x.group(7));
        assertThat(meanClosed).as(name).isStrictlyBetween(0.0, 1.0);
        assertThat(meanOpen).as(name).isStrictlyBetween(meanClosed, 1.0);
        // Along the gate's path each stage multiplies by the gate's entries, so the norm cannot grow.
        for (int j = 1; j <= last; j++) {
          assertThat(closed[j]).as(name + " path-only norm at " + j).isLessThanOrEqualTo(closed[j - 1] * (1 + 1e-6));
          assertThat(open[j]).as(name + " path-only norm at " + j).isLessThanOrEqualTo(open[j - 1] * (1 + 1e-6));
        }
        assertThat(number(x.group(5))).as(name + ": " + sentence).isCloseTo(closed[last] / closed[0],
            org.assertj.core.data.Percentage.withPercentage(6));
        assertThat(number(x.group(8))).as(name + ": " + sentence).isCloseTo(open[last] / open[0],
            org.assertj.core.data.Percentage.withPercentage(6));
      } else if (sentence.startsWith("In both settings the term still decays")) {
        assertThat(closed[last] < closed[0] && open[last] < open[0]).as(name + ": " + sentence).isTrue();
      } else if (sentence.startsWith("In at least one setting the term along")) {
        assertThat(closed[last] < closed[0] && open[last] < open[0]).as(name + ": " + sentence).isFalse();
      } else if (sentence.matches("Holding \\$\\w\\$ near 1 made it decay (far )?more slowly, at the rate of \\$\\w\\$ itself\\.")) {
        double rClosed = closed[last] / closed[0];
        double rOpen = open[last] / open[0];
        assertThat(rOpen).as(name + ": " + sentence).isGreaterThan(rClosed);
        assertThat(sentence.contains("far more")).as(name + ": 'far' means a hundredfold: " + sentence).isEqualTo(rOpen > 100 * rClosed);
      } else if (sentence.startsWith("On these weights, holding")) {
        assertThat(open[last] / open[0]).as(name + ": " + sentence).isLessThanOrEqualTo(closed[last] / closed[0]);
      } else if ((x = kept.matcher(sentence)).matches()) {
        double ratio = (open[last] / open[0]) / rPlain;
        assertThat(ratio).as(name + ": " + sentence).isGreaterThan(1);
        assertThat(number(x.group(1))).as(name + ": " + sentence).isCloseTo(ratio, org.assertj.core.data.Percentage.withPercentage(6));
      } else if (sentence.startsWith("On these weights the path of")) {
        assertThat((open[last] / open[0]) / rPlain).as(name + ": " + sentence).isLessThanOrEqualTo(1);
      } else if ((x = share.matcher(sentence)).matches()) {
        double c = fullClosed[last] / closed[last];
        double o = fullOpen[last] / open[last];
        assertThat(number(x.group(1))).as(name + ": " + sentence).isCloseTo(c, org.assertj.core.data.Percentage.withPercentage(6));
        assertThat(number(x.group(2))).as(name + ": " + sentence).isCloseTo(o, org.assertj.core.data.Percentage.withPercentage(6));
        // "Carries most" only when the full gradient is within a factor of two of the path's share in both settings.
        boolean most = c > 0.5 && c < 2 && o > 0.5 && o < 2;
        assertThat(x.group(3).startsWith("the path of")).as(name + ": " + sentence).isEqualTo(most);
      } else {
        throw new AssertionError(name + ": a finding this test does not check: " + sentence);
      }
    }
    // The table's rows are the plotted norms at their distances.
    Matcher row = Pattern.compile("^\\| (\\d+) \\| \\$([^$]+)\\$ \\|", Pattern.MULTILINE).matcher(md);
    int rows = 0;
    while (row.find()) {
      int j = Integer.parseInt(row.group(1));
      assertThat(number(row.group(2))).as(name + " table row " + j).isCloseTo(rnn[j], org.assertj.core.data.Percentage.withPercentage(6));
      rows++;
    }
    assertThat(rows).as(name + ": the table has rows").isPositive();
  }

  /** The Checked section's stages, parameter and loss against the spec. */
  private void checked(Lesson l) {
    LessonSpec s = l.spec();
    String md = l.markdown();
    String name = s.slug();
    String checked = md.substring(md.indexOf("## Checked"));
    assertThat(checked).as(name).contains(s.steps() == 1 ? "over the lesson's one stage"
        : "over all " + s.steps() + " of the lesson's stages").contains(" and the " + s.loss().spelled() + " loss, ")
        .doesNotContain("Symja").doesNotContain("FAILED");
    Matcher symbolic = Pattern.compile("the (\\w+) loss was differentiated with respect to each of the (\\d+) entries of "
        + "\\$([^$]+)\\$ by a route that shares nothing with the lesson's backward walk: forward through the network "
        + "unrolled over \\$N = (\\d+)\\$ stages?").matcher(checked);
    if (symbolic.find()) {
      assertThat(symbolic.group(3)).as(name).isEqualTo(tex(s.wrt()));
      assertThat(symbolic.group(1)).as(name).isEqualTo(s.loss().spelled());
      int n = Integer.parseInt(symbolic.group(4));
      boolean gated = s.cell().equals("lstm") || s.cell().equals("gru");
      assertThat(n).as(name + ": the symbolic check runs at the lesson's own N up to its limit")
          .isEqualTo(Math.min(s.steps(), gated ? dev.unroll.pipeline.Pipelines.GATED_SYMBOLIC_STEPS
              : dev.unroll.pipeline.Pipelines.SYMBOLIC_STEPS));
      assertThat(checked.contains("It ran at this lesson's own")).as(name).isEqualTo(n == s.steps());
    } else {
      throw new AssertionError(name + " states no symbolic check");
    }
  }

  @Test
  void pandocsMarkdownAndGfmReadersFindTheSameHeadingsInEveryLesson() throws Exception {
    ExternalTools.require("pandoc");
    // One pandoc run per reader over all 128 lessons (256 runs took two minutes), each lesson after a
    // boundary heading of its own: a lesson that leaves a fence or a display open swallows the next
    // boundary, and the boundaries found then differ from the lessons written.
    StringBuilder all = new StringBuilder();
    for (Lesson l : lessons) {
      all.append("\n\n# ").append(BOUNDARY).append(l.spec().slug()).append("\n\n").append(l.markdown());
    }
    Path md = dir.resolve("all-lessons.md");
    Files.writeString(md, all.toString(), StandardCharsets.UTF_8);
    CompletableFuture<List<String>> gfmRun = CompletableFuture.supplyAsync(() -> headings(md, "gfm"));
    Map<String, List<String>> pandoc = perLesson(headings(md, "markdown"));
    Map<String, List<String>> gfm = perLesson(gfmRun.join());
    List<String> slugs = lessons.stream().map(l -> l.spec().slug()).toList();
    assertThat(pandoc.keySet()).containsExactlyElementsOf(slugs);
    assertThat(gfm.keySet()).containsExactlyElementsOf(slugs);
    for (Lesson l : lessons) {
      String slug = l.spec().slug();
      List<String> written = l.markdown().lines().filter(x -> x.matches("#{1,6} .*")).toList();
      assertThat(pandoc.get(slug)).as(slug).hasSize(written.size()).isEqualTo(gfm.get(slug));
      int level = 0;
      for (String h : written) {
        int next = h.indexOf(' ');
        assertThat(next).as(slug + ": " + h + " comes in order").isLessThanOrEqualTo(level + 1);
        level = next;
      }
    }
  }

  private static final String BOUNDARY = "lesson-boundary-";

  /** Headings ("level:text") split at the boundary headings, by the slug each boundary names. */
  private static Map<String, List<String>> perLesson(List<String> headings) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    for (String h : headings) {
      if (h.startsWith("1:" + BOUNDARY)) {
        current = new ArrayList<>();
        out.put(h.substring(("1:" + BOUNDARY).length()), current);
      } else {
        assertThat(current).as("a heading before the first lesson: " + h).isNotNull();
        current.add(h);
      }
    }
    return out;
  }

  /** Compiled by default: the smallest and largest of each kind; {@code -Dlessons.latex=all} compiles all 128. */
  private static final List<String> LATEX_SAMPLE = List.of("rnn-tanh-W-last-3", "rnn-sigmoid-V-total-1",
      "rnn-tanh-U-total-8", "rnn-sigmoid-W-last-8", "lstm-Uf-total-8", "gru-Uz-last-3");

  /**
   * Every .tex (as {@code unroll lesson} writes it, picture included) compiles with no box more than 5 pt
   * too wide or too high, shrinks nothing with resizebox, and its PDF's text holds the exact command.
   */
  @Test
  void everyLessonPrintsWithNothingOverfullOrShrunkAndACopyableCommand() throws Exception {
    ExternalTools.require("pdflatex");
    ExternalTools.require("pdftotext");
    boolean all = "all".equals(System.getProperty("lessons.latex"));
    int compiled = 0;
    for (Lesson l : lessons) {
      String slug = l.spec().slug();
      if (!all && !LATEX_SAMPLE.contains(slug)) {
        continue;
      }
      String tex = DiagramPicture.inDocument(l.latex(), new DiagramPicture().picture(NetworkDiagram.of(l)));
      assertThat(tex).as(slug).doesNotContain("\\resizebox").contains("\\begin{picture}(").contains(")% the unrolled network\n");
      Path file = dir.resolve(slug + ".tex");
      Files.writeString(file, tex, StandardCharsets.UTF_8);
      ExternalTools.Run run = ExternalTools.run(dir, 300, "pdflatex", "-halt-on-error", "-interaction=nonstopmode",
          file.getFileName().toString());
      assertThat(run.exitCode()).as(slug + "\n" + run.output()).isZero();
      String log = Files.readString(dir.resolve(slug + ".log"), StandardCharsets.ISO_8859_1);
      Matcher overfull = Pattern.compile("Overfull \\\\[hv]box \\(([0-9.]+)pt too (wide|high)").matcher(log);
      while (overfull.find()) {
        assertThat(Double.parseDouble(overfull.group(1))).as(slug + ": " + overfull.group()).isLessThanOrEqualTo(5);
      }
      ExternalTools.Run text = ExternalTools.run(dir, 60, "pdftotext", slug + ".pdf", "-");
      String command = "./unroll lesson --cell " + l.spec().cell() + " --steps " + l.spec().steps() + " --wrt " + l.spec().wrt()
          + (l.spec().activation().isEmpty() ? "" : " --activation " + l.spec().activation()) + " --loss "
          + l.spec().loss().spelled();
      assertThat(text.output()).as(slug).contains(command);
      compiled++;
    }
    assertThat(compiled).isEqualTo(all ? 128 : LATEX_SAMPLE.size());
  }

  /**
   * The headings a pandoc reader finds, as "level:text", mathematics as {@code $...$} (the Markdown reader
   * reads it as math, GitHub's as text: the same heading either way).
   */
  private List<String> headings(Path md, String reader) {
    com.fasterxml.jackson.databind.JsonNode ast;
    try {
      Path json = dir.resolve(md.getFileName() + "." + reader + ".json");
      ExternalTools.Run run = ExternalTools.run(dir, 300, "pandoc", "-f", reader, "-t", "json", "-o", json.toString(),
          md.toString());
      assertThat(run.exitCode()).as(run.output()).isZero();
      ast = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    List<String> out = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode block : ast.get("blocks")) {
      if (block.get("t").asText().equals("Header")) {
        StringBuilder text = new StringBuilder();
        block.get("c").get(2).forEach(inline -> text.append(inline.path("t").asText().equals("Space") ? " "
            : inline.path("t").asText().equals("Math") ? "$" + inline.get("c").get(1).asText() + "$"
            : inline.path("c").asText()));
        out.add(block.get("c").get(0).asInt() + ":" + text);
      }
    }
    return out;
  }

  /** The y values the .tex's plot draws for a line, by its legend entry, read back from the picture. */
  private static double[] series(String latex, String legend) {
    return PlotReading.of(latex).ys(legend);
  }

  /** A number as the lessons typeset it: {@code 0.1198}, {@code 3.1 \times 10^{-20}}, {@code 10^{-6}}. */
  static double number(String tex) {
    Matcher m = Pattern.compile("(?:([0-9.]+) \\\\times )?10\\^\\{(-?\\d+)\\}").matcher(tex.strip());
    if (m.matches()) {
      return (m.group(1) == null ? 1 : Double.parseDouble(m.group(1))) * Math.pow(10, Integer.parseInt(m.group(2)));
    }
    return Double.parseDouble(tex.strip());
  }

  private static String tex(String parameter) {
    return parameter.length() == 1 ? parameter : parameter.charAt(0) + "_{" + parameter.substring(1) + "}";
  }
}
