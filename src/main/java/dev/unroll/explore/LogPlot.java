package dev.unroll.explore;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
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
 * {@code unroll-<key>-}, so the same plot gives the same bytes) and as pgfplots coordinates for the
 * LaTeX version. A line keeps only the points a log scale can show: a zero, negative or non-finite
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

    /** The points as pgfplots reads them after {@code coordinates}: {@code (0,1.000000e+00) (1,2.500000e-01)}. */
    public String coordinates() {
      StringBuilder out = new StringBuilder();
      for (Point p : points) {
        out.append(out.length() == 0 ? "" : " ").append('(').append(p.x()).append(',')
            .append(String.format(Locale.ROOT, "%.6e", p.y())).append(')');
      }
      return out.toString();
    }
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
