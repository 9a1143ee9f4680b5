package dev.unroll.course;

import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.LessonSpec;
import java.util.Objects;

/**
 * The exercise one student gets: a cell, the number of stages, the parameter, the loss and (for a
 * cell that leaves it open) the activation. Its {@link #id()} is the slug of the lesson that is its
 * answer key.
 */
public record Variant(String cell, int steps, String parameter, LossKind loss, String activation) {
  public Variant {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(activation, "activation");
  }

  /** The lesson this variant's answer key is, written out term by term. */
  public LessonSpec spec() {
    return new LessonSpec(cell, steps, parameter, activation, loss, LessonSpec.Form.EXPANDED);
  }

  public String id() {
    return spec().slug();
  }
}
