package dev.unroll.derive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable chain of factors that shares its prefix with the chains it was extended from, so the
 * N terms of a sum over N stages cost O(N) memory rather than O(N^2).
 */
public final class Chain {
  private static final Chain EMPTY = new Chain(null, null, 0);

  private final Chain parent;
  private final Factor last;
  private final int length;

  private Chain(Chain parent, Factor last, int length) {
    this.parent = parent;
    this.last = last;
    this.length = length;
  }

  public static Chain empty() {
    return EMPTY;
  }

  public static Chain of(List<Factor> factors) {
    Chain c = EMPTY;
    for (Factor f : factors) {
      c = c.then(f);
    }
    return c;
  }

  public Chain then(Factor factor) {
    return new Chain(this, Objects.requireNonNull(factor, "factor"), length + 1);
  }

  public int length() {
    return length;
  }

  /** The factors in walk order, from the loss towards the parameter. */
  public List<Factor> factors() {
    List<Factor> out = new ArrayList<>(length);
    for (Chain c = this; c.length > 0; c = c.parent) {
      out.add(c.last);
    }
    Collections.reverse(out);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Chain other && other.factors().equals(factors());
  }

  @Override
  public int hashCode() {
    return factors().hashCode();
  }
}
