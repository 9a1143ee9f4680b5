package dev.unroll.verify;

import dev.unroll.derive.LossKind;
import dev.unroll.expr.Expr;
import java.util.List;
import java.util.Objects;

/**
 * A displayed equation that claims a derivative, {@code \partial E_{t+1} / \partial W = ...}, read
 * into the configuration it is about and its written terms.
 *
 * @param parameter the cell's parameter ({@code W} for the author's {@code W_hh})
 * @param shift what moves the author's times to the engine's (the author's loss stage becomes t+1)
 * @param rhs the right-hand side as written
 */
record Claim(MathSpan span, ParsedMath parsed, Expr lhs, Expr rhs, String parameter, LossKind loss, int shift,
    List<WrittenTerm> terms) {
  Claim {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(loss, "loss");
    terms = List.copyOf(terms);
  }

  /** The fewest stages that hold every written factor's time. */
  int stepsNeeded() {
    int steps = 1;
    for (WrittenTerm t : terms) {
      int activations = 0;
      int recurrences = 0;
      for (Link l : t.links()) {
        if (l.isActivation()) {
          activations++;
        }
        if (l.kind() == Link.Kind.MATRIX && l.name().equals("W")) {
          recurrences++;
        }
        if (l.kind() == Link.Kind.PARTIAL) {
          steps = Math.max(steps, stepsFor(l.from(), 2));
          steps = Math.max(steps, stepsFor(l.to(), 2));
        }
      }
      steps = Math.max(steps, Math.max(activations, recurrences + 1));
      if (t.end().isPresent()) {
        String v = Link.variable(t.end().get().name());
        steps = Math.max(steps, stepsFor(t.end().get().name(), v.equals("s") ? 1 : 2));
      }
    }
    return steps;
  }

  /** The fewest stages the written factors count out: k activation derivatives or k-1 recurrences mean k stages. */
  int stepsCounted() {
    int steps = 1;
    for (WrittenTerm t : terms) {
      int activations = 0;
      int recurrences = 0;
      for (Link l : t.links()) {
        activations += l.isActivation() ? 1 : 0;
        recurrences += l.kind() == Link.Kind.MATRIX && l.name().equals("W") ? 1 : 0;
      }
      steps = Math.max(steps, Math.max(activations, recurrences + 1));
    }
    return steps;
  }

  /** A value at stage t+k is inside N stages when N >= base - k; only s, z and x count. */
  private static int stepsFor(String key, int base) {
    String v = Link.variable(key);
    if (!(v.equals("s") || v.equals("z") || v.equals("x"))) {
      return 1;
    }
    String time = Link.time(key);
    if (!time.startsWith("t")) {
      return 1;
    }
    int offset = time.length() == 1 ? 0 : Integer.parseInt(time.substring(1).replace("+", ""));
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1L, (long) base - offset));
  }
}
