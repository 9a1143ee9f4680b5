package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
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
      Map<String, Gradient[][]> values = new LinkedHashMap<>();
      weights.forEach((name, m) -> {
        Gradient[][] g = new Gradient[m.getRowDimension()][m.getColumnDimension()];
        for (int i = 0; i < g.length; i++) {
          for (int j = 0; j < g[i].length; j++) {
            g[i][j] = Gradient.constant(count, m.getEntry(i, j));
          }
        }
        values.put(name, g);
      });
      for (int k = 0; k < count; k++) {
        EntrySample.Entry e = flat.get(start + k);
        values.get(names.get(start + k))[e.row()][e.col()] = Gradient.variable(count, k, weights.get(names.get(start + k)).getEntry(e.row(), e.col()));
      }
      Gradient result = new FieldForward<>(field).loss(layout, values, loss);
      for (int k = 0; k < count; k++) {
        String name = names.get(start + k);
        int at = cursor.merge(name, 1, Integer::sum) - 1;
        out.get(name)[at] = result.getPartialDerivative(k);
      }
    }
    return out;
  }
}
