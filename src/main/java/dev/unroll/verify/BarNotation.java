package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the bar notation of reverse-mode write-ups: "we write {@code \bar{a}} for {@code \partial L/\partial a}",
 * so {@code \bar{C}_t = \bar{H}_t \odot O_t \odot (1 - \tanh^2(C_t)) + ...} is an adjoint equation. Only when
 * the prose says so: a bar is a mean or a complex conjugate elsewhere. A barred value of the network at
 * a time becomes the loss's partial by that value; anything else stays as written.
 */
final class BarNotation {
  /** "We write $\bar{...}$ for $\partial L / \partial ...$", "write $\bar{a}$ for the gradient of L". */
  private static final Pattern DECLARED = Pattern.compile(
      "\\\\bar\\{[^$]{0,40}\\$\\s+for\\s+(\\$\\s*\\\\partial|the\\s+gradient|the\\s+derivative)", Pattern.CASE_INSENSITIVE);

  private BarNotation() {}

  /** Whether the prose declares bars to be the loss's gradients. */
  static boolean declared(String prose) {
    return DECLARED.matcher(prose).find();
  }

  /** The statement with every barred value read as {@code \partial loss/\partial value}; the same statement if none. */
  static Statement adjoints(Statement s, Notation notation, String loss) {
    List<Expr> sides = new ArrayList<>();
    boolean changed = false;
    for (Expr side : s.sides()) {
      Expr read = Rewrite.bottomUp(side, x -> {
        if (x instanceof Expr.Symbol b && b.name().startsWith("bar_") && b.time().isPresent()) {
          Expr.Symbol value = new Expr.Symbol(b.name().substring(4), b.time(), b.role());
          if (notation.resolve(value).isPresent()) {
            return new Expr.Partial(new Expr.Symbol(loss, Optional.empty(), Expr.Role.LOSS), value);
          }
        }
        return x;
      });
      changed |= read != side;
      sides.add(read);
    }
    return changed ? new Statement(sides, s.offset(), s.inequality(), s.relation()) : s;
  }
}
