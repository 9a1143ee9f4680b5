package dev.unroll.derive;

import dev.unroll.unroll.Node;
import java.util.List;
import java.util.Objects;

/**
 * One path from a loss to the parameter: one term of the chain-rule sum.
 *
 * @param loss the per-stage loss node the path starts at
 * @param chain the factors met on the way, loss first
 * @param end how the path ends at the parameter
 */
public record Term(Node loss, Chain chain, Terminal end) {
  public Term {
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(end, "end");
  }

  public List<Factor> factors() {
    return chain.factors();
  }

  /** How many multiplication gates the path passes through with this matrix ({@code W}: k for a term reaching back k stages). */
  public long count(String matrix) {
    return factors().stream()
        .filter(f -> f instanceof Factor.Through t && t.matrix().name().map(n -> n.name().equals(matrix)).orElse(false))
        .count();
  }
}
