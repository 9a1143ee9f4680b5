package dev.unroll.site;

import dev.unroll.derive.Derivation;
import dev.unroll.expr.Expr;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.Notation;
import java.util.Locale;

/**
 * Draws a {@link NetworkDiagram} for the LaTeX version of a lesson, in LaTeX's own {@code picture}
 * environment with the pict2e package (lines of any slope, circles of any size) and xcolor: the same
 * grid, labels and highlighted paths as {@link DiagramSvg}, from its very layout (positions, routes,
 * label places), with the labels typeset by TeX at the body size. A long network has its middle stages
 * elided as in the SVG, so the picture fits the text width unscaled.
 *
 * <p>Why not TikZ: pdflatex spends most of a lesson's compile in TikZ's parsing of a picture's
 * paths and styles. The same drawing as a TikZ picture cost 1.35 G instructions of a lesson's 3.7 G
 * (callgrind, {@code src/bench/lesson-plot-cost.md}); in {@code picture} mode it costs almost nothing,
 * which is what lets the site compile a PDF for every lesson of its grid in its time budget. The
 * commands are plain LaTeX, so a teacher can still move a node or recolour a path by hand.
 */
public final class DiagramPicture {
  private final LatexWriter latex;

  /** Labels in the lesson's own notation. */
  public DiagramPicture() {
    this(Notation.LESSON);
  }

  public DiagramPicture(Notation notation) {
    this.latex = new LatexWriter(notation);
  }

  /** The picture of a derivation's network with its gradient paths marked. */
  public String picture(Derivation derivation) {
    return picture(NetworkDiagram.of(derivation));
  }

  /**
   * The picture's unit: a pixel of {@link DiagramSvg}'s layout as 11/16 pt, so that the SVG's 16-pixel
   * labels come out at the lesson's 11 pt body size and its widest picture (680 px) at 16.4 cm, inside
   * the text width of an article with 2 cm margins.
   */
  static final String UNIT = "0.6875pt";

  /** What marks a path the gradient takes: its arrows and values drawn thick in this colour. */
  private static final String HOT = "red!70!black";

  public String picture(NetworkDiagram whole) {
    DiagramSvg.Drawing dr = DiagramSvg.layout(whole);
    NetworkDiagram d = dr.diagram();
    int height = dr.height();
    StringBuilder out = new StringBuilder(8192);
    // The SVG's y grows downwards, the picture's upwards: y becomes height - y. The picture's box is what
    // it draws, not the SVG's canvas with its margins, so that the centred picture sits in the middle.
    double[] box = bounds(dr);
    out.append("\\setlength{\\unitlength}{").append(UNIT).append("}%\n")
        .append("\\begin{picture}(").append(num(box[2] - box[0])).append(',').append(num(box[3] - box[1])).append(")(")
        .append(num(box[0])).append(',').append(num(box[1])).append(")% the unrolled network\n")
        .append("\\linethickness{0.4pt}%\n");
    for (int i = 0; i < d.arrows().size(); i++) {
      NetworkDiagram.Arrow a = d.arrows().get(i);
      DiagramSvg.Route r = dr.routes().get(i);
      out.append("\\put(0,0){").append(a.hot() ? "\\color{" + HOT + "}\\linethickness{1.2pt}" : "\\color{black!60}");
      if (r.curved()) {
        // The SVG's quadratic curve as it is, then a head along its last tangent.
        double dx = r.x2() - r.cx();
        double dy = r.y2() - r.cy();
        double len = Math.hypot(dx, dy);
        out.append("\\qbezier").append(point(r.x1(), r.y1(), height)).append(point(r.cx(), r.cy(), height))
            .append(point(r.x2(), r.y2(), height))
            .append("\\Vector").append(point(r.x2() - dx / len, r.y2() - dy / len, height)).append(point(r.x2(), r.y2(), height));
      } else {
        out.append("\\Vector").append(point(r.x1(), r.y1(), height)).append(point(r.x2(), r.y2(), height));
      }
      out.append("}\n");
    }
    for (NetworkDiagram.Box b : d.boxes()) {
      String at = "\\put" + point(dr.x(b), dr.y(b), height);
      if (b.ellipsis()) {
        out.append(at).append("{\\makebox(0,0){$\\cdots$}}\n");
      } else {
        String diameter = Integer.toString(2 * DiagramSvg.RADIUS);
        out.append(at).append("{\\color{").append(b.hot() ? "red!8" : "white").append("}\\circle*{").append(diameter).append("}}")
            .append(at).append("{\\color{").append(b.hot() ? HOT + "}\\linethickness{1.2pt}" : "black!80}")
            .append("\\circle{").append(diameter).append("}}")
            .append(at).append("{\\makebox(0,0){$").append(label(b.symbol())).append("$}}\n");
      }
    }
    for (int i = 0; i < d.arrows().size(); i++) {
      NetworkDiagram.Arrow a = d.arrows().get(i);
      if (dr.labels().get(i).isPresent()) {
        LabelPlaces.Place p = dr.labels().get(i).get();
        // A zero-width box centred on x, its baseline on the label's baseline.
        String weight = "$" + label(Expr.Symbol.param(a.parameter().get())) + "$";
        out.append("\\put").append(point(p.x(), p.baseline(), height)).append("{\\makebox[0pt]{")
            .append(a.hot() ? "\\textcolor{" + HOT + "}{" + weight + "}" : weight).append("}}\n");
      }
    }
    out.append("\\end{picture}\n");
    return out.toString();
  }

