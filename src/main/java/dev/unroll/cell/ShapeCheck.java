package dev.unroll.cell;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Infers the shape of every value a cell computes, in its size letters ({@code H}, {@code D},
 * {@code K}), equation by equation as the cell is read, and refuses one that does not fit with a
 * message in the cell's own terms: "q_t = V s_t + s_t: V s_t has K rows, s_t has H." A parameter
 * {@code P : R x C} is R x C (a bias {@code b : H} a column of H), a per-stage vector of size H is H x 1,
 * a whole number takes the shape of what it is added to or multiplied with elementwise, and a loss is
 * 1 x 1.
 *
 * <p>The rules: a juxtaposed product {@code A B v} multiplies right to left, a parameter matrix times a
 * vector whose length is the matrix's columns; a sum, a difference and an elementwise product need
 * equal shapes; an activation and {@code softmax} keep the shape of their vector;
 * {@code crossentropy(o, y)} needs o to be a probability, the output of a {@code softmax}, and y a
 * target of the same length, and is 1 x 1; a state is computed with its declared length; the loss is
 * 1 x 1.
 */
final class ShapeCheck {
  /** Rows and columns in size letters; "1" is one. */
  record Shape(String rows, String cols) {
    static final Shape SCALAR = new Shape("1", "1");

    Shape {
      Objects.requireNonNull(rows, "rows");
      Objects.requireNonNull(cols, "cols");
    }

    static Shape vector(String rows) {
      return new Shape(rows, "1");
    }

    boolean isVector() {
      return cols.equals("1");
    }

    String spelled() {
      if (rows.equals("1") && cols.equals("1")) {
        return "a number (1 x 1)";
      }
      return isVector() ? "a vector of length " + rows : "a " + rows + " x " + cols + " matrix";
    }
  }

  /** A whole number: it broadcasts, so it has no shape of its own. */
  private static final Shape ANY = null;

  private final Map<String, Declaration> declared;
  private final String loss;
  private final Map<String, Shape> computed = new LinkedHashMap<>();
  private final Map<String, Expr> definitions = new LinkedHashMap<>();
  private String where;

  ShapeCheck(Map<String, Declaration> declared, String loss) {
    this.declared = declared;
    this.loss = loss;
  }

  /**
   * Checks one equation and remembers its target's shape.
   *
   * @throws IllegalArgumentException with the message to report at the equation's line
   */
  void equation(Expr.Symbol target, Expr rhs) {
    where = spell(target) + " = " + spell(rhs);
    Shape shape = shape(rhs);
    if (shape == ANY) {
      throw fail(spell(target) + " is a bare number; an equation must compute a vector");
    }
    Declaration d = declared.get(target.name());
    if (d != null && d.kind() == Declaration.Kind.STATE && !shape.equals(Shape.vector(d.shape().get(0)))) {
      throw fail("the state " + target.name() + " is declared of length " + d.shape().get(0) + " but is computed as "
          + shape.spelled());
    }
    if (target.name().equals(loss) && !shape.equals(Shape.SCALAR)) {
      throw fail("the loss " + target.name() + " must be a number (1 x 1), such as crossentropy(o_t, y_t), but "
          + spell(rhs) + " is " + shape.spelled());
    }
    computed.put(target.name(), shape);
    definitions.put(target.name(), rhs);
  }

  private Shape shape(Expr e) {
    if (e instanceof Expr.Num) {
      return ANY;
    }
    if (e instanceof Expr.Symbol s) {
      return symbol(s);
    }
    if (e instanceof Expr.Negate n) {
      return shape(n.operand());
    }
    if (e instanceof Expr.Sum s) {
      return same(s.terms(), "+");
    }
    if (e instanceof Expr.Hadamard h) {
      return same(List.of(h.left(), h.right()), "(.)");
    }
    if (e instanceof Expr.Product p) {
      return product(p);
    }
    if (e instanceof Expr.Apply a) {
      return apply(a);
    }
    throw fail(spell(e) + " cannot appear in a cell equation");
  }

  private Shape symbol(Expr.Symbol s) {
    Declaration d = declared.get(s.name());
    if (d != null && d.kind() == Declaration.Kind.PARAM) {
      return d.isMatrix() ? new Shape(d.shape().get(0), d.shape().get(1)) : Shape.vector(d.shape().get(0));
    }
    boolean earlier = s.time().isPresent() && s.time().get().offset() < 0;
    if (d != null && (earlier || !computed.containsKey(s.name()))) {
      return Shape.vector(d.shape().get(0));
    }
    Shape known = computed.get(s.name());
    if (known == null) {
      throw fail(spell(s) + " has no shape yet");
    }
    return known;
  }

  private Shape same(List<Expr> parts, String operator) {
    Shape first = ANY;
    Expr firstPart = null;
    for (Expr part : parts) {
      Expr shown = part instanceof Expr.Negate n ? n.operand() : part;
      Shape s = shape(part);
      if (s == ANY) {
        continue;
      }
      if (first == ANY) {
        first = s;
        firstPart = shown;
      } else if (!first.equals(s)) {
        throw fail(operator.equals("+") ? spell(firstPart) + " and " + spell(shown) + " are added but " + differ(firstPart, first, shown, s)
            : spell(firstPart) + " (.) " + spell(shown) + " multiplies elementwise but " + differ(firstPart, first, shown, s));
      }
    }
    return first;
  }

