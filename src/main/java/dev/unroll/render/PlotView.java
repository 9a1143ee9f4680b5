package dev.unroll.render;

import java.util.List;
import java.util.Objects;

/**
 * A log-scale line plot laid out for LaTeX's {@code picture} environment with the pict2e package:
 * every coordinate is already in the picture's unit, the axes' frame running from (0, 0) to
 * ({@code width}, {@code height}), so the layout only places what it is given.
 *
 * @param width the frame's width in the picture's unit
 * @param height the frame's height
 * @param xTicks where the x axis is marked, with the number written there
 * @param yTicks where the y axis is marked, with the power of ten written there
 * @param lines one per line of the plot, in the legend's order
 */
public record PlotView(int width, int height, List<Tick> xTicks, List<Tick> yTicks, List<Line> lines) {
  public PlotView {
    xTicks = List.copyOf(xTicks);
    yTicks = List.copyOf(yTicks);
    lines = List.copyOf(lines);
  }

  /** A plot with nothing in it, for a lesson that draws none. */
  public static PlotView none() {
    return new PlotView(0, 0, List.of(), List.of(), List.of());
  }

  /**
   * A mark on an axis.
   *
   * @param at its place along the axis, a number in the picture's unit
   * @param label what is written there, TeX math ({@code 5}, {@code 10^{-3}})
   */
  public record Tick(String at, String label) {}

  /**
   * One line, named as the legend shows it.
   *
   * @param color the line's colour as an index into the layout's palette, from 0
   * @param dashed drawn dashed rather than solid
   * @param path the pict2e commands that draw it: one {@code \polyline} through its points, or, dashed,
   *     one {@code \multiput} of short {@code \Line}s from each point to the next; empty for a line
   *     with no point a log scale can show
   */
  public record Line(String label, int color, boolean dashed, String path) {
    public Line {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(path, "path");
    }
  }
}
