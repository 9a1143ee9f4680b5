package dev.unroll.numeric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.hipparchus.linear.RealMatrix;

/**
 * Which parameter entries the expensive references (automatic differentiation, finite differences)
 * evaluate: all of them, or at most {@code perParameter} entries of each parameter drawn without
 * replacement by a seeded generator, listed in row-major order. The backward pass and the derived sum
 * always give every entry; a sample only limits what they are compared against.
 */
public record EntrySample(Map<String, List<Entry>> entries, boolean complete, int perParameter) {
  /** Entry [row][col] of a parameter. */
  public record Entry(int row, int col) {}

  public EntrySample {
    Map<String, List<Entry>> copy = new LinkedHashMap<>();
    entries.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    entries = java.util.Collections.unmodifiableMap(copy);
  }

  /** Every entry of every parameter. */
  public static EntrySample all(Map<String, RealMatrix> weights) {
    Map<String, List<Entry>> out = new LinkedHashMap<>();
    weights.forEach((name, m) -> {
      List<Entry> list = new ArrayList<>();
      for (int i = 0; i < m.getRowDimension(); i++) {
        for (int j = 0; j < m.getColumnDimension(); j++) {
          list.add(new Entry(i, j));
        }
      }
      out.put(name, list);
    });
    return new EntrySample(out, true, 0);
  }

  /** At most {@code perParameter} entries of each parameter; all of a parameter that has no more. */
  public static EntrySample sampled(Map<String, RealMatrix> weights, int perParameter, long seed) {
    if (perParameter < 1) {
      throw new IllegalArgumentException("--sample must be at least 1, got " + perParameter + ".");
    }
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, List<Entry>> out = new LinkedHashMap<>();
    boolean complete = true;
    for (Map.Entry<String, RealMatrix> e : weights.entrySet()) {
      int cols = e.getValue().getColumnDimension();
      int total = e.getValue().getRowDimension() * cols;
      TreeSet<Integer> picked = new TreeSet<>();
      if (total <= perParameter) {
        for (int k = 0; k < total; k++) {
          picked.add(k);
        }
      } else {
        complete = false;
        while (picked.size() < perParameter) {
          picked.add(random.nextInt(total));
        }
      }
      out.put(e.getKey(), picked.stream().map(k -> new Entry(k / cols, k % cols)).toList());
    }
    return new EntrySample(out, complete, perParameter);
  }

  public int size() {
    return entries.values().stream().mapToInt(List::size).sum();
  }

  /** "all 352 entries" or "24 of 4096 entries of W, ...": what a report says was checked. */
  public String describe(Map<String, RealMatrix> weights) {
    if (complete) {
      return "all " + size() + " entries";
    }
    List<String> parts = new ArrayList<>();
    entries.forEach((name, list) -> {
      RealMatrix m = weights.get(name);
      parts.add(list.size() + " of " + (m.getRowDimension() * m.getColumnDimension()) + " entries of " + name);
    });
    return String.join(", ", parts) + " (sampled)";
  }
}
