package dev.unroll.pipeline;

import dev.unroll.derive.LossKind;
import java.util.Objects;

/**
 * What one lesson is about: the cell (a built-in name or a .cell path), how many stages, which
 * parameter, which activation (empty keeps the cell's own), which loss, and whether the sum is written
 * out term by term or in closed form.
 */
public record LessonSpec(String cell, int steps, String wrt, String activation, LossKind loss, Form form) {
  public static final LessonSpec REFERENCE = new LessonSpec("rnn", 3, "W", "tanh", LossKind.LAST);

  /** How the sum is written. */
  public enum Form {
    /** Expanded up to {@link Pipeline#AUTO_COMPACT_ABOVE} stages, closed form above. */
    AUTO,
    EXPANDED,
    COMPACT
  }

  public LessonSpec {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(wrt, "wrt");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(form, "form");
  }

  public LessonSpec(String cell, int steps, String wrt, String activation, LossKind loss) {
    this(cell, steps, wrt, activation, loss, Form.AUTO);
  }

  /**
   * A file-name stem that tells configurations apart: {@code rnn-tanh-W-last-3}; a cell with no
   * activation to choose (an empty one) leaves it out: {@code lstm-Uf-last-3}.
   */
  public String slug() {
    String cellName = cell.replaceAll(".*/", "").replaceAll("\\.cell$", "");
    return cellName + (activation.isEmpty() ? "" : "-" + activation) + "-" + wrt + "-" + loss.spelled() + "-" + steps;
  }
}
