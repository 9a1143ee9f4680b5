package dev.unroll.verify;

/** A formula the TeX reader cannot read; {@code offset} is where in the span it gave up. */
public final class TexSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int offset;

  public TexSyntaxException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
