package dev.unroll.explore;

import java.util.List;
import java.util.Objects;

/**
 * The measured decay of the derived sum's terms for one activation, one run per setting of the
 * recurrent matrix's largest singular value.
 *
 * @param activation the activation's name
 * @param gamma max |f'|, as Symja found it
 * @param matrix the recurrent weight matrix the settings scale ({@code W})
 * @param steps how many stages (terms) were measured
 * @param seed the seed of the random weights and inputs
 * @param threshold the gradient-norm clipping threshold
 */
public record Decay(String activation, double gamma, String matrix, int steps, long seed, double threshold,
    List<Run> runs) {
  public Decay {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(matrix, "matrix");
    runs = List.copyOf(runs);
  }

  /**
   * One setting's measurement.
   *
   * @param sigma the largest singular value the matrix was scaled to
   * @param gain gamma times sigma, the factor the bound raises to the reach
   * @param terms newest term first (reach 0)
   * @param total the Frobenius norm of the whole sum
   * @param clipped the norm after gradient-norm clipping at the threshold
   */
  public record Run(Setting setting, double sigma, double gain, List<TermNorm> terms, double total, double clipped) {
    public Run {
      terms = List.copyOf(terms);
    }
  }

  /**
   * One term of the sum, reaching {@code reach} stages back from the newest. {@code relative} is its
   * Frobenius norm divided by the norms of the newest delta and of the term's own end vector, which
   * is the norm of the product of the {@code reach} Jacobians the term carries; {@code bound} is
   * {@code (gamma sigma)^reach}.
   */
  public record TermNorm(int reach, double norm, double relative, double bound) {}
}
