package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link TexParser} read from one span: its statements, the environments it opened (such as
 * {@code align}), and the offset in the span of every expression node it built (by identity, since
 * equal sub-expressions written twice are two places in the file).
 */
public final class ParsedMath {
  private final List<Statement> statements;
  private final List<String> environments;
  private final IdentityHashMap<Expr, Integer> offsets;

  ParsedMath(List<Statement> statements, List<String> environments, IdentityHashMap<Expr, Integer> offsets) {
    this.statements = List.copyOf(statements);
    this.environments = List.copyOf(environments);
    this.offsets = new IdentityHashMap<>(Objects.requireNonNull(offsets));
  }

  public List<Statement> statements() {
    return statements;
  }

  /** Environments opened with {@code \begin{...}} inside the span, in order. */
  public List<String> environments() {
    return environments;
  }

  /** Where in the span an expression node starts; {@code fallback} if it was built by the reader. */
  public int offset(Expr e, int fallback) {
    Integer o = offsets.get(e);
    return o == null ? fallback : o;
  }

  Map<Expr, Integer> offsets() {
    return offsets;
  }
}
