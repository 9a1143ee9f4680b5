package dev.unroll.pipeline;

import dev.unroll.derive.LossKind;
import java.util.Objects;

/**
 * What one lesson is about: the cell (a built-in name or a .cell path), how many stages, which
 * parameter, which activation (empty keeps the cell's own) and which loss.
 */
public record LessonSpec(String cell, int steps, String wrt, String activation, LossKind loss) {
  public static final LessonSpec REFERENCE = new LessonSpec("rnn", 3, "W", "tanh", LossKind.LAST);

  public LessonSpec {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(wrt, "wrt");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(loss, "loss");
  }

  /** A file-name stem that tells configurations apart: {@code rnn-tanh-W-last-3}. */
  public String slug() {
    String cellName = cell.replaceAll(".*/", "").replaceAll("\\.cell$", "");
    return cellName + "-" + activation + "-" + wrt + "-" + loss.spelled() + "-" + steps;
  }
}
