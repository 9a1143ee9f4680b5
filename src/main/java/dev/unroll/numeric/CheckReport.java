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
 */
public record CheckReport(String cell, String activation, LossKind loss, Map<String, Integer> sizes, int steps,
    double lossValue, Map<String, RealMatrix> gradients, List<Source> sources, String entries,
    List<Discrepancy> comparisons, List<Diagnosis> diagnoses, Map<Source, String> skipped) {

  public CheckReport {
    Objects.requireNonNull(cell, "cell");
    sizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    gradients = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
    sources = List.copyOf(sources);
    comparisons = List.copyOf(comparisons);
    diagnoses = List.copyOf(diagnoses);
    skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
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

  /** The parameter names, in declaration order. */
  public List<String> parameters() {
    return List.copyOf(gradients.keySet());
  }
}
