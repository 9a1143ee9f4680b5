package dev.unroll.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a lesson's plot back from what its LaTeX draws: the axes' scales from the marks and the
 * numbers written at them, then each line's points from its pict2e path, so that a test can compare
 * the drawn numbers with the numbers the lesson states. Reads both the rendered {@code .tex} and the
 * {@link PlotView} the layout renders.
 */
public final class PlotReading {
  private static final String NUM = "(-?[0-9.]+)";
  private static final Pattern Y_TICK = Pattern.compile(
      "\\\\put\\(0," + NUM + "\\)\\{\\\\line\\(1,0\\)\\{2}}.*\\$10\\^\\{(-?\\d+)}\\$");
  private static final Pattern X_TICK = Pattern.compile(
      "\\\\put\\(" + NUM + ",0\\)\\{\\\\line\\(0,1\\)\\{2}}.*\\$(-?\\d+)\\$");
  private static final Pattern POLYLINE = Pattern.compile("\\\\polyline((?:\\(" + NUM + "," + NUM + "\\))+)");
  private static final Pattern PAIR = Pattern.compile("\\(" + NUM + "," + NUM + "\\)");
  private static final Pattern DASHES = Pattern.compile("\\\\multiput\\(" + NUM + "," + NUM + "\\)\\(" + NUM + "," + NUM
      + "\\)\\{(\\d+)}\\{\\\\Line\\(0,0\\)\\(" + NUM + "," + NUM + "\\)}");
  private static final Pattern DOT = Pattern.compile("\\\\put\\(" + NUM + "," + NUM + "\\)\\{\\\\circle\\*");

  private final Map<String, List<double[]>> lines;

  private PlotReading(Map<String, List<double[]>> lines) {
    this.lines = lines;
  }

  /** The plot a lesson's {@code .tex} draws (its first, when it draws several). */
  public static PlotReading of(String latex) {
    int start = latex.indexOf("% a log-scale plot");
    if (start < 0) {
      throw new AssertionError("the LaTeX draws no plot");
    }
    String plot = latex.substring(start, latex.indexOf("\\end{picture}", start));
    List<double[]> yTicks = ticks(Y_TICK, plot);
    List<double[]> xTicks = ticks(X_TICK, plot);
    Map<String, String> paths = new LinkedHashMap<>();
    String[] rows = plot.split("\n");
    for (int i = 0; i + 1 < rows.length; i++) {
      if (rows[i].startsWith("% ") && rows[i + 1].startsWith("\\put(0,0){\\color{")) {
        paths.put(rows[i].substring(2), rows[i + 1]);
      }
    }
    return read(xTicks, yTicks, paths);
  }

  /** The plot a layout draws. */
  public static PlotReading of(PlotView view) {
    List<double[]> xTicks = view.xTicks().stream()
        .map(t -> new double[] {Double.parseDouble(t.at()), Double.parseDouble(t.label())}).toList();
    List<double[]> yTicks = view.yTicks().stream()
        .map(t -> new double[] {Double.parseDouble(t.at()), Double.parseDouble(t.label().replaceAll("10\\^\\{(-?\\d+)}", "$1"))})
        .toList();
    Map<String, String> paths = new LinkedHashMap<>();
    view.lines().forEach(l -> paths.put(l.label(), l.path()));
    return read(xTicks, yTicks, paths);
  }

  /** The labels of the lines, in the legend's order. */
  public List<String> labels() {
    return List.copyOf(lines.keySet());
  }

  /** The y values of the line with this label, in the order drawn. */
  public double[] ys(String label) {
    return points(label).stream().mapToDouble(p -> p[1]).toArray();
  }

  /** The points (x, y) of the line with this label, in the order drawn. */
  public List<double[]> points(String label) {
    List<double[]> p = lines.get(label);
    if (p == null) {
      throw new AssertionError("no line " + label + " among " + lines.keySet());
    }
    return p;
  }

  private static List<double[]> ticks(Pattern p, String plot) {
    List<double[]> out = new ArrayList<>();
    Matcher m = p.matcher(plot);
    while (m.find()) {
      out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
    }
    return out;
  }

  private static PlotReading read(List<double[]> xTicks, List<double[]> yTicks, Map<String, String> paths) {
    if (xTicks.size() < 2 || yTicks.size() < 2) {
      throw new AssertionError("a plot needs two marks on each axis to be read, got " + xTicks.size() + " and " + yTicks.size());
    }
    double[] x = scale(xTicks);
    double[] y = scale(yTicks);
    Map<String, List<double[]>> lines = new LinkedHashMap<>();
    paths.forEach((label, path) -> {
      List<double[]> drawn = new ArrayList<>();
      Matcher poly = POLYLINE.matcher(path);
      Matcher dashes = DASHES.matcher(path);
      Matcher dot = DOT.matcher(path);
      if (poly.find()) {
        Matcher pair = PAIR.matcher(poly.group(1));
        while (pair.find()) {
          drawn.add(new double[] {Double.parseDouble(pair.group(1)), Double.parseDouble(pair.group(2))});
        }
      } else if (dashes.find()) {
        double[] end = null;
        do {
          double sx = Double.parseDouble(dashes.group(3));
          double sy = Double.parseDouble(dashes.group(4));
          int n = Integer.parseInt(dashes.group(5));
          double px = Double.parseDouble(dashes.group(1));
          double py = Double.parseDouble(dashes.group(2));
          drawn.add(new double[] {px, py});
          end = new double[] {px + (n - 1) * sx + Double.parseDouble(dashes.group(6)),
              py + (n - 1) * sy + Double.parseDouble(dashes.group(7))};
        } while (dashes.find());
        drawn.add(end);
      } else if (dot.find()) {
        drawn.add(new double[] {Double.parseDouble(dot.group(1)), Double.parseDouble(dot.group(2))});
      }
      lines.put(label, drawn.stream()
          .map(p -> new double[] {x[0] + p[0] * x[1], Math.pow(10, y[0] + p[1] * y[1])}).toList());
    });
    return new PlotReading(lines);
  }

  /** From the first and last mark: the value at the frame's edge and the value per unit. */
  private static double[] scale(List<double[]> ticks) {
    double[] a = ticks.get(0);
    double[] b = ticks.get(ticks.size() - 1);
    double per = (b[1] - a[1]) / (b[0] - a[0]);
    return new double[] {a[1] - a[0] * per, per};
  }
}
