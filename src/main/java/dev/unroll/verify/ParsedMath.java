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

  /** How one side of a statement is read again: the side itself when nothing changes. */
  interface SideRule {
    Expr apply(Statement statement, int side, Expr expr);
  }

  /**
   * These statements with every side read again by {@code rule} (a reading of the whole document applied to
   * one span: {@code h^3} as a stage, {@code \mathrm{d}z} as one name, a function the document defines
   * expanded); a side that changes keeps the place of the side it replaces. This object when none changes.
   */
  ParsedMath withSides(SideRule rule) {
    boolean changed = false;
    List<Statement> out = new java.util.ArrayList<>();
    IdentityHashMap<Expr, Integer> places = new IdentityHashMap<>(offsets);
    for (Statement s : statements) {
      List<Expr> sides = new java.util.ArrayList<>();
      for (int k = 0; k < s.sides().size(); k++) {
        Expr side = s.sides().get(k);
        Expr read = rule.apply(s, k, side);
        if (read != side) {
          changed = true;
          places.put(read, offset(side, s.offset()));
        }
        sides.add(read);
      }
      out.add(new Statement(sides, s.offset(), s.inequality(), s.relation()));
    }
    return changed ? new ParsedMath(out, environments, places) : this;
  }
}