  /** "V s_t has K rows, s_t has H". */
  private static String differ(Expr a, Shape sa, Expr b, Shape sb) {
    if (!sa.rows().equals(sb.rows())) {
      return spell(a) + " has " + sa.rows() + " rows, " + spell(b) + " has " + sb.rows();
    }
    return spell(a) + " has " + sa.cols() + " columns, " + spell(b) + " has " + sb.cols();
  }

  private Shape product(Expr.Product p) {
    List<Expr> factors = p.factors();
    Expr right = factors.get(factors.size() - 1);
    Shape acc = shape(right);
    if (acc == ANY) {
      throw fail(spell(p) + " multiplies by a bare number; scale elementwise with (.) instead");
    }
    for (int i = factors.size() - 2; i >= 0; i--) {
      Expr left = factors.get(i);
      if (!(left instanceof Expr.Symbol s && s.time().isEmpty())) {
        throw fail(spell(p) + " multiplies by " + spell(left) + ", which is not a parameter; in a product A v every factor but the last"
            + " must be a declared param (use (.) for an elementwise product)");
      }
      Shape m = shape(left);
      if (!m.cols().equals(acc.rows())) {
        Expr rest = Expr.juxtapose(factors.subList(i + 1, factors.size()));
        throw fail(spell(left) + " has " + m.cols() + " columns but " + spell(rest) + " has " + acc.rows() + " rows, so "
            + spell(left) + " " + grouped(rest) + " cannot be formed");
      }
      acc = new Shape(m.rows(), acc.cols());
    }
    return acc;
  }

  private Shape apply(Expr.Apply a) {
    if (a.function().equals("crossentropy")) {
      Expr o = a.arguments().get(0);
      Expr y = a.arguments().get(1);
      if (!isSoftmax(o)) {
        throw fail("crossentropy takes a probability vector, the output of softmax(...), as its first argument, but "
            + spell(o) + " is " + (o instanceof Expr.Symbol s && definitions.containsKey(s.name())
                ? "computed as " + spell(definitions.get(s.name())) : "not one"));
      }
      Shape so = shape(o);
      Shape sy = shape(y);
      if (!(y instanceof Expr.Symbol t && declared.containsKey(t.name()) && declared.get(t.name()).kind() == Declaration.Kind.TARGET)) {
        throw fail("crossentropy takes a declared target (one-hot class, such as y_t) as its second argument, got " + spell(y));
      }
      if (!so.equals(sy)) {
        throw fail("crossentropy compares " + spell(o) + ", " + so.spelled() + ", with " + spell(y) + ", " + sy.spelled());
      }
      return Shape.SCALAR;
    }
    Shape s = shape(a.arguments().get(0));
    if (s == ANY) {
      throw fail(a.function() + " of a bare number has no length; apply it to a vector");
    }
    if (!s.isVector()) {
      throw fail(a.function() + " applies to a vector, but " + spell(a.arguments().get(0)) + " is " + s.spelled());
    }
    return s;
  }

  private boolean isSoftmax(Expr e) {
    if (e instanceof Expr.Apply a) {
      return a.function().equals("softmax");
    }
    return e instanceof Expr.Symbol s && s.time().map(t -> t.offset() == 0).orElse(false) && definitions.containsKey(s.name())
        && isSoftmax(definitions.get(s.name()));
  }

  private IllegalArgumentException fail(String why) {
    return new IllegalArgumentException(where + ": " + why + ".");
  }

  /** An expression the way a cell file writes it: {@code V s_t + b}, {@code s_{t-1}}, {@code f(z_t)}. */
  static String spell(Expr e) {
    if (e instanceof Expr.Symbol s) {
      return s.name() + s.time().map(ShapeCheck::subscript).orElse("");
    }
    if (e instanceof Expr.Num n) {
      return Long.toString(n.value());
    }
    if (e instanceof Expr.Negate n) {
      return "-" + grouped(n.operand());
    }
    if (e instanceof Expr.Sum s) {
      StringBuilder out = new StringBuilder(spell(s.terms().get(0)));
      for (Expr t : s.terms().subList(1, s.terms().size())) {
        out.append(t instanceof Expr.Negate n ? " - " + grouped(n.operand()) : " + " + spell(t));
      }
      return out.toString();
    }
    if (e instanceof Expr.Product p) {
      return String.join(" ", p.factors().stream().map(ShapeCheck::grouped).toList());
    }
    if (e instanceof Expr.Hadamard h) {
      return grouped(h.left()) + " (.) " + grouped(h.right());
    }
    if (e instanceof Expr.Apply a) {
      return a.function() + "(" + String.join(", ", a.arguments().stream().map(ShapeCheck::spell).toList()) + ")";
    }
    return e.toString();
  }

  private static String grouped(Expr e) {
    return e instanceof Expr.Sum || e instanceof Expr.Hadamard ? "(" + spell(e) + ")" : spell(e);
  }

  private static String subscript(Time t) {
    return t.offset() == 0 ? "_t" : "_{t" + (t.offset() > 0 ? "+" : "-") + Math.abs(t.offset()) + "}";
  }
}
