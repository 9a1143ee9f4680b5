package dev.unroll.site;

import dev.unroll.derive.Derivation;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link NetworkDiagram} as a standalone SVG document: circles with the value's name and its
 * time as a subscript, arrows with the weight matrix they pass, the gradient paths in red and thick.
 *
 * <p>The picture is meant to be read at its own size beside body text (16 px): its labels are set at
 * that size in near-black (or the path's red, 5.4:1 on white) on a white ground of its own, and it is
 * never wider than {@link #MAX_WIDTH}, the lesson column of the site on a 1280-pixel screen, so no page
 * shrinks it. A network too long for that width is drawn with its middle stages elided (a column of
 * dots). Each weight's label is put at the first of a list of places beside its arrow that touches no
 * circle, arrow or other label. Every coordinate is computed from the grid, so the same diagram always
 * gives the same bytes.
 */
public final class DiagramSvg {
  /** The widest picture in CSS pixels: the site's lesson column at a 1280-pixel-wide window. */
  static final int MAX_WIDTH = 680;
  /** Labels at the size of the site's body text. */
  static final int FONT = 16;
  static final int SUBSCRIPT = 12;
  private static final int SLOT = 68;
  /** Two values side by side stand further apart: an arrow between them has room for its label. */
  private static final int WIDE_SLOT = 116;
  private static final int STAGE = 90;
  private static final int ELLIPSIS = 72;
  private static final int ROW = 84;
  private static final int MARGIN_X = 24;
  private static final int MARGIN_Y = 28;
  static final int RADIUS = 22;
  static final int DOTS_RADIUS = 12;
  private static final String INK = "#1d1d1f";
  private static final String COLD = "#6e6e6e";
  private static final String HOT = "#c0392b";

  /** How many labels of the picture found no clear place and sit on something (0 for every built-in cell). */
  static int crowded(NetworkDiagram d) {
    return layout(d).crowded();
  }

  /** The picture of a derivation's network with its gradient paths marked (for a lesson's assets/). */
  public String svg(Derivation derivation) {
    return svg(NetworkDiagram.of(derivation));
  }

  /**
   * A diagram laid out in pixels: the (possibly elided) diagram, the picture's size, each box's
   * centre, each arrow's route and each arrow's label place (empty for an arrow without a weight).
   */
  record Drawing(NetworkDiagram diagram, int width, int height, Map<Integer, double[]> at, List<Route> routes,
      List<java.util.Optional<LabelPlaces.Place>> labels, int crowded) {
    double x(NetworkDiagram.Box b) {
      return at.get(b.id())[0];
    }

    double y(NetworkDiagram.Box b) {
      return at.get(b.id())[1];
    }
  }

  /** Lays a diagram out: {@link DiagramPicture} draws the same layout, so the PDF shows the same picture. */
  static Drawing layout(NetworkDiagram whole) {
    NetworkDiagram d = fitted(whole);
    int width = width(d);
    int height = 2 * (MARGIN_Y + RADIUS) + (d.rows() - 1) * ROW;
    Map<Integer, double[]> at = positions(d, height);
    List<Route> routes = new ArrayList<>();
    for (NetworkDiagram.Arrow a : d.arrows()) {
      routes.add(route(a, d, at));
    }
    List<Segment> pieces = new ArrayList<>();
    routes.forEach(r -> pieces.addAll(r.pieces()));
    LabelPlaces places = new LabelPlaces(width, height, pieces);
    d.boxes().forEach(b -> places.circle(at.get(b.id())[0], at.get(b.id())[1], radius(b)));
    List<java.util.Optional<LabelPlaces.Place>> labels = new ArrayList<>();
    for (int i = 0; i < d.arrows().size(); i++) {
      NetworkDiagram.Arrow a = d.arrows().get(i);
      if (a.parameter().isPresent()) {
        boolean fan = d.arrows().stream().filter(o -> o.from() == a.from() && o.parameter().isPresent()).count() > 1;
        String[] name = weightName(a.parameter().get());
        labels.add(java.util.Optional.of(places.place(routes.get(i).pieces(), textWidth(name[0], name[1]), fan)));
      } else {
        labels.add(java.util.Optional.empty());
      }
    }
    return new Drawing(d, width, height, at, List.copyOf(routes), List.copyOf(labels), places.crowded());
  }

  /** A weight's name as base and subscript: {@code Wf} is W with the subscript f, as the lesson's TeX writes it. */
  static String[] weightName(String name) {
    boolean subscripted = name.length() > 1 && name.substring(1).chars().allMatch(Character::isLowerCase);
    return subscripted ? new String[] {name.substring(0, 1), name.substring(1)} : new String[] {name, ""};
  }

  public String svg(NetworkDiagram whole) {
    Drawing dr = layout(whole);
    NetworkDiagram d = dr.diagram();
    int width = dr.width();
    int height = dr.height();
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
    // A ground of its own: the picture reads the same on a dark page or in an image viewer.
    out.append("<rect width=\"").append(width).append("\" height=\"").append(height).append("\" fill=\"#ffffff\"/>\n");
    for (int i = 0; i < d.arrows().size(); i++) {
      arrow(out, dr.routes().get(i), d.arrows().get(i));
    }
    for (NetworkDiagram.Box b : d.boxes()) {
      box(out, b, dr.x(b), dr.y(b));
    }
    for (int i = 0; i < d.arrows().size(); i++) {
      NetworkDiagram.Arrow a = d.arrows().get(i);
      if (dr.labels().get(i).isPresent()) {
        label(out, dr.labels().get(i).get(), a);
      }
    }
    out.append("</svg>\n");
    return out.toString();
  }

  /** The diagram itself when it fits {@link #MAX_WIDTH}, else the most stages that fit with the middle elided. */
  static NetworkDiagram fitted(NetworkDiagram d) {
    if (width(d) <= MAX_WIDTH) {
      return d;
    }
    for (int kept = d.groupCount() - 2; kept >= 2; kept--) {
      // The newest stages matter most (the loss is there); the oldest show where the recurrence starts.
      NetworkDiagram e = d.elided(kept / 2, kept - kept / 2);
      if (width(e) <= MAX_WIDTH) {
        return e;
      }
    }
    return d.elided(1, 1);
  }

  private static int width(NetworkDiagram d) {
    double[] xs = columnXs(d);
    return (int) Math.ceil(xs[xs.length - 1] + RADIUS + MARGIN_X);
  }

  /** Column centres: columns of one stage stand a slot apart, stages further, an elision's dots between two. */
  private static double[] columnXs(NetworkDiagram d) {
    boolean[] dots = new boolean[d.columns()];
    d.boxes().stream().filter(NetworkDiagram.Box::ellipsis).forEach(b -> dots[b.column()] = true);
    double[] xs = new double[Math.max(1, d.columns())];
    xs[0] = MARGIN_X + RADIUS;
    for (int c = 1; c < d.columns(); c++) {
      int step = dots[c] || dots[c - 1] ? ELLIPSIS : d.groups().get(c).equals(d.groups().get(c - 1)) ? slot(d) : STAGE;
      xs[c] = xs[c - 1] + step;
    }
    return xs;
  }

  private static void marker(StringBuilder out, String id, String colour) {
    out.append("<marker id=\"").append(id).append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"10\"")
        .append(" markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
        .append(colour).append("\"/></marker>\n");
  }

  /**
   * Where each box's centre is: its row's height, and within its stage the values of one row centred
   * side by side (the LSTM's four gates around the column its input and states stand in).
   */
  private static Map<Integer, double[]> positions(NetworkDiagram d, int height) {
    double[] xs = columnXs(d);
    Map<Integer, double[]> centreOf = new HashMap<>(); // by group
    for (int g = 0; g < d.groupCount(); g++) {
      int first = d.groups().indexOf(g);
      int last = d.groups().lastIndexOf(g);
      centreOf.put(g, new double[] {(xs[first] + xs[last]) / 2});
    }
    Map<Long, List<NetworkDiagram.Box>> rows = new java.util.TreeMap<>();
    for (NetworkDiagram.Box b : d.boxes()) {
      rows.computeIfAbsent(((long) d.groups().get(b.column()) << 32) | b.row(), k -> new ArrayList<>()).add(b);
    }
    Map<Integer, double[]> at = new HashMap<>();
    int slot = slot(d);
    rows.forEach((key, boxes) -> {
      boxes.sort(java.util.Comparator.comparingInt(NetworkDiagram.Box::column));
      double centre = centreOf.get((int) (key >> 32))[0];
      for (int i = 0; i < boxes.size(); i++) {
        NetworkDiagram.Box b = boxes.get(i);
        at.put(b.id(), new double[] {centre + (i - (boxes.size() - 1) / 2.0) * slot, height - MARGIN_Y - RADIUS - b.row() * ROW});
      }
    });
    return at;
  }

  /** The distance between values side by side in a stage. */
  private static int slot(NetworkDiagram d) {
    long widest = d.boxes().stream()
        .collect(java.util.stream.Collectors.groupingBy(b -> d.groups().get(b.column()) + "," + b.row(), java.util.stream.Collectors.counting()))
        .values().stream().mapToLong(Long::longValue).max().orElse(1);
    return widest <= 2 ? WIDE_SLOT : SLOT;
  }

  private static int radius(NetworkDiagram.Box b) {
    return b.ellipsis() ? DOTS_RADIUS : RADIUS;
  }

  /**
   * An arrow's line: straight when that passes clear of every other value, else the first of a few
   * gentle bows to either side that does (the LSTM's output gate reaches h past c this way).
   */
  private static Route route(NetworkDiagram.Arrow a, NetworkDiagram d, Map<Integer, double[]> at) {
    double[] p = at.get(a.from());
    double[] q = at.get(a.to());
    NetworkDiagram.Box from = d.boxes().stream().filter(b -> b.id() == a.from()).findFirst().orElseThrow();
    NetworkDiagram.Box to = d.boxes().stream().filter(b -> b.id() == a.to()).findFirst().orElseThrow();
    double len = Math.hypot(q[0] - p[0], q[1] - p[1]);
    double nx = (q[1] - p[1]) / len;
    double ny = -(q[0] - p[0]) / len;
    Route first = null;
    for (double bow : new double[] {0, 30, -30, 48, -48, 66, -66}) {
      double cx = (p[0] + q[0]) / 2 + nx * bow * 2;
      double cy = (p[1] + q[1]) / 2 + ny * bow * 2;
      Route r = Route.of(p, radius(from), cx, cy, q, radius(to) + 2, bow != 0);
      if (first == null) {
        first = r;
      }
      boolean clear = d.boxes().stream().filter(b -> b.id() != a.from() && b.id() != a.to())
          .allMatch(b -> r.distance(at.get(b.id())) > radius(b) + 4);
      if (clear) {
        return r;
      }
    }
    return first;
  }

  private static void arrow(StringBuilder out, Route r, NetworkDiagram.Arrow a) {
    String colour = a.hot() ? HOT : COLD;
    out.append(r.svg()).append(" stroke=\"").append(colour).append("\" stroke-width=\"").append(a.hot() ? "3" : "1.5")
        .append("\" marker-end=\"url(#").append(a.hot() ? "arrow-hot" : "arrow").append(")\"/>\n");
  }

  private static void label(StringBuilder out, LabelPlaces.Place p, NetworkDiagram.Arrow a) {
    String[] name = weightName(a.parameter().get());
    String base = name[0];
    String sub = name[1];
    out.append("<text class=\"weight\" x=\"").append(num(p.x())).append("\" y=\"").append(num(p.baseline()))
        .append("\" text-anchor=\"middle\" font-size=\"").append(FONT).append("\" fill=\"").append(a.hot() ? HOT : INK)
        .append(a.hot() ? "\" font-weight=\"bold" : "").append("\"><tspan font-style=\"italic\">")
        .append(MathExtension.escape(base)).append("</tspan>");
    if (!sub.isEmpty()) {
      out.append("<tspan font-size=\"").append(SUBSCRIPT).append("\" font-style=\"italic\" dy=\"4\">")
          .append(MathExtension.escape(sub)).append("</tspan>");
    }
    out.append("</text>\n");
  }

  /** A generous estimate of a label's width, so that the places it is kept from are really clear. */
  private static double textWidth(String base, String sub) {
    return base.length() * 1.1 * FONT + sub.length() * 0.7 * SUBSCRIPT;
  }

  private static void box(StringBuilder out, NetworkDiagram.Box b, double cx, double cy) {
    if (b.ellipsis()) {
      out.append("<text class=\"value\" x=\"").append(num(cx)).append("\" y=\"").append(num(cy + 5))
          .append("\" text-anchor=\"middle\" font-size=\"").append(FONT).append("\" fill=\"").append(b.hot() ? HOT : INK)
          .append("\">\u22ef</text>\n");
      return;
    }
    out.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"").append(RADIUS)
        .append("\" fill=\"").append(b.hot() ? "#fdecea" : "#ffffff").append("\" stroke=\"")
        .append(b.hot() ? HOT : "#333333").append("\" stroke-width=\"").append(b.hot() ? "2.5" : "1.2").append("\"/>\n");
    out.append("<text class=\"value\" x=\"").append(num(cx)).append("\" y=\"").append(num(cy + 5))
        .append("\" text-anchor=\"middle\" font-size=\"").append(FONT).append("\" fill=\"").append(INK)
        .append("\"><tspan font-style=\"italic\">").append(MathExtension.escape(b.symbol().name())).append("</tspan>");
    // A minus sign, not a hyphen, in t-1, as in the typeset lesson.
    String time = b.symbol().time().map(Time::spelled).orElse("").replace('-', '\u2212');
    if (!time.isEmpty()) {
      out.append("<tspan font-size=\"").append(SUBSCRIPT).append("\" dy=\"4\">").append(MathExtension.escape(time))
          .append("</tspan>");
    }
    out.append("</text>\n");
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** A straight piece of an arrow's visible line. */
  record Segment(double x1, double y1, double x2, double y2) {}

  /**
   * An arrow's visible line, from the edge of its source to just short of its target's edge: a
   * straight line, or a quadratic curve through a control point, with the pieces that approximate it.
   */
  record Route(double x1, double y1, double cx, double cy, double x2, double y2, boolean curved, List<Segment> pieces) {
    private static final int PIECES = 12;

    static Route of(double[] p, double rp, double cx, double cy, double[] q, double rq, boolean curved) {
      double l1 = Math.hypot(cx - p[0], cy - p[1]);
      double l2 = Math.hypot(q[0] - cx, q[1] - cy);
      double x1 = p[0] + (cx - p[0]) / l1 * rp;
      double y1 = p[1] + (cy - p[1]) / l1 * rp;
      double x2 = q[0] - (q[0] - cx) / l2 * rq;
      double y2 = q[1] - (q[1] - cy) / l2 * rq;
      List<Segment> pieces = new ArrayList<>();
      if (!curved) {
        pieces.add(new Segment(x1, y1, x2, y2));
      } else {
        double px = x1;
        double py = y1;
        for (int i = 1; i <= PIECES; i++) {
          double t = (double) i / PIECES;
          double x = (1 - t) * (1 - t) * x1 + 2 * t * (1 - t) * cx + t * t * x2;
          double y = (1 - t) * (1 - t) * y1 + 2 * t * (1 - t) * cy + t * t * y2;
          pieces.add(new Segment(px, py, x, y));
          px = x;
          py = y;
        }
      }
      return new Route(x1, y1, cx, cy, x2, y2, curved, List.copyOf(pieces));
    }

    /** The closest the line comes to a point. */
    double distance(double[] c) {
      double best = Double.MAX_VALUE;
      for (Segment s : pieces) {
        double dx = s.x2() - s.x1();
        double dy = s.y2() - s.y1();
        double t = Math.max(0, Math.min(1, ((c[0] - s.x1()) * dx + (c[1] - s.y1()) * dy) / (dx * dx + dy * dy)));
        best = Math.min(best, Math.hypot(s.x1() + t * dx - c[0], s.y1() + t * dy - c[1]));
      }
      return best;
    }

    String svg() {
      return curved
          ? "<path d=\"M" + num(x1) + "," + num(y1) + " Q" + num(cx) + "," + num(cy) + " " + num(x2) + "," + num(y2) + "\" fill=\"none\""
          : "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\"";
    }
  }
}
