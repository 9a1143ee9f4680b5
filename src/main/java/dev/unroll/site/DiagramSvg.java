package dev.unroll.site;

import dev.unroll.derive.Derivation;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link NetworkDiagram} as a standalone SVG document: circles with the value's name and its
 * time as a subscript, arrows with the weight matrix they pass, the gradient paths in red and thick.
 * Every coordinate is computed from the grid, so the same diagram always gives the same bytes.
 */
public final class DiagramSvg {
  private static final int COLUMN = 120;
  private static final int ROW = 92;
  private static final int MARGIN = 40;
  private static final int RADIUS = 22;
  private static final String COLD = "#7a7a7a";
  private static final String HOT = "#c0392b";

  /** The picture of a derivation's network with its gradient paths marked (for a lesson's assets/). */
  public String svg(Derivation derivation) {
    return svg(NetworkDiagram.of(derivation));
  }

  public String svg(NetworkDiagram d) {
    int width = 2 * MARGIN + (d.columns() - 1) * COLUMN;
    int height = 2 * MARGIN + (d.rows() - 1) * ROW;
    StringBuilder out = new StringBuilder(4096);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" font-family=\"'Latin Modern Math', 'STIX Two Math', 'Times New Roman', serif\" role=\"img\">\n");
    out.append("<title>").append(MathExtension.escape(d.title())).append("</title>\n");
    out.append("<defs>\n");
    marker(out, "arrow", COLD);
    marker(out, "arrow-hot", HOT);
    out.append("</defs>\n");
    Map<Integer, NetworkDiagram.Box> byId = new HashMap<>();
    d.boxes().forEach(b -> byId.put(b.id(), b));
    for (NetworkDiagram.Arrow a : d.arrows()) {
      arrow(out, byId.get(a.from()), byId.get(a.to()), a, height);
    }
    for (NetworkDiagram.Box b : d.boxes()) {
      box(out, b, height);
    }
    out.append("</svg>\n");
    return out.toString();
  }

  private static void marker(StringBuilder out, String id, String colour) {
    out.append("<marker id=\"").append(id).append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"10\"")
        .append(" markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
        .append(colour).append("\"/></marker>\n");
  }

  private static double x(NetworkDiagram.Box b) {
    return MARGIN + b.column() * COLUMN;
  }

  private static double y(NetworkDiagram.Box b, int height) {
    return height - MARGIN - b.row() * ROW;
  }

  private static void arrow(StringBuilder out, NetworkDiagram.Box from, NetworkDiagram.Box to, NetworkDiagram.Arrow a,
      int height) {
    double x1 = x(from);
    double y1 = y(from, height);
    double x2 = x(to);
    double y2 = y(to, height);
    double len = Math.hypot(x2 - x1, y2 - y1);
    double ux = (x2 - x1) / len;
    double uy = (y2 - y1) / len;
    String colour = a.hot() ? HOT : COLD;
    out.append("<line x1=\"").append(num(x1 + ux * RADIUS)).append("\" y1=\"").append(num(y1 + uy * RADIUS))
        .append("\" x2=\"").append(num(x2 - ux * (RADIUS + 2))).append("\" y2=\"").append(num(y2 - uy * (RADIUS + 2)))
        .append("\" stroke=\"").append(colour).append("\" stroke-width=\"").append(a.hot() ? "3" : "1.5")
        .append("\" marker-end=\"url(#").append(a.hot() ? "arrow-hot" : "arrow").append(")\"/>\n");
    if (a.parameter().isPresent()) {
      // The label sits beside the middle of the arrow, on its left when walking from source to target.
      double mx = (x1 + x2) / 2 + uy * 13;
      double my = (y1 + y2) / 2 - ux * 13 + 5;
      out.append("<text x=\"").append(num(mx)).append("\" y=\"").append(num(my))
          .append("\" text-anchor=\"middle\" font-size=\"15\" font-style=\"italic\" fill=\"").append(colour)
          .append(a.hot() ? "\" font-weight=\"bold" : "").append("\">")
          .append(MathExtension.escape(a.parameter().get())).append("</text>\n");
    }
  }

  private static void box(StringBuilder out, NetworkDiagram.Box b, int height) {
    double cx = x(b);
    double cy = y(b, height);
    out.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"").append(RADIUS)
        .append("\" fill=\"").append(b.hot() ? "#fdecea" : "#ffffff").append("\" stroke=\"")
        .append(b.hot() ? HOT : "#333333").append("\" stroke-width=\"").append(b.hot() ? "2.5" : "1.2").append("\"/>\n");
    out.append("<text x=\"").append(num(cx)).append("\" y=\"").append(num(cy + 5))
        .append("\" text-anchor=\"middle\" font-size=\"16\"><tspan font-style=\"italic\">")
        .append(MathExtension.escape(label(b.symbol()))).append("</tspan>");
    String time = b.symbol().time().map(Time::spelled).orElse("");
    if (!time.isEmpty()) {
      out.append("<tspan font-size=\"11\" dy=\"4\">").append(MathExtension.escape(time)).append("</tspan>");
    }
    out.append("</text>\n");
  }

  private static String label(Expr.Symbol s) {
    return s.name();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
