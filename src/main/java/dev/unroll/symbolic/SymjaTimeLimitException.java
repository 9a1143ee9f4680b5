package dev.unroll.symbolic;

import java.time.Duration;

/**
 * Symja did not finish a question within its time limit ({@link SymjaSession#limited}). The message is
 * one sentence saying what it could not do and in how long, for the command line to print as it stops
 * (an {@link IllegalArgumentException}: the input asked for more than the engine can do in time, and
 * the command exits 2 having written nothing).
 */
public final class SymjaTimeLimitException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SymjaTimeLimitException(String what, Duration limit) {
    super("Symja could not " + what + " within " + limit.toSeconds() + " s; nothing was written.");
  }
}
