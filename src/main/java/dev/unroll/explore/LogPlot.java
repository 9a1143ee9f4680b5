package dev.unroll.explore;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import dev.unroll.render.PlotView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * A line plot of measured numbers against a whole-number x, the y axis on a log scale, drawn two
 * ways from the same points: as SVG (JFreeChart into JFreeSVG with the fixed defs key prefix
 * {@code unroll-<key>-}, so the same plot gives the same bytes) and laid out for the LaTeX version
 * ({@link #picture}). A line keeps only the points a log scale can show: a zero, negative or non-finite
 * value (a term that is exactly zero) is left out when the line is made, so both drawings leave it out.
 *
 * @param key a short name for the SVG's defs ids, {@code decay} or {@code norms}
 */
public record LogPlot(String key, String title, String xLabel, String yLabel, List<Line> lines) {
  /** The palette; a line's {@code color} indexes it modulo its size, as the LaTeX layout's colour names do. */
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e),
  };
  private static final int WIDTH = 640;
  private static final int HEIGHT = 400;

  public LogPlot {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(xLabel, "xLabel");
    Objects.requireNonNull(yLabel, "yLabel");
    lines = List.copyOf(lines);
  }

  /** One point of a line. */
  public record Point(int x, double y) {}

  /**
   * One line, named as the legend shows it.
   *
   * @param color the palette index, from 0
   * @param dashed drawn dashed rather than solid
   * @param points the points a log scale can show, in the order given
   */
  public record Line(String label, int color, boolean dashed, List<Point> points) {
    public Line {
      Objects.requireNonNull(label, "label");
      if (color < 0) {
        throw new IllegalArgumentException("A line's color is an index from 0, got " + color + ".");
      }
      points = points.stream().filter(p -> p.y() > 0 && Double.isFinite(p.y())).toList();
    }

    /** The line through {@code (j, values[j])} for every j. */
    public static Line of(String label, int color, boolean dashed, double[] values) {
      return new Line(label, color, dashed,
          java.util.stream.IntStream.range(0, values.length).mapToObj(j -> new Point(j, values[j])).toList());
    }
  }

  /** The picture's frame, in its unit: the lesson layout sets the unit so that its whole picture spans 0.9 of the line. */
  static final int FRAME_WIDTH = 170;
  static final int FRAME_HEIGHT = 100;
  /** At most this many labelled marks on an axis. */
  private static final int MAX_TICKS = 10;
  /** A dash and the gap after it, in the picture's unit (about 3 pt each at the lessons' size). */
  private static final double DASH = 1.3;

  /**
   * The plot laid out for LaTeX's {@code picture} environment (pict2e): the x axis from the least to
   * the largest x of any point, the y axis over whole powers of ten from the one at or below the least
   * y to the one at or above the largest, and each line's points placed on that frame. A dashed line is
   * drawn segment by segment, each from one point to the next as a whole number of dashes that starts
   * and ends on the points, so the dashes meet at every corner.
   */
  public PlotView picture() {
    List<Point> all = lines.stream().flatMap(l -> l.points().stream()).toList();
    int xLow = all.stream().mapToInt(Point::x).min().orElse(0);
    int xHigh = Math.max(xLow + 1, all.stream().mapToInt(Point::x).max().orElse(1));
    int yLow = (int) Math.floor(all.stream().mapToDouble(p -> Math.log10(p.y())).min().orElse(0) + 1e-12);
    int yHigh = Math.max(yLow + 1, (int) Math.ceil(all.stream().mapToDouble(p -> Math.log10(p.y())).max().orElse(1) - 1e-12));
    double xScale = (double) FRAME_WIDTH / (xHigh - xLow);
    double yScale = (double) FRAME_HEIGHT / (yHigh - yLow);
    List<PlotView.Tick> xTicks = new ArrayList<>();
    int xStep = step(xHigh - xLow, new int[] {1, 2, 5});
    for (int x = Math.floorDiv(xLow + xStep - 1, xStep) * xStep; x <= xHigh; x += xStep) {
      xTicks.add(new PlotView.Tick(coordinate((x - xLow) * xScale), Integer.toString(x)));
    }
    List<PlotView.Tick> yTicks = new ArrayList<>();
    int yStep = step(yHigh - yLow, new int[] {1, 2, 3, 5});
    for (int k = Math.floorDiv(yLow + yStep - 1, yStep) * yStep; k <= yHigh; k += yStep) {
      yTicks.add(new PlotView.Tick(coordinate((k - yLow) * yScale), "10^{" + k + "}"));
    }
    List<PlotView.Line> drawn = new ArrayList<>();
    for (Line line : lines) {
      List<double[]> at = line.points().stream()
          .map(p -> new double[] {(p.x() - xLow) * xScale, (Math.log10(p.y()) - yLow) * yScale}).toList();
      drawn.add(new PlotView.Line(line.label(), line.color(), line.dashed(), line.dashed() ? dashed(at) : solid(at)));
    }
    return new PlotView(FRAME_WIDTH, FRAME_HEIGHT, xTicks, yTicks, drawn);
  }

  /** The least step of the form base * 10^k that marks a span with at most {@link #MAX_TICKS} ticks. */
  private static int step(int span, int[] bases) {
    for (int power = 1; ; power *= 10) {
      for (int base : bases) {
        if (span / (base * power) < MAX_TICKS) {
          return base * power;
        }
      }
    }
  }

  private static String solid(List<double[]> at) {
    if (at.isEmpty()) {
      return "";
    }
    if (at.size() == 1) {
      return "\\put" + pair(at.get(0)) + "{\\circle*{1.5}}";
    }
    StringBuilder out = new StringBuilder("\\polyline");
    at.forEach(p -> out.append(pair(p)));
    return out.toString();
  }

  /**
   * A dashed line: for each segment, {@code n} dashes of length d with gaps of length d between them,
   * {@code (2n - 1) d} the segment's length, as {@code \multiput(start)(step){n}{\Line(0,0)(dash)}}.
   */
  private static String dashed(List<double[]> at) {
    if (at.size() < 2) {
      return solid(at);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < at.size(); i++) {
      double[] p = at.get(i);
      double dx = at.get(i + 1)[0] - p[0];
      double dy = at.get(i + 1)[1] - p[1];
      int n = Math.max(1, (int) Math.round((Math.hypot(dx, dy) / DASH + 1) / 2));
      double fx = dx / (2 * n - 1);
      double fy = dy / (2 * n - 1);
      out.append("\\multiput").append(pair(p)).append('(').append(fine(2 * fx)).append(',').append(fine(2 * fy)).append("){")
          .append(n).append("}{\\Line(0,0)(").append(fine(fx)).append(',').append(fine(fy)).append(")}");
    }
    return out.toString();
  }

  private static String pair(double[] p) {
    return "(" + coordinate(p[0]) + "," + coordinate(p[1]) + ")";
  }

  /** A place in the picture, to a thousandth of its unit. */
  private static String coordinate(double v) {
    return signless(String.format(Locale.ROOT, "%.3f", v));
  }

  /** A dash's step, finer, since it is multiplied by the number of dashes. */
  private static String fine(double v) {
    return signless(String.format(Locale.ROOT, "%.5f", v));
  }

  private static String signless(String s) {
    return s.matches("-0\\.0*") ? s.substring(1) : s;
  }

  /**
   * Starts what the first drawing waits for (Java2D's fonts, the chart library's classes), about a
   * fifth of a second, so that a caller can do it beside other work and draw later at full speed.
   */
  public static void warmUp() {
    new LogPlot("warm-up", "j", "j", "y", List.of(Line.of("y", 0, false, new double[] {1, 0.5}))).svg();
  }

  /** The plot as a standalone SVG document, the same bytes for the same plot. */
  public String svg() {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      XYSeries series = new XYSeries(line.label(), false, true);
      line.points().forEach(p -> series.add(p.x(), p.y()));
      data.addSeries(series);
      renderer.setSeriesPaint(i, COLORS[line.color() % COLORS.length]);
      renderer.setSeriesStroke(i, line.dashed()
          ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
          : new BasicStroke(2f));
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    LogAxis y = new LogAxis(yLabel);
    y.setBase(10);
    y.setSmallestValue(1e-300);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT)); // whole powers of ten, never 10^-0.5
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    g.setDefsKeyPrefix("unroll-" + key + "-");
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    return g.getSVGDocument();
  }
}
