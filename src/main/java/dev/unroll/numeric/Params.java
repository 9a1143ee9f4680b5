package dev.unroll.numeric;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Concrete values for every leaf of an unrolled cell: one matrix per declared parameter (a bias
 * vector is a one-column matrix), the initial value of every state (JSON key {@code <state>0}), the
 * inputs of every stage (oldest first) and the target class of every stage (oldest first). The last
 * stage is the lesson's {@code t+1}.
 *
 * <p>The keys come from the cell's declarations, so another cell needs no new code. Values are
 * defensively copied in and out; a {@code Params} never changes.
 *
 * @param activation what the cell's activation placeholder is bound to, or empty if it has none
 * @param sizes the size letters of the declarations ({@code H}, {@code D}, {@code K}) and their values
 * @param steps N, the number of stages
 */
public record Params(
    String activation,
    Map<String, Integer> sizes,
    int steps,
    Map<String, RealMatrix> weights,
    Map<String, RealVector> initial,
    Map<String, List<RealVector>> inputs,
    Map<String, List<Integer>> targets) {

  public Params {
    Objects.requireNonNull(activation, "activation");
    sizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    if (steps < 1) {
      throw new IllegalArgumentException("A check needs at least one stage, got " + steps + ".");
    }
    weights = copyMatrices(weights);
    initial = copyVectors(initial);
    Map<String, List<RealVector>> in = new LinkedHashMap<>();
    inputs.forEach((k, v) -> in.put(k, v.stream().map(RealVector::copy).toList()));
    inputs = java.util.Collections.unmodifiableMap(in);
    Map<String, List<Integer>> tg = new LinkedHashMap<>();
    targets.forEach((k, v) -> tg.put(k, List.copyOf(v)));
    targets = java.util.Collections.unmodifiableMap(tg);
  }

  /** The JSON key of a state's initial value: {@code s0} for the state {@code s}. */
  public static String initialKey(String state) {
    return state + "0";
  }

  /** The keys a params file for this cell holds, in the order they are written. */
  public static List<String> keys(CellDefinition cell) {
    List<String> keys = new ArrayList<>();
    if (!cell.placeholders().isEmpty()) {
      keys.add("activation");
    }
    cell.declarations(Declaration.Kind.PARAM).forEach(d -> keys.add(d.name()));
    cell.declarations(Declaration.Kind.STATE).forEach(d -> keys.add(initialKey(d.name())));
    cell.declarations(Declaration.Kind.INPUT).forEach(d -> keys.add(d.name()));
    cell.declarations(Declaration.Kind.TARGET).forEach(d -> keys.add(d.name()));
    return keys;
  }

  /** A copy of a parameter's value (rows x columns; a bias has one column). */
  public RealMatrix weight(String name) {
    RealMatrix m = weights.get(name);
    if (m == null) {
      throw new IllegalArgumentException("No parameter '" + name + "'; the params hold " + String.join(", ", weights.keySet()) + ".");
    }
    return m.copy();
  }

  /** The same params with one entry of one parameter replaced: what a finite difference perturbs. */
  public Params withEntry(String name, int row, int col, double value) {
    Map<String, RealMatrix> changed = new LinkedHashMap<>(weights);
    RealMatrix m = weight(name);
    m.setEntry(row, col, value);
    changed.put(name, m);
    return new Params(activation, sizes, steps, changed, initial, inputs, targets);
  }

  /** Total number of parameter entries. */
  public long entryCount() {
    return weights.values().stream().mapToLong(m -> (long) m.getRowDimension() * m.getColumnDimension()).sum();
  }

  @Override
  public Map<String, RealMatrix> weights() {
    return copyMatrices(weights);
  }

  @Override
  public Map<String, RealVector> initial() {
    return copyVectors(initial);
  }

  private static Map<String, RealMatrix> copyMatrices(Map<String, RealMatrix> in) {
    Map<String, RealMatrix> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, MatrixUtils.createRealMatrix(v.getData())));
    return java.util.Collections.unmodifiableMap(out);
  }

  private static Map<String, RealVector> copyVectors(Map<String, RealVector> in) {
    Map<String, RealVector> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, v.copy()));
    return java.util.Collections.unmodifiableMap(out);
  }
}
