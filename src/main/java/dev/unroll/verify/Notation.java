package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How an author spells the variables of the simple recurrent network ({@code rnn.cell}: U, W, V, x,
 * s, z, q, o, y, E). {@link #LESSON} is the reference lesson's own spelling; {@link #CS231N} is the
 * alternative of cs231n and min-char-rnn: {@code W_{xh}}, {@code W_{hh}}, {@code W_{hy}} for U, W, V
 * and {@code h} for the state, the other names as in the lesson, the same renaming as
 * {@code render.Notation.CS231N} so that corrections are written the way the file is read.
 *
 * @param spelling author's name to cell variable, in the order suggestions list them
 */
public record Notation(String name, Map<String, String> spelling) {
  public static final Notation LESSON = new Notation("lesson", ordered(
      "U", "U", "W", "W", "V", "V", "x", "x", "s", "s", "z", "z", "q", "q", "o", "o", "y", "y", "E", "E"));
  public static final Notation CS231N = new Notation("cs231n", ordered(
      "W_xh", "U", "W_hh", "W", "W_hy", "V", "x", "x", "h", "s", "z", "z", "q", "q", "o", "o", "y", "y", "E", "E"));

  public Notation {
    spelling = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(spelling));
  }

  public static List<Notation> all() {
    return List.of(LESSON, CS231N);
  }

  public static Notation named(String name) {
    for (Notation n : all()) {
      if (n.name.equals(name.toLowerCase(Locale.ROOT))) {
        return n;
      }
    }
    throw new IllegalArgumentException("--notation must be lesson or cs231n, got '" + name + "'.");
  }

  /** The notation {@code render.LatexWriter} spells corrections in. */
  public dev.unroll.render.Notation render() {
    return dev.unroll.render.Notation.named(name);
  }

  /** The cell variable an author's symbol stands for, if this notation knows it. */
  public Optional<String> variable(String authorName) {
    return Optional.ofNullable(spelling.get(authorName));
  }

  /** How this notation spells a cell variable ({@code W} is {@code W_hh} in cs231n). */
  public String spell(String variable) {
    for (Map.Entry<String, String> e : spelling.entrySet()) {
      if (e.getValue().equals(variable)) {
        return e.getKey();
      }
    }
    return variable;
  }

  /** The known symbol closest to an unknown one: same letter in another case, the other notation's name, or fewest edits. */
  public String nearest(String unknown) {
    for (String known : spelling.keySet()) {
      if (known.equalsIgnoreCase(unknown)) {
        return known;
      }
    }
    for (Notation other : all()) {
      if (other != this && other.spelling.containsKey(unknown)) {
        return spell(other.spelling.get(unknown));
      }
    }
    return spelling.keySet().stream()
        .min(Comparator.comparingInt((String k) -> distance(k, unknown)).thenComparing(Comparator.naturalOrder()))
        .orElseThrow();
  }

  /** Whether the unknown name is the other notation's spelling of a variable. */
  public Optional<Notation> otherSpelling(String unknown) {
    return all().stream().filter(n -> n != this && n.spelling.containsKey(unknown)).findFirst();
  }

  /** A symbol as the cell names it: the author's {@code W_hh} becomes the parameter {@code W}. */
  public Optional<Expr.Symbol> toCell(Expr.Symbol s) {
    return variable(s.name()).map(v -> new Expr.Symbol(v, s.time(), s.role()));
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
