package dev.unroll.expr;

import java.util.Objects;

/**
 * A time subscript: an index variable plus an offset, such as {@code t+1}, {@code t} or {@code k-1}.
 * Stages of an unrolled network are named relative to the lesson's {@code t}.
 */
public record Time(String variable, int offset) {
  public Time {
    Objects.requireNonNull(variable, "variable");
    // A plain character test, not a regular expression: times are made millions of times.
    if (variable.length() != 1 || variable.charAt(0) < 'a' || variable.charAt(0) > 'z') {
      throw new IllegalArgumentException("A time index is one lower-case letter, got '" + variable + "'.");
    }
  }

  /** The stage {@code t + offset}. */
  public static Time t(int offset) {
    return new Time("t", offset);
  }

  public Time plus(int delta) {
    return new Time(variable, offset + delta);
  }

  /** {@code t+1}, {@code t}, {@code t-2}: the spelling every notation uses inside a subscript. */
  public String spelled() {
    if (offset == 0) {
      return variable;
    }
    return variable + (offset > 0 ? "+" : "-") + Math.abs(offset);
  }

  @Override
  public String toString() {
    return spelled();
  }
}