  /**
   * A lesson's LaTeX document with the network's picture after the title, unless it already draws
   * one or is not a whole document; adds the packages the picture needs if the preamble lacks them.
   */
  public static String inDocument(String latex, String picture) {
    int begin = latex.indexOf("\\begin{document}");
    // A picture of its own is any picture that is not a plot's (the lessons draw their plots as pictures too).
    int pictures = count(latex, "\\begin{picture}") + count(latex, "\\begin{tikzpicture}");
    if (begin < 0 || pictures > count(latex, PLOT_MARK)) {
      return latex;
    }
    String preamble = latex.substring(0, begin);
    String body = latex.substring(begin);
    for (String pkg : new String[] {"xcolor", "pict2e"}) {
      if (!preamble.matches("(?s).*\\\\usepackage(\\[[^]]*])?\\{[^}]*\\b" + pkg + "\\b[^}]*}.*")) {
        preamble = preamble + "\\usepackage{" + pkg + "}\n";
      }
    }
    String anchor = body.contains("\\maketitle") ? "\\maketitle" : "\\begin{document}";
    int at = body.indexOf(anchor) + anchor.length();
    String figure = "\n\\begin{center}\n" + picture + "\\end{center}\n";
    return preamble + body.substring(0, at) + figure + body.substring(at);
  }

  /** The comment that ends the first line of every plot the lesson layout draws (templates/latex/lesson.tex.ftl). */
  static final String PLOT_MARK = "% a log-scale plot";

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  /** How far a weight's label reaches from its place: half its width, above and below its baseline (the SVG's pixels). */
  private static final double LABEL_HALF_WIDTH = 8;
  private static final double LABEL_ASCENT = 12;
  private static final double LABEL_DESCENT = 4;

  /**
   * The smallest box, in the picture's coordinates ({@code x0, y0, x1, y1}), that holds every value's
   * circle, every arrow and every label.
   */
  private static double[] bounds(DiagramSvg.Drawing dr) {
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    int height = dr.height();
    for (NetworkDiagram.Box b : dr.diagram().boxes()) {
      double r = b.ellipsis() ? DiagramSvg.DOTS_RADIUS : DiagramSvg.RADIUS + 1;
      include(box, dr.x(b) - r, height - dr.y(b) - r);
      include(box, dr.x(b) + r, height - dr.y(b) + r);
    }
    for (DiagramSvg.Route r : dr.routes()) {
      include(box, r.x1(), height - r.y1());
      include(box, r.x2(), height - r.y2());
      include(box, (r.x1() + 2 * r.cx() + r.x2()) / 4, height - (r.y1() + 2 * r.cy() + r.y2()) / 4);
    }
    dr.labels().forEach(l -> l.ifPresent(p -> {
      include(box, p.x() - LABEL_HALF_WIDTH, height - p.baseline() - LABEL_DESCENT);
      include(box, p.x() + LABEL_HALF_WIDTH, height - p.baseline() + LABEL_ASCENT);
    }));
    return new double[] {Math.floor(box[0]), Math.floor(box[1]), Math.ceil(box[2]), Math.ceil(box[3])};
  }

  private static void include(double[] box, double x, double y) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }

  /** The TeX for a value's name and time, from the project's one LaTeX emitter. */
  private String label(Expr.Symbol s) {
    return latex.write(s);
  }

  /** A point of the SVG's layout in the picture's coordinates. */
  private static String point(double x, double y, int height) {
    return "(" + num(x) + "," + num(height - y) + ")";
  }

  private static String num(double v) {
    String s = String.format(Locale.ROOT, "%.1f", v);
    return s.equals("-0.0") ? "0.0" : s;
  }
}
