package dev.unroll.site;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a weight's label goes beside its arrow in a {@link DiagramSvg} picture: the first of a
 * fixed list of places along the arrow (its middle first, then outwards) and on either side that stays
 * inside the picture and clear of every circle, every arrow (line and head) and every label placed
 * before it. The label is taken as the box a 16-pixel capital with a 12-pixel subscript fills, with a
 * margin. When no place is clear (a picture this class was not tuned for), the one with the fewest
 * collisions is taken. The order is fixed, so the same picture gets the same places.
 */
final class LabelPlaces {
  /** Along the arrow, as a fraction of its visible length. */
  private static final double[] ALONG = {0.5, 0.62, 0.38, 0.72, 0.28, 0.8, 0.2, 0.86, 0.14, 0.56, 0.44, 0.67, 0.33,
      0.76, 0.24, 0.9, 0.1};
  /**
   * Along one of a fan of arrows from one value: near the end first, where the fan is widest and the
   * label stands by the value its weight reaches.
   */
  private static final double[] ALONG_FAN = {0.78, 0.84, 0.72, 0.88, 0.66, 0.6, 0.5, 0.4, 0.3, 0.2, 0.81, 0.75, 0.69,
      0.92, 0.63, 0.55, 0.45, 0.35, 0.25, 0.15, 0.1};
  /** Above the baseline a capital reaches; below it a lowered subscript. */
  private static final double ASCENT = 16;
  private static final double DESCENT = 8;
  private static final double CLEAR = 3;
  private static final double HEAD = 6;

  private final int width;
  private final int height;
  private final List<DiagramSvg.Segment> segments;
  private final List<double[]> circles = new ArrayList<>();
  private final List<double[]> labels = new ArrayList<>();
  private int crowded;

  LabelPlaces(int width, int height, List<DiagramSvg.Segment> segments) {
    this.width = width;
    this.height = height;
    this.segments = List.copyOf(segments);
    // Each arrow's head: at the end of its last piece (pieces come in order, an arrow's last before the next's first).
    for (int i = 0; i < segments.size(); i++) {
      DiagramSvg.Segment s = segments.get(i);
      boolean last = i + 1 == segments.size() || segments.get(i + 1).x1() != s.x2() || segments.get(i + 1).y1() != s.y2();
      if (last) {
        circles.add(new double[] {s.x2(), s.y2(), HEAD});
      }
    }
  }

  /** A label's anchor: the middle of its text and its baseline. */
  record Place(double x, double baseline) {}

  void circle(double cx, double cy, double r) {
    circles.add(new double[] {cx, cy, r});
  }

  /**
   * The place for a label {@code textWidth} wide beside the arrow drawn by {@code pieces}, one of a
   * fan of labelled arrows from the same value if {@code fan}; it is then an obstacle for later labels.
   */
  Place place(List<DiagramSvg.Segment> pieces, double textWidth, boolean fan) {
    double hw = textWidth / 2;
    double hh = (ASCENT + DESCENT) / 2;
    double[] best = null;
    int fewest = Integer.MAX_VALUE;
    for (double along : fan ? ALONG_FAN : ALONG) {
      double at = along * pieces.size();
      DiagramSvg.Segment s = pieces.get(Math.min(pieces.size() - 1, (int) at));
      double local = at - Math.min(pieces.size() - 1, (int) at);
      double len = Math.hypot(s.x2() - s.x1(), s.y2() - s.y1());
      double ux = (s.x2() - s.x1()) / len;
      double uy = (s.y2() - s.y1()) / len;
      double nx = uy;
      double ny = -ux;
      for (double extra : new double[] {0, 6, 12, 20}) {
        for (int side : new int[] {1, -1}) {
          double d = hw * Math.abs(nx) + hh * Math.abs(ny) + CLEAR + 1 + extra;
          double cx = s.x1() + ux * len * local + side * nx * d;
          double cy = s.y1() + uy * len * local + side * ny * d;
          double[] box = {cx - hw, cy - hh, cx + hw, cy + hh};
          int collisions = collisions(box);
          if (collisions < fewest) {
            fewest = collisions;
            best = box;
          }
          if (collisions == 0) {
            return take(best);
          }
        }
      }
    }
    crowded++;
    return take(best);
  }

  /** How many labels found no clear place and took the least crowded one. */
  int crowded() {
    return crowded;
  }

  private Place take(double[] box) {
    labels.add(box);
    double cx = (box[0] + box[2]) / 2;
    double baseline = box[1] + ASCENT;
    return new Place(cx, baseline);
  }

  private int collisions(double[] box) {
    int n = 0;
    if (box[0] < 2 || box[1] < 2 || box[2] > width - 2 || box[3] > height - 2) {
      n++;
    }
    for (double[] c : circles) {
      double dx = c[0] - Math.max(box[0], Math.min(c[0], box[2]));
      double dy = c[1] - Math.max(box[1], Math.min(c[1], box[3]));
      if (Math.hypot(dx, dy) < c[2] + CLEAR) {
        n++;
      }
    }
    double[] wide = {box[0] - CLEAR, box[1] - CLEAR, box[2] + CLEAR, box[3] + CLEAR};
    for (DiagramSvg.Segment s : segments) {
      if (crosses(s, wide)) {
        n++;
      }
    }
    for (double[] l : labels) {
      if (l[0] < wide[2] && wide[0] < l[2] && l[1] < wide[3] && wide[1] < l[3]) {
        n += 10; // one label over another is worse than one over a line
      }
    }
    return n;
  }

  /** Whether a line segment meets a rectangle (Liang-Barsky clipping). */
  static boolean crosses(DiagramSvg.Segment s, double[] r) {
    double dx = s.x2() - s.x1();
    double dy = s.y2() - s.y1();
    double[] p = {-dx, dx, -dy, dy};
    double[] q = {s.x1() - r[0], r[2] - s.x1(), s.y1() - r[1], r[3] - s.y1()};
    double t0 = 0;
    double t1 = 1;
    for (int i = 0; i < 4; i++) {
      if (p[i] == 0) {
        if (q[i] < 0) {
          return false;
        }
      } else {
        double t = q[i] / p[i];
        if (p[i] < 0) {
          t0 = Math.max(t0, t);
        } else {
          t1 = Math.min(t1, t);
        }
        if (t0 > t1) {
          return false;
        }
      }
    }
    return true;
  }
}
