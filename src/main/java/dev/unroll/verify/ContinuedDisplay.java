package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A displayed formula that starts with {@code =}, continuing the display before it, as derivations in
 * Markdown often run on:
 *
 * <pre>
 * $$\frac{\partial L}{\partial V} = \sum_t \frac{\partial L_t}{\partial V}$$
 * $$= \sum_t (\hat y_t - y_t) h_t^\top$$
 * </pre>
 *
 * <p>The second display says that the first one's left side equals what it writes, so it is read as
 * that statement: the left side of the previous display's last equation, then this display's sides.
 * (Not its middle side: the left side is what the author is deriving, the thing every judge knows how
 * to evaluate, and the step from the previous display was judged there.) Findings point into this
 * display, where the claim is written.
 */
final class ContinuedDisplay {
  private ContinuedDisplay() {}

  /**
   * This display read as continuing {@code before}, when it starts with {@code =} (or {@code &=}) and
   * {@code before} is a display whose last statement is an equation; empty otherwise, or when the
   * rest cannot be read either.
   */
  static Optional<ParsedMath> read(MathSpan span, Optional<Verifier.Read> before) {
    String tex = span.tex();
    int at = 0;
    while (at < tex.length() && (Character.isWhitespace(tex.charAt(at)) || tex.charAt(at) == '&')) {
      at++;
    }
    if (!span.display() || at >= tex.length() || tex.charAt(at) != '=' || tex.startsWith("==", at) || before.isEmpty()
        || !before.get().span().display()) {
      return Optional.empty();
    }
    List<Statement> previous = before.get().parsed().statements();
    if (previous.isEmpty() || !previous.get(previous.size() - 1).isEquation()) {
      return Optional.empty();
    }
    Expr left = previous.get(previous.size() - 1).sides().get(0);
    // A one-letter placeholder where the left side goes, then every offset moved back onto this span.
    ParsedMath parsed;
    try {
      parsed = new TexParser().parse("X" + " ".repeat(at) + tex.substring(at));
    } catch (TexSyntaxException e) {
      return Optional.empty();
    }
    if (parsed.statements().isEmpty() || !parsed.statements().get(0).isEquation()) {
      return Optional.empty();
    }
    IdentityHashMap<Expr, Integer> offsets = new IdentityHashMap<>();
    for (Map.Entry<Expr, Integer> e : parsed.offsets().entrySet()) {
      offsets.put(e.getKey(), Math.max(0, e.getValue() - 1));
    }
    List<Statement> statements = new ArrayList<>();
    for (Statement s : parsed.statements()) {
      statements.add(new Statement(s.sides(), Math.max(at, s.offset() - 1), s.inequality(), s.relation()));
    }
    Statement first = statements.get(0);
    return Optional.of(new ParsedMath(statements, parsed.environments(), offsets)
        .withSides((s, k, side) -> s == first && k == 0 ? left : side));
  }
}
