package dev.unroll.cli;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses sizes whose check cannot fit in memory, before anything is allocated. The estimate counts,
 * in doubles: every weight matrix six times (the weights, their gradients from the backward pass,
 * the derived sum, automatic differentiation and finite differences, and a working copy), every
 * vector once per stage for the forward pass and the backward pass and four more times besides, and
 * for each vector size one square matrix four times (the Jacobians the derived forms multiply:
 * diag(f'), softmax's). It is a floor, not a bound; a check it lets through can still be slow.
 */
final class MemoryBudget {
  /** The share of the heap the estimate may take, leaving room for everything it does not count. */
  private static final double SHARE = 0.5;

  private MemoryBudget() {
  }

  /** @throws UserError naming the sizes and what they would need, when they do not fit */
  static void check(CellDefinition cell, Map<String, Integer> sizes, int steps) {
    double doubles = 0;
    for (Declaration d : cell.declarations()) {
      double entries = 1;
      for (String letter : d.shape()) {
        entries *= size(letter, sizes);
      }
      if (d.kind() == Declaration.Kind.PARAM) {
        doubles += 6 * entries;
      } else {
        doubles += (2.0 * (steps + 1) + 4) * entries + 4 * entries * entries;
      }
    }
    double bytes = doubles * Double.BYTES;
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > SHARE * heap) {
      throw new UserError(String.format(Locale.ROOT, "The check with H = %d, D = %d, K = %d and %d stages needs about %s"
          + " of memory, more than this Java can give it (%s); choose smaller sizes.", sizes.getOrDefault("H", 0),
          sizes.getOrDefault("D", 0), sizes.getOrDefault("K", 0), steps, human(bytes), human(heap)));
    }
  }

  private static double size(String letter, Map<String, Integer> sizes) {
    Integer named = sizes.get(letter);
    if (named != null) {
      return named;
    }
    try {
      return Integer.parseInt(letter);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String human(double bytes) {
    if (bytes >= 1e12) {
      return String.format(Locale.ROOT, "%.0f TB", bytes / 1e12);
    }
    if (bytes >= 1e9) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
  }
}
