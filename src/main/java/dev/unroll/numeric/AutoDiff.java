package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Forward-mode automatic differentiation of the forward pass with Hipparchus {@link Gradient}
 * numbers: the chosen entries are the free variables, every other entry a constant. Entries are
 * differentiated {@link #CHUNK} at a time, so memory stays bounded; the cost is about (entries) times
 * one forward pass, which is why large checks sample entries.
 */
public final class AutoDiff {
  /** Free variables per forward pass. */
  public static final int CHUNK = 64;

  /** dE/dP at every sampled entry, in the sample's order. */
  public Map<String, double[]> gradients(UnrolledGraph graph, Params params, LossKind loss, EntrySample sample) {
    Layout layout = new Layout(graph, params);
    Map<String, RealMatrix> weights = params.weights();
    List<String> names = new ArrayList<>();
    List<EntrySample.Entry> flat = new ArrayList<>();
    sample.entries().forEach((name, list) -> list.forEach(e -> {
      names.add(name);
      flat.add(e);
    }));
    Map<String, double[]> out = new LinkedHashMap<>();
    sample.entries().forEach((name, list) -> out.put(name, new double[list.size()]));
    Map<String, Integer> cursor = new LinkedHashMap<>();
    for (int start = 0; start < flat.size(); start += CHUNK) {
      int count = Math.min(CHUNK, flat.size() - start);
      GradientField field = GradientField.getField(count);
      Map<String, Map<EntrySample.Entry, Gradient>> seeds = new LinkedHashMap<>();
      for (int k = 0; k < count; k++) {
        seeds.computeIfAbsent(names.get(start + k), n -> new LinkedHashMap<>()).put(flat.get(start + k), Gradient.variable(count, k, 0));
      }
      Gradient result = new FieldForward<>(field, AutoDiff::times).loss(layout, weights, seeds, loss);
      for (int k = 0; k < count; k++) {
        String name = names.get(start + k);
        int at = cursor.merge(name, 1, Integer::sum) - 1;
        out.get(name)[at] = result.getPartialDerivative(k);
      }
    }
    return out;
  }

  /** Below this, a double derivative may have lost digits to underflow on its way through the network. */
  static final double TINY = 1e-250;

  /**
   * dE/dP at the given entries, each seeded with {@code 2^exponent} instead of 1 and the result
   * divided by it again (both exact in binary): the reference for entries whose double derivative
   * underflowed. A forward-mode derivative passes through the tiny partial products of the early
   * stages before the large ones of the late stages, so it underflows where the backward pass,
   * multiplying the other way round, does not; a seed as large as the gradient is small keeps every
   * partial product in range.
   */
  public Map<String, double[]> scaled(UnrolledGraph graph, Params params, LossKind loss, Map<String, List<EntrySample.Entry>> entries,
      int exponent) {
    Layout layout = new Layout(graph, params);
    double seed = Math.scalb(1.0, exponent);
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<EntrySample.Entry>> e : entries.entrySet()) {
      double[] values = new double[e.getValue().size()];
      for (int start = 0; start < values.length; start += CHUNK) {
        int count = Math.min(CHUNK, values.length - start);
        GradientField field = GradientField.getField(count);
        Map<EntrySample.Entry, Gradient> seeds = new LinkedHashMap<>();
        for (int k = 0; k < count; k++) {
          double[] unit = new double[count];
          unit[k] = seed;
          seeds.put(e.getValue().get(start + k), new Gradient(0, unit));
        }
        Gradient result = new FieldForward<>(field, AutoDiff::times).loss(layout, params.weights(), Map.of(e.getKey(), seeds), loss);
        for (int k = 0; k < count; k++) {
          values[start + k] = Math.scalb(result.getPartialDerivative(k), -exponent);
        }
      }
      out.put(e.getKey(), values);
    }
    return out;
  }

  /**
   * M x for gradient numbers as one Hipparchus matrix product: the values and the partial
   * derivatives of x are the columns of one matrix, and M maps each column, since the derivative of
   * a linear map is the map itself.
   */
  static Gradient[] times(RealMatrix m, Gradient[] x) {
    int p = x[0].getFreeParameters();
    double[][] columns = new double[x.length][p + 1];
    for (int j = 0; j < x.length; j++) {
      columns[j][0] = x[j].getValue();
      System.arraycopy(x[j].getGradient(), 0, columns[j], 1, p);
    }
    RealMatrix y = m.multiply(MatrixUtils.createRealMatrix(columns));
    Gradient[] out = new Gradient[y.getRowDimension()];
    for (int i = 0; i < out.length; i++) {
      double[] row = y.getRow(i);
      out[i] = new Gradient(row[0], java.util.Arrays.copyOfRange(row, 1, p + 1));
    }
    return out;
  }
}
