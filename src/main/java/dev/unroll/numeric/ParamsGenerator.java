package dev.unroll.numeric;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Seeded random params for a cell. Weights and initial states are uniform on
 * {@code [-1/sqrt(H), 1/sqrt(H)]} with H the parameter's column count (the scale PyTorch's
 * {@code nn.RNN} initialises with, so tanh neither saturates nor vanishes at once); inputs are uniform
 * on {@code [-1, 1]}; targets are uniform class indices. The same seed and sizes give the same params
 * on every machine ({@link SplittableRandom} is specified exactly), drawn key by key in declaration order.
 */
public final class ParamsGenerator {
  private final CellDefinition cell;

  public ParamsGenerator(CellDefinition cell) {
    this.cell = cell;
  }

  /**
   * @param sizes a value for every size letter the cell's declarations use
   * @param activation what to bind the activation placeholder to, or empty to keep the cell's own
   */
  public Params generate(long seed, Map<String, Integer> sizes, int steps, String activation) {
    for (Declaration d : cell.declarations()) {
      for (String letter : d.shape()) {
        Integer v = sizes.get(letter);
        if (v == null || v < 1) {
          throw new IllegalArgumentException("The size " + letter + " of '" + d.name() + "' must be a positive whole number, got " + v + ".");
        }
      }
    }
    String bound = activation;
    if (bound.isEmpty() && !cell.placeholders().isEmpty()) {
      bound = cell.placeholders().values().iterator().next();
    }
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, RealMatrix> weights = new LinkedHashMap<>();
    for (Declaration d : cell.declarations(Declaration.Kind.PARAM)) {
      int rows = sizes.get(d.shape().get(0));
      int cols = d.isMatrix() ? sizes.get(d.shape().get(1)) : 1;
      double scale = 1 / Math.sqrt(d.isMatrix() ? cols : rows);
      double[][] data = new double[rows][cols];
      for (double[] row : data) {
        for (int j = 0; j < cols; j++) {
          row[j] = uniform(random, scale);
        }
      }
      weights.put(d.name(), MatrixUtils.createRealMatrix(data));
    }
    Map<String, RealVector> initial = new LinkedHashMap<>();
    for (Declaration d : cell.declarations(Declaration.Kind.STATE)) {
      int n = sizes.get(d.shape().get(0));
      initial.put(d.name(), vector(random, n, 1 / Math.sqrt(n)));
    }
    Map<String, List<RealVector>> inputs = new LinkedHashMap<>();
    for (Declaration d : cell.declarations(Declaration.Kind.INPUT)) {
      List<RealVector> list = new ArrayList<>();
      for (int i = 0; i < steps; i++) {
        list.add(vector(random, sizes.get(d.shape().get(0)), 1));
      }
      inputs.put(d.name(), list);
    }
    Map<String, List<Integer>> targets = new LinkedHashMap<>();
    for (Declaration d : cell.declarations(Declaration.Kind.TARGET)) {
      List<Integer> list = new ArrayList<>();
      for (int i = 0; i < steps; i++) {
        list.add(random.nextInt(sizes.get(d.shape().get(0))));
      }
      targets.put(d.name(), list);
    }
    Map<String, Integer> used = new LinkedHashMap<>();
    List<Declaration> paramsFirst = new ArrayList<>(cell.declarations(Declaration.Kind.PARAM));
    paramsFirst.addAll(cell.declarations());
    for (Declaration d : paramsFirst) {
      d.shape().forEach(l -> used.put(l, sizes.get(l)));
    }
    return new Params(bound, used, steps, weights, initial, inputs, targets);
  }

  private static RealVector vector(SplittableRandom random, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = uniform(random, scale);
    }
    return new ArrayRealVector(v, false);
  }

  private static double uniform(SplittableRandom random, double scale) {
    return scale * (2 * random.nextDouble() - 1);
  }
}
