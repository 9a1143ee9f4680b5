package dev.unroll.render;

import java.util.List;
import java.util.Objects;

/**
 * Everything the lesson of a gated cell (LSTM, GRU) shows, already typeset or measured: the cell's
 * equations, its adjoint equations at a general stage k and at the newest stage, the gradient of
 * the chosen parameter, the memory state's own path next to its full one-step Jacobian, and a table
 * of measured norms with its plot and the sentences those numbers support. {@code gated} is always true: the
 * layouts choose the gated body by it.
 *
 * @param memory the state path section; {@code present} false for a cell with no state updated by a
 *     gate times its previous value (the GRU's keep factor {@code 1 - z_t} is not a named value)
 * @param rows the measured table, one row per distance j
 * @param findings sentences generated from the measured numbers, so the lesson states nothing they contradict
 * @param symbolicNote what happened to the symbolic cross-check, in words
 */
public record GatedLessonView(
    boolean gated,
    String title,
    String cellName,
    String cellTitle,
    int steps,
    String parameter,
    String parameterTex,
    String parameters,
    String loss,
    String lossTex,
    String gradientTex,
    String equations,
    String generalStage,
    String newestStage,
    String gradient,
    PathCountView paths,
    MemoryView memory,
    MeasureView measure,
    List<LessonView.CheckView> checks,
    String symbolicNote,
    String diagram) {

  public GatedLessonView {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(measure, "measure");
    checks = List.copyOf(checks);
  }

  /**
   * How many terms the expanded sum of the chosen gradient would have, as the engine counts its paths:
   * {@code here} over the lesson's stages, {@code far} over {@code farSteps} (0 when the lesson is
   * already that long), both as TeX.
   */
  public record PathCountView(String here, int farSteps, String far) {}

  /**
   * The memory state's path: {@code along} is {@code \partial E/\partial c_k} along c's own path
   * (the product of the gate), {@code full} the full adjoint equation of {@code c_k} with every
   * route, {@code step} the full one-step Jacobian {@code (\partial c_k/\partial c_{k-1})^\top}
   * including the paths through h and the gates, {@code ownStep} its own-path part.
   */
  public record MemoryView(boolean present, String stateTex, String gateTex, String along, String full, String step,
      String ownStep) {}

  /**
   * The measured comparison: the columns' headings (TeX-free words), the rows, the settings, and the
   * plot of the same norms at every distance.
   *
   * @param columns headings after the distance column
   * @param rows each row's distance and formatted norms
   * @param plot the plot's file name next to the lesson, which the Markdown links
   * @param drawing the plot laid out for the LaTeX, one line per column, labelled as the columns are
   */
  public record MeasureView(int steps, String setup, List<String> columns, List<RowView> rows, List<String> findings,
      String plot, PlotView drawing) {
    public MeasureView {
      Objects.requireNonNull(plot, "plot");
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
      findings = List.copyOf(findings);
      Objects.requireNonNull(drawing, "drawing");
    }
  }

  /** One row of the table: the distance j and a norm per column. */
  public record RowView(int distance, List<String> values) {
    public RowView {
      values = List.copyOf(values);
    }
  }
}
