package dev.unroll.cell;

import java.util.List;
import java.util.Objects;

/**
 * A declared quantity of a cell: its name, what it is and its shape in size letters
 * ({@code H}, {@code D}, {@code K}). A matrix has two dimensions, a vector one.
 */
public record Declaration(String name, Kind kind, List<String> shape) {
  public enum Kind {
    INPUT, STATE, TARGET, PARAM
  }

  public Declaration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    shape = List.copyOf(shape);
    if (shape.isEmpty() || shape.size() > 2) {
      throw new IllegalArgumentException("'" + name + "' needs one or two dimensions, got " + shape.size() + ".");
    }
    if (kind != Kind.PARAM && shape.size() != 1) {
      throw new IllegalArgumentException("'" + name + "' is a per-stage vector and takes one dimension.");
    }
  }

  public boolean isMatrix() {
    return shape.size() == 2;
  }
}
