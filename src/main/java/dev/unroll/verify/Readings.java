package dev.unroll.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a claim's free letters at which it is evaluated: every combination of the values each
 * letter may take, the first letter varying slowest, or an evenly spaced, fixed selection of them when
 * there are more than a claim can be evaluated at in good time (the same selection on every run).
 */
final class Readings {
  private Readings() {}

  /** Every setting of {@code names} to {@code values}, or {@code most} of them evenly spaced. */
  static <V> List<Map<String, V>> of(List<String> names, List<V> values, int most) {
    List<Map<String, V>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (String name : names) {
      List<Map<String, V>> next = new ArrayList<>();
      for (Map<String, V> m : out) {
        for (V value : values) {
          Map<String, V> more = new LinkedHashMap<>(m);
          more.put(name, value);
          next.add(more);
        }
      }
      out = next;
    }
    if (out.size() <= most) {
      return out;
    }
    List<Map<String, V>> some = new ArrayList<>();
    for (int i = 0; i < most; i++) {
      some.add(out.get((int) ((long) i * out.size() / most)));
    }
    return some;
  }
}
