package dev.unroll.files;

/** Another process (or another build in this one) holds the lock of the output asked for: bad input, exit 2. */
public final class OutputBusyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  OutputBusyException(String message) {
    super(message);
  }
}
