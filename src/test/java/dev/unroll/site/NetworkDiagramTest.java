package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.LossKind;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Unroller;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkDiagramTest {
  static Derivation derivation(int steps, String wrt, LossKind loss) {
    return new Differentiator().derive(new Unroller().unroll(new CellLibrary().load("rnn"), steps), wrt, loss);
  }

  private static String name(NetworkDiagram d, int id) {
    NetworkDiagram.Box b = d.boxes().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    return b.symbol().name() + "_" + b.symbol().time().map(Time::spelled).orElse("");
  }

  private static List<String> hotArrows(NetworkDiagram d) {
    return d.arrows().stream().filter(NetworkDiagram.Arrow::hot)
        .map(a -> name(d, a.from()) + ">" + name(d, a.to()) + a.parameter().map(p -> "[" + p + "]").orElse(""))
        .sorted().toList();
  }

  @Test
  void threeStagesHaveSixValuesPerStageAndTheInitialState() {
    NetworkDiagram d = NetworkDiagram.of(derivation(3, "W", LossKind.LAST));
    assertThat(d.columns()).isEqualTo(4);
    assertThat(d.rows()).isEqualTo(6);
    Map<String, Long> perName = d.boxes().stream()
        .collect(Collectors.groupingBy(b -> b.symbol().name(), java.util.TreeMap::new, Collectors.counting()));
    assertThat(perName).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
        "x", 3L, "z", 3L, "s", 4L, "q", 3L, "o", 3L, "E", 3L)));
    assertThat(d.boxes()).filteredOn(b -> b.symbol().name().equals("s") && b.column() == 0)
        .singleElement().satisfies(b -> assertThat(b.symbol().time()).contains(Time.t(-2)));
  }

  @Test
  void arrowsCarryTheWeightMatrixTheyPass() {
    NetworkDiagram d = NetworkDiagram.of(derivation(2, "W", LossKind.LAST));
    List<String> all = d.arrows().stream()
        .map(a -> name(d, a.from()) + ">" + name(d, a.to()) + a.parameter().map(p -> "[" + p + "]").orElse(""))
        .sorted().toList();
    assertThat(all).containsExactly(
        "o_t+1>E_t+1", "o_t>E_t", "q_t+1>o_t+1", "q_t>o_t", "s_t+1>q_t+1[V]", "s_t-1>z_t[W]", "s_t>q_t[V]",
        "s_t>z_t+1[W]", "x_t+1>z_t+1[U]", "x_t>z_t[U]", "z_t+1>s_t+1", "z_t>s_t");
  }

  @Test
  void theLastLossToWLightsTheChainBackToTheInitialState() {
    assertThat(hotArrows(NetworkDiagram.of(derivation(3, "W", LossKind.LAST)))).containsExactly(
        "o_t+1>E_t+1", "q_t+1>o_t+1", "s_t+1>q_t+1[V]", "s_t-1>z_t[W]", "s_t-2>z_t-1[W]", "s_t>z_t+1[W]",
        "z_t+1>s_t+1", "z_t-1>s_t-1", "z_t>s_t");
  }

  @Test
  void theLastLossToVLightsOnlyTheNewestStage() {
    assertThat(hotArrows(NetworkDiagram.of(derivation(3, "V", LossKind.LAST))))
        .containsExactly("o_t+1>E_t+1", "q_t+1>o_t+1", "s_t+1>q_t+1[V]");
  }

  @Test
  void theTotalLossToULightsEveryInput() {
    assertThat(hotArrows(NetworkDiagram.of(derivation(2, "U", LossKind.TOTAL))))
        .contains("x_t+1>z_t+1[U]", "x_t>z_t[U]", "o_t>E_t", "s_t>z_t+1[W]");
  }

  @Test
  void aGraphWithoutDerivationHasNothingHot() {
    NetworkDiagram d = NetworkDiagram.of(new Unroller().unroll(new CellLibrary().load("rnn"), 3));
    assertThat(d.boxes()).noneMatch(NetworkDiagram.Box::hot);
    assertThat(d.arrows()).noneMatch(NetworkDiagram.Arrow::hot);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 8})
  void svgAndTikzAreTheSameBytesEveryTime(int steps) {
    Function<Integer, NetworkDiagram> make = n -> NetworkDiagram.of(derivation(n, "W", LossKind.TOTAL));
    assertThat(new DiagramSvg().svg(make.apply(steps))).isEqualTo(new DiagramSvg().svg(make.apply(steps)));
    assertThat(new DiagramPicture().picture(make.apply(steps))).isEqualTo(new DiagramPicture().picture(make.apply(steps)));
  }

  @Test
  void svgMarksTheHotPathAndSubscriptsTheTime() {
    String svg = new DiagramSvg().svg(NetworkDiagram.of(derivation(1, "V", LossKind.LAST)));
    assertThat(svg).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .contains("<tspan font-style=\"italic\">s</tspan><tspan font-size=\"12\" dy=\"4\">t+1</tspan>")
        .contains("marker-end=\"url(#arrow-hot)\"")
        .endsWith("</svg>\n");
  }

  @Test
  void thePictureNamesEveryNodeOnceAndLabelsMatrices() {
    NetworkDiagram diagram = NetworkDiagram.of(derivation(1, "W", LossKind.LAST));
    String picture = new DiagramPicture().picture(diagram);
    assertThat(picture).startsWith("\\setlength{\\unitlength}{" + DiagramPicture.UNIT + "}%\n\\begin{picture}(")
        .containsPattern("\\\\put\\([0-9.]+,[0-9.]+\\)\\{\\\\makebox\\[0pt]\\{(\\\\textcolor\\{red!70!black}\\{)?\\$W\\$")
        .doesNotContain("scale").doesNotContain("tikz").doesNotContain("-0.0")
        .endsWith("\\end{picture}\n");
    for (NetworkDiagram.Box b : diagram.boxes()) {
      if (!b.ellipsis()) {
        String label = "{\\makebox(0,0){$" + new dev.unroll.render.LatexWriter(dev.unroll.render.Notation.LESSON).write(b.symbol()) + "$}}";
        assertThat(picture.indexOf(label)).as(label).isPositive().isEqualTo(picture.lastIndexOf(label));
      }
    }
    // One arrow per arrow of the diagram, each ending in a head; the hot ones thick and red.
    assertThat(picture.split("\\\\Vector", -1)).hasSize(diagram.arrows().size() + 1);
    long hot = diagram.arrows().stream().filter(NetworkDiagram.Arrow::hot).count();
    assertThat(picture.split("\\\\put\\(0,0\\)\\{\\\\color\\{red!70!black}\\\\linethickness\\{1.2pt}", -1)).hasSize((int) hot + 1);
  }

  /**
   * The LSTM's input reaches each of its four gates by an arrow of its own: the gates that read the
   * same values stand side by side on one row, not stacked in one column where the arrows overlap.
   */
  @Test
  void theLstmsGatesStandSideBySideSoEachInputArrowIsSeparate() {
    var cell = new dev.unroll.cell.CellLibrary().load("lstm");
    NetworkDiagram d = NetworkDiagram.of(new dev.unroll.unroll.Unroller().unroll(cell, 2));
    java.util.Map<String, NetworkDiagram.Box> newest = new java.util.LinkedHashMap<>();
    d.boxes().stream().filter(b -> b.symbol().time().map(t -> t.offset() == 1).orElse(false))
        .forEach(b -> newest.put(b.symbol().name(), b));
    var gates = java.util.List.of("i", "f", "o", "g").stream().map(newest::get).toList();
    assertThat(gates).extracting(NetworkDiagram.Box::row).containsOnly(gates.get(0).row());
    assertThat(gates).extracting(NetworkDiagram.Box::column).doesNotHaveDuplicates();
    assertThat(newest.get("x").row()).isLessThan(gates.get(0).row());
    assertThat(newest.get("c").row()).isGreaterThan(gates.get(0).row());
    assertThat(newest.get("h").row()).isGreaterThan(newest.get("c").row());
    // No two boxes share a place.
    assertThat(d.boxes().stream().map(b -> b.column() + "," + b.row()).toList()).doesNotHaveDuplicates();
  }

  /**
   * A long network keeps its oldest and newest stages and draws the middle as one column of dots: the
   * state's chain runs into the dots and out of them, hot as the path it stands for, and no value of
   * the middle stages is drawn.
   */
  @Test
  void theMiddleOfALongNetworkIsElidedIntoOneColumnOfDots() {
    NetworkDiagram whole = NetworkDiagram.of(derivation(12, "W", LossKind.LAST));
    NetworkDiagram d = whole.elided(3, 3);
    assertThat(d.columns()).isEqualTo(3 + 1 + 3);
    assertThat(d.groups()).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(d.title()).endsWith("; the stages t-8 to t-2 drawn as dots");
    List<NetworkDiagram.Box> dots = d.boxes().stream().filter(NetworkDiagram.Box::ellipsis).toList();
    assertThat(dots).extracting(NetworkDiagram.Box::column).containsOnly(3);
    assertThat(dots).extracting(NetworkDiagram.Box::row).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    assertThat(d.boxes().stream().filter(b -> !b.ellipsis()).map(b -> b.symbol().time().get().offset()))
        .allMatch(t -> t <= -9 || t >= -1);
    int sDots = dots.stream().filter(b -> b.row() == 2).findFirst().orElseThrow().id();
    int zDots = dots.stream().filter(b -> b.row() == 1).findFirst().orElseThrow().id();
    // s_{t-9} runs into the dots of its own row, and the dots' state reaches z_{t-1} through W.
    assertThat(d.arrows()).anyMatch(a -> a.to() == sDots && name(whole, a.from()).equals("s_t-9") && a.hot());
    assertThat(d.arrows()).anyMatch(a -> a.from() == sDots && a.parameter().equals(java.util.Optional.of("W")) && a.hot()
        && name(whole, a.to()).equals("z_t-1"));
    assertThat(d.arrows()).noneMatch(a -> a.from() < 0 && a.to() < 0);
    assertThat(d.arrows()).noneMatch(a -> a.to() == zDots);
    // Too few stages to elide two: unchanged.
    NetworkDiagram short3 = NetworkDiagram.of(derivation(3, "W", LossKind.LAST));
    assertThat(short3.elided(1, 2)).isSameAs(short3);
  }

  /** The SVG of every cell at every length fits the site's column, so no page shrinks its labels. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"rnn,1", "rnn,6", "rnn,12", "rnn,200", "lstm,1", "lstm,2", "lstm,12", "gru,4", "gru,12"})
  void everyPictureFitsTheColumn(String cell, int steps) {
    var graph = new Unroller().unroll(new CellLibrary().load(cell), steps);
    String svg = new DiagramSvg().svg(NetworkDiagram.of(graph));
    assertThat(DiagramSvg.crowded(NetworkDiagram.of(graph))).as("labels that found no clear place").isZero();
    int width = Integer.parseInt(svg.replaceAll("(?s).*?<svg [^>]*? width=\"(\\d+)\".*", "$1"));
    assertThat(width).isLessThanOrEqualTo(DiagramSvg.MAX_WIDTH);
    assertThat(svg).contains("font-size=\"16\"").doesNotContain("font-size=\"11\"");
  }
}
