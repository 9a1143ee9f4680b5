package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.hipparchus.linear.RealMatrix;

/**
 * The outcome of a numeric check: what was compared (sources, sizes, which entries), the loss, the
 * backward pass's gradients, every source's {@link Discrepancy} from automatic differentiation per
 * parameter, and for each failing derived sum the {@link Diagnosis} naming the term.
 *
 * @param cell the cell's name
 * @param activation what the activation placeholder was bound to ("" if none)
 * @param sources the sources compared, reference last
 * @param entries which entries the references computed, as a sentence fragment ("all 45 entries")
 * @param skipped sources that were not run, with the reason
 * @param notes every exclusion and change of method, one sentence each (entries finite differences
 *     left out at a kink, reference entries taken again with 40-digit numbers)
 */
public record CheckReport(String cell, String activation, LossKind loss, Map<String, Integer> sizes, int steps,
    double lossValue, Map<String, RealMatrix> gradients, List<Source> sources, String entries,
    List<Discrepancy> comparisons, List<Diagnosis> diagnoses, Map<Source, String> skipped, List<String> notes) {

  public CheckReport {
    Objects.requireNonNull(cell, "cell");
    sizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    gradients = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
    sources = List.copyOf(sources);
    comparisons = List.copyOf(comparisons);
    diagnoses = List.copyOf(diagnoses);
    skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    notes = List.copyOf(notes);
  }

  /** True if every source is within its tolerance for every parameter. */
  public boolean passed() {
    return comparisons.stream().allMatch(Discrepancy::passed);
  }

  public List<Discrepancy> failures() {
    return comparisons.stream().filter(c -> !c.passed()).toList();
  }

  /** The largest relative error of a source over all parameters, if it was compared. */
  public OptionalDouble worst(Source source) {
    return comparisons.stream().filter(c -> c.source() == source).mapToDouble(Discrepancy::relativeError).max();
  }

  /** The relative error of a source for one parameter, if it was compared. */
  public OptionalDouble worst(Source source, String parameter) {
    return comparisons.stream().filter(c -> c.source() == source && c.parameter().equals(parameter))
        .mapToDouble(Discrepancy::relativeError).max();
  }

  /**
   * One paragraph for a lesson's "Checked" section, plain text with no TeX specials:
   * "On seeded random weights (cell rnn, tanh, last loss, H = 4, D = 3, K = 3, N = 3), the backward
   * pass, the derived sum, ... were each compared with forward-mode automatic differentiation on all
   * 40 entries. Worst relative errors: backward pass 2.8e-16, ... Passed." (or "Failed: ...").
   */
  public String summary() {
    List<String> sizeText = new java.util.ArrayList<>();
    sizes.forEach((k, v) -> sizeText.add(k + " = " + v));
    List<Source> compared = sources.stream().filter(s -> s != Source.AUTOMATIC_DIFFERENTIATION).toList();
    List<String> names = compared.stream().map(Source::phrase).toList();
    List<String> worst = compared.stream().map(s -> s.label() + " " + scientific(worst(s).orElse(Double.NaN), 1)).toList();
    boolean approximate = compared.contains(Source.FINITE_DIFFERENCES);
    String tolerances = "tolerance " + scientific(Source.EXACT, 0) + " plus the gradient's measured rounding floor"
        + (approximate ? ", finite differences also within twice their own error estimate" : "");
    String verdict = passed() ? "Passed." : "Failed: " + String.join("; ", failures().stream()
        .map(f -> f.source().label() + " of d/d" + f.parameter()).toList()) + ".";
    return String.format(java.util.Locale.ROOT,
        "On seeded random weights (cell %s, %s%s loss, %s, N = %d), %s %s compared with forward-mode automatic "
            + "differentiation on %s. Worst relative errors (normwise per parameter): %s (%s). %s",
        cell, activation.isEmpty() ? "" : activation + ", ", loss.spelled(), String.join(", ", sizeText), steps,
        list(names), names.size() == 1 ? "was" : "were each", entries, String.join(", ", worst), tolerances, verdict)
        + (notes.isEmpty() ? "" : " " + String.join(" ", notes.stream().map(CheckReport::capitalized).toList()));
  }

  private static String capitalized(String sentence) {
    return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }

  /** 2.8e-16, 1e-6: Java's exponent without its padding zero. */
  private static String scientific(double x, int digits) {
    return String.format(java.util.Locale.ROOT, "%." + digits + "e", x).replace("e-0", "e-").replace("e+0", "e+");
  }

  private static String list(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  /** The parameter names, in declaration order. */
  public List<String> parameters() {
    return List.copyOf(gradients.keySet());
  }
}
