package dev.unroll.site;

import dev.unroll.derive.Derivation;
import dev.unroll.expr.Expr;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.Notation;
import java.util.Locale;

/**
 * Draws a {@link NetworkDiagram} as a TikZ picture for the LaTeX version of a lesson: the same grid,
 * labels and highlighted paths as {@link DiagramSvg}, from its very layout (positions, routes, label
 * places), with the labels typeset by TeX at the body size. Needs the tikz package. A long network
 * has its middle stages elided as in the SVG, so the picture fits the text width unscaled.
 */
public final class DiagramTikz {
  private final LatexWriter latex;

  /** Labels in the lesson's own notation. */
  public DiagramTikz() {
    this(Notation.LESSON);
  }

  public DiagramTikz(Notation notation) {
    this.latex = new LatexWriter(notation);
  }

  /** The TikZ picture of a derivation's network with its gradient paths marked. */
  public String tikz(Derivation derivation) {
    return tikz(NetworkDiagram.of(derivation));
  }

  /**
   * The picture's unit: a pixel of {@link DiagramSvg}'s layout as 11/16 pt, so that the SVG's 16-pixel
   * labels come out at the lesson's 11 pt body size and its widest picture (680 px) at 16.4 cm, inside
   * the text width of an article with 2 cm margins.
   */
  static final String UNIT = "0.6875pt";

  public String tikz(NetworkDiagram whole) {
    DiagramSvg.Drawing dr = DiagramSvg.layout(whole);
    NetworkDiagram d = dr.diagram();
    StringBuilder out = new StringBuilder(4096);
    // y grows downwards, as in the SVG.
    out.append("\\begin{tikzpicture}[x=").append(UNIT).append(", y=-").append(UNIT).append(", >=stealth,\n")
        .append("  value/.style={circle, draw=black!80, fill=white, minimum size=30.25pt, inner sep=0pt},\n")
        .append("  hot/.style={draw=red!70!black, very thick, fill=red!8},\n")
        .append("  flow/.style={->, draw=black!60},\n")
        .append("  hotflow/.style={->, draw=red!70!black, very thick},\n")
        .append("  weight/.style={anchor=base, inner sep=0pt},\n")
        .append("  hotweight/.style={anchor=base, inner sep=0pt, text=red!70!black}]\n");
    for (int i = 0; i < d.arrows().size(); i++) {
      NetworkDiagram.Arrow a = d.arrows().get(i);
      DiagramSvg.Route r = dr.routes().get(i);
      out.append("\\draw[").append(a.hot() ? "hotflow" : "flow").append("] (").append(num(r.x1())).append(',').append(num(r.y1()))
          .append(")");
      if (r.curved()) {
        // The SVG's quadratic curve as TikZ's cubic: control points two thirds of the way to the quadratic's.
        out.append(" .. controls (").append(num(r.x1() + 2 * (r.cx() - r.x1()) / 3)).append(',')
            .append(num(r.y1() + 2 * (r.cy() - r.y1()) / 3)).append(") and (").append(num(r.x2() + 2 * (r.cx() - r.x2()) / 3))
            .append(',').append(num(r.y2() + 2 * (r.cy() - r.y2()) / 3)).append(") ..");
      } else {
        out.append(" --");
      }
      out.append(" (").append(num(r.x2())).append(',').append(num(r.y2())).append(");\n");
    }
    for (NetworkDiagram.Box b : d.boxes()) {
      if (b.ellipsis()) {
        out.append("\\node at (").append(num(dr.x(b))).append(',').append(num(dr.y(b))).append(") {$\\cdots$};\n");
      } else {
        out.append("\\node[value").append(b.hot() ? ", hot" : "").append("] at (").append(num(dr.x(b))).append(',')
            .append(num(dr.y(b))).append(") {$").append(label(b.symbol())).append("$};\n");
      }
    }
    for (int i = 0; i < d.arrows().size(); i++) {
      NetworkDiagram.Arrow a = d.arrows().get(i);
      if (dr.labels().get(i).isPresent()) {
        LabelPlaces.Place p = dr.labels().get(i).get();
        out.append("\\node[").append(a.hot() ? "hotweight" : "weight").append("] at (").append(num(p.x())).append(',')
            .append(num(p.baseline())).append(") {$").append(label(Expr.Symbol.param(a.parameter().get()))).append("$};\n");
      }
    }
    out.append("\\end{tikzpicture}\n");
    return out.toString();
  }

  /**
   * A lesson's LaTeX document with the network's picture after the title, unless it already draws
   * one or is not a whole document; adds the tikz package if the preamble lacks it.
   */
  public static String inDocument(String latex, String picture) {
    int begin = latex.indexOf("\\begin{document}");
    // A picture of its own is any tikzpicture that is not a plot's (pgfplots draws plots inside one too).
    if (begin < 0 || count(latex, "\\begin{tikzpicture}") > count(latex, "\\begin{semilogyaxis}")) {
      return latex;
    }
    String preamble = latex.substring(0, begin);
    String body = latex.substring(begin);
    if (!preamble.matches("(?s).*\\\\usepackage(\\[[^]]*])?\\{[^}]*\\btikz\\b[^}]*}.*")) {
      preamble = preamble + "\\usepackage{tikz}\n";
    }
    String anchor = body.contains("\\maketitle") ? "\\maketitle" : "\\begin{document}";
    int at = body.indexOf(anchor) + anchor.length();
    String figure = "\n\\begin{center}\n" + picture + "\\end{center}\n";
    return preamble + body.substring(0, at) + figure + body.substring(at);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  /** The TeX for a value's name and time, from the project's one LaTeX emitter. */
  private String label(Expr.Symbol s) {
    return latex.write(s);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
