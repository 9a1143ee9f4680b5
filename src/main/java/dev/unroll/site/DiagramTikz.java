package dev.unroll.site;

import dev.unroll.derive.Derivation;
import dev.unroll.expr.Expr;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.Notation;
import java.util.Locale;

/**
 * Draws a {@link NetworkDiagram} as a TikZ picture for the LaTeX version of a lesson: the same grid,
 * labels and highlighted paths as {@link DiagramSvg}. Needs the tikz package; the picture
 * is scaled as a whole so that it never exceeds about 15 cm in width.
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

  public String tikz(NetworkDiagram d) {
    // Scale the whole picture, text included, so that it never exceeds 15 cm (about the text width).
    double width = 1.8 * (d.columns() - 1) + 1.0;
    double scale = Math.min(1.0, 15.0 / width);
    StringBuilder out = new StringBuilder(4096);
    out.append("\\begin{tikzpicture}[x=1.8cm, y=1.5cm, >=stealth");
    if (scale < 1.0) {
      out.append(", scale=").append(num(scale)).append(", transform shape");
    }
    out.append(",\n")
        .append("  value/.style={circle, draw, minimum size=9mm, inner sep=0pt, font=\\small},\n")
        .append("  hot/.style={draw=red!70!black, very thick, fill=red!8},\n")
        .append("  flow/.style={->, draw=black!55},\n")
        .append("  hotflow/.style={->, draw=red!70!black, very thick}]\n");
    for (NetworkDiagram.Box b : d.boxes()) {
      out.append("\\node[value").append(b.hot() ? ", hot" : "").append("] (n").append(b.id()).append(") at (")
          .append(b.column()).append(',').append(b.row()).append(") {$").append(label(b.symbol())).append("$};\n");
    }
    for (NetworkDiagram.Arrow a : d.arrows()) {
      out.append("\\draw[").append(a.hot() ? "hotflow" : "flow").append("] (n").append(a.from()).append(") -- ");
      if (a.parameter().isPresent()) {
        out.append("node[midway, auto, font=\\scriptsize] {$").append(label(Expr.Symbol.param(a.parameter().get()))).append("$} ");
      }
      out.append("(n").append(a.to()).append(");\n");
    }
    out.append("\\end{tikzpicture}\n");
    return out.toString();
  }

  /** The TeX for a value's name and time, from the project's one LaTeX emitter. */
  private String label(Expr.Symbol s) {
    return latex.write(s);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
