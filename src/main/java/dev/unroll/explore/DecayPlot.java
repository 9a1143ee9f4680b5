package dev.unroll.explore;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The measured decay as a line plot: for each setting, the relative term norms (solid) and the bound
 * {@code (gamma sigma)^j} (dashed) against the reach j, the norms on a log scale. Drawn with
 * JFreeChart into JFreeSVG with a fixed defs key prefix, so the same decay gives the same bytes.
 * Non-positive norms (a term that is exactly zero) have no place on a log scale and are left out.
 */
public final class DecayPlot {
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e),
  };
  private static final int WIDTH = 640;
  private static final int HEIGHT = 400;

  private DecayPlot() {}

  public static String svg(Decay d) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    int index = 0;
    for (int i = 0; i < d.runs().size(); i++) {
      Decay.Run r = d.runs().get(i);
      Color color = COLORS[i % COLORS.length];
      XYSeries measured = new XYSeries("measured, sigma = " + r.setting().label(), false, true);
      XYSeries bound = new XYSeries("bound, sigma = " + r.setting().label(), false, true);
      for (Decay.TermNorm t : r.terms()) {
        if (t.relative() > 0 && Double.isFinite(t.relative())) {
          measured.add(t.reach(), t.relative());
        }
        if (t.bound() > 0 && Double.isFinite(t.bound())) {
          bound.add(t.reach(), t.bound());
        }
      }
      data.addSeries(measured);
      renderer.setSeriesPaint(index, color);
      renderer.setSeriesStroke(index++, new BasicStroke(2f));
      data.addSeries(bound);
      renderer.setSeriesPaint(index, color);
      renderer.setSeriesStroke(index++, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 4f}, 0f));
    }
    NumberAxis x = new NumberAxis("j, stages back from the newest term");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    LogAxis y = new LogAxis("relative term norm (log scale)");
    y.setBase(10);
    y.setSmallestValue(1e-300);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart("Terms of dE/d" + d.matrix() + " against the bound, " + d.activation()
        + " (gamma = " + DecayTable.number(d.gamma()) + ")", new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    g.setDefsKeyPrefix("unroll-decay-");
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    return g.getSVGDocument();
  }

  /** One pgfplots {@code coordinates} list per series, measured then bound for each run, from the same numbers. */
  public static List<Series> series(Decay d) {
    List<Series> out = new java.util.ArrayList<>();
    for (Decay.Run r : d.runs()) {
      StringBuilder measured = new StringBuilder();
      StringBuilder bound = new StringBuilder();
      for (Decay.TermNorm t : r.terms()) {
        if (t.relative() > 0 && Double.isFinite(t.relative())) {
          measured.append('(').append(t.reach()).append(',').append(coordinate(t.relative())).append(") ");
        }
        if (t.bound() > 0 && Double.isFinite(t.bound())) {
          bound.append('(').append(t.reach()).append(',').append(coordinate(t.bound())).append(") ");
        }
      }
      out.add(new Series("measured, " + r.setting().label(), false, measured.toString().strip()));
      out.add(new Series("bound, " + r.setting().label(), true, bound.toString().strip()));
    }
    return out;
  }

  private static String coordinate(double v) {
    return String.format(Locale.ROOT, "%.6e", v);
  }

  /** A series of points as {@code (x,y) (x,y) ...}; {@code bound} for the dashed bound lines. */
  public record Series(String label, boolean bound, String points) {}
}
