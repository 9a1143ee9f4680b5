package dev.unroll.symbolic;

import dev.unroll.derive.LossKind;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link SymbolicCrossCheck} compared and what it found, in a form a lesson template can
 * state. Deterministic: the same derivation, sizes and seed give the same record.
 *
 * @param parameter the parameter differentiated, such as {@code W}
 * @param loss the loss differentiated (the last stage's, or the total)
 * @param steps the number of stages N of the unrolled graph that was checked
 * @param sizes the size of each dimension letter ({@code H}, {@code D}, {@code K})
 * @param entries how many entries of the parameter were differentiated
 * @param points how many random rational points each entry was compared at
 * @param mode whether every comparison simplified to 0 exactly, or some were numeric
 * @param digits the working precision of the numeric comparisons, in decimal digits
 * @param worstAbsolute the largest absolute difference between the forward-mode derivative and the derived sum
 * @param worstRelative the largest difference relative to the larger of the two values
 * @param tolerance the relative difference allowed (at least 30 significant digits agree)
 * @param passed whether every comparison was within tolerance
 */
public record CrossCheckResult(String parameter, LossKind loss, int steps, Map<String, Integer> sizes, int entries,
    int points, Mode mode, int digits, double worstAbsolute, double worstRelative, double tolerance, boolean passed) {

  public enum Mode {
    /**
     * Symja simplified every difference to exactly 0. Not produced yet: {@code Simplify} of the
     * difference did not reach 0 within seconds even for N = 2 (../shared/DEPENDENCIES.md), so every
     * check is numeric; kept so a template can already state either outcome.
     */
    EXACT,
    /** At least one comparison was made numerically at a random rational point. */
    NUMERIC
  }

  public CrossCheckResult {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(mode, "mode");
    sizes = java.util.Collections.unmodifiableMap(new TreeMap<>(sizes));
  }

  /** How many values were compared: every entry at every point. */
  public int comparisons() {
    return entries * points;
  }

  /**
   * One sentence for a lesson, such as "Forward-mode differentiation of the unrolled last loss ...
   * matches the derived sum ...".
   */
  public String summary() {
    StringBuilder sizesText = new StringBuilder();
    sizes.forEach((k, v) -> sizesText.append(sizesText.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
    String how = mode == Mode.EXACT ? "exactly (Symja simplified every difference to 0)"
        : String.format(Locale.ROOT, "at %d random rational point%s with %d-digit arithmetic; worst absolute difference "
            + "%.1e, worst relative difference %.1e (tolerance %.0e)", points, points == 1 ? "" : "s", digits,
            worstAbsolute, worstRelative, tolerance);
    return String.format(Locale.ROOT, "Forward-mode differentiation of the unrolled %s loss through every gate of the "
        + "graph (N = %d, %s; Symja's D for each gate's own derivative) with respect to each of the %d entries of %s %s "
        + "the derived sum %s.", loss.spelled(), steps, sizesText, entries, parameter,
        passed ? "matches" : "does NOT match", how);
  }
}
