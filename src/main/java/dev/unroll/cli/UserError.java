package dev.unroll.cli;

/**
 * Bad input from the user: printed as one line on stderr, exit code 2, no stack trace.
 * The message is a whole sentence saying what was wrong and what is allowed.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
