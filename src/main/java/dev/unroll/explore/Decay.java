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
 * @param loss whose gradient was measured: the newest stage's loss, or the total
 */
public record Decay(String activation, double gamma, String matrix, int steps, long seed, double threshold,
    dev.unroll.derive.LossKind loss, List<Run> runs) {
  public Decay {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(loss, "loss");
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
   * The terms of the sum that reach {@code reach} stages back from their own loss's stage.
   * {@code spectral} is the largest spectral norm (largest singular value) among the products of
   * {@code reach} column factors these terms carry; {@code bound} is {@code (gamma sigma)^reach}, which
   * bounds every such product; {@code norm} is the Frobenius norm of the sum of these terms;
   * {@code count} how many terms reach that far (one for the last loss).
   */
  public record TermNorm(int reach, double norm, double spectral, double bound, int count) {
    /** Whether the measured product lies under its bound, allowing for rounding. */
    public boolean under() {
      return spectral <= bound * (1 + 1e-9);
    }
  }
}
