package dev.unroll.cell;

/** A cell definition that cannot be read; the message names the file, line and column. */
public final class CellFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CellFormatException(String source, int line, int column, String message) {
    super(source + ":" + line + ":" + column + ": " + message);
  }
}
