package dev.unroll.numeric;

/**
 * An expression whose parts have shapes that cannot be combined (a product whose inner sizes differ,
 * a sum or elementwise product of different shapes). {@link #shapes()} names the shapes met, without
 * the expression, for a message to a person who wrote it.
 */
public final class ShapeException extends IllegalArgumentException {
  private final String shapes;

  ShapeException(String message, String shapes) {
    super(message);
    this.shapes = shapes;
  }

  /** What could not be combined, such as {@code a product of 3 x 1 and 2 x 1}. */
  public String shapes() {
    return shapes;
  }
}
