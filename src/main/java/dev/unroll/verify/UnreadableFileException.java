package dev.unroll.verify;

/** The file cannot be verified at all (missing, too large, not text, broken notebook): exit code 2. */
public final class UnreadableFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnreadableFileException(String message) {
    super(message);
  }
}
