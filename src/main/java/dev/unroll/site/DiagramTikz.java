package dev.unroll.site;

import dev.unroll.derive.Derivation;
import dev.unroll.expr.Expr;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.Notation;
import java.util.Locale;

/**
 * Draws a {@link NetworkDiagram} as a TikZ picture for the LaTeX version of a lesson: the same grid,
 * labels and highlighted paths as {@link DiagramSvg}. Needs the tikz package. A network of more
 * than {@link #MAX_COLUMNS} columns is drawn with its middle stages elided (a column of dots), so
 * the picture fits about 15 cm with its labels at body size.
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

  /** The most columns a picture keeps before its middle stages are elided: 15 cm at 1 cm a column. */
  static final int MAX_COLUMNS = 15;

  public String tikz(NetworkDiagram whole) {
    NetworkDiagram d = whole;
    // A long network keeps its oldest and newest stages and draws the middle as dots, so that its labels
    // stay at body size instead of the whole picture being scaled down.
    for (int kept = whole.groupCount() - 2; kept >= 2 && d.columns() > MAX_COLUMNS; kept--) {
      d = whole.elided(kept / 2, kept - kept / 2);
    }
    // Columns close up to fit 15 cm (about the text width) while labels stay at body size; only a picture
    // too wide even at 1 cm a column is scaled as a whole, text included.
    double spacing = d.columns() <= 1 ? 1.8 : Math.max(1.0, Math.min(1.8, 14.0 / (d.columns() - 1)));
    double width = spacing * (d.columns() - 1) + 1.0;
    double scale = Math.min(1.0, 15.0 / width);
    StringBuilder out = new StringBuilder(4096);
    out.append("\\begin{tikzpicture}[x=").append(num(spacing)).append("cm, y=1.5cm, >=stealth");
    if (scale < 1.0) {
      out.append(", scale=").append(num(scale)).append(", transform shape");
    }
    out.append(",\n")
        .append("  value/.style={circle, draw, fill=white, minimum size=8mm, inner sep=0pt},\n")
        .append("  hot/.style={draw=red!70!black, very thick, fill=red!8},\n")
        .append("  flow/.style={->, draw=black!75},\n")
        .append("  hotflow/.style={->, draw=red!70!black, very thick}]\n");
    for (NetworkDiagram.Box b : d.boxes()) {
      if (b.ellipsis()) {
        out.append("\\node (n").append(id(b.id())).append(") at (")
            .append(b.column()).append(',').append(b.row()).append(") {$\\cdots$};\n");
        continue;
      }
      out.append("\\node[value").append(b.hot() ? ", hot" : "").append("] (n").append(b.id()).append(") at (")
          .append(b.column()).append(',').append(b.row()).append(") {$").append(label(b.symbol())).append("$};\n");
    }
    for (NetworkDiagram.Arrow a : d.arrows()) {
      out.append("\\draw[").append(a.hot() ? "hotflow" : "flow").append("] (n").append(id(a.from())).append(") -- ");
      if (a.parameter().isPresent()) {
        out.append("node[midway, auto, fill=white, inner sep=1pt] {$").append(label(Expr.Symbol.param(a.parameter().get()))).append("$} ");
      }
      out.append("(n").append(id(a.to())).append(");\n");
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

  /** A node's name: its box id, an ellipsis's (negative) as e1, e2, ... */
  private static String id(int box) {
    return box < 0 ? "e" + (-box) : Integer.toString(box);
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
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
