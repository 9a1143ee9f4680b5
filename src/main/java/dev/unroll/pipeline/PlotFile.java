package dev.unroll.pipeline;

import dev.unroll.explore.LogPlot;
import dev.unroll.render.PlotView;
import java.util.Map;
import java.util.Objects;

/**
 * A plot a lesson shows: an SVG file next to the lesson, which the Markdown links by {@code name},
 * and the same lines again as a picture in the LaTeX. Both come from one {@link LogPlot}, so the two
 * drawings cannot disagree.
 */
record PlotFile(String name, LogPlot plot) {
  PlotFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(plot, "plot");
  }

  /** The file the lesson's Markdown links, by name. */
  Map<String, String> attachment() {
    return Map.of(name, plot.svg());
  }

  /** The plot as the LaTeX layout draws it. */
  PlotView drawing() {
    return plot.picture();
  }
}
