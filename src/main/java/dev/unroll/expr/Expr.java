package dev.unroll.expr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The project's own small expression tree for the mathematics of a lesson. Every equation a lesson
 * shows is one of these, built by the engine; {@code render.LatexWriter} is the only code that turns
 * one into TeX. Symja's expressions are converted to and from this type only inside
 * {@code symbolic/}.
 */
public sealed interface Expr
    permits Expr.Symbol, Expr.Num, Expr.Partial, Expr.Product, Expr.Sum, Expr.Negate,
        Expr.Power, Expr.Transpose, Expr.Diag, Expr.Hadamard, Expr.Apply, Expr.Series {

  /**
   * A named quantity: a parameter ({@code W}, no time), or a per-stage vector ({@code s_{t-1}}).
   * {@code role} tells a notation how to spell it and an evaluator what it stands for.
   */
  record Symbol(String name, Optional<Time> time, Role role) implements Expr {
    public Symbol {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(role, "role");
      if (name.isBlank()) {
        throw new IllegalArgumentException("A symbol needs a name.");
      }
    }

    public static Symbol param(String name) {
      return new Symbol(name, Optional.empty(), Role.PARAMETER);
    }

    public static Symbol at(String name, Time time, Role role) {
      return new Symbol(name, Optional.of(time), role);
    }

    public Symbol withTime(Time newTime) {
      return new Symbol(name, Optional.of(newTime), role);
    }
  }

  /** What a symbol stands for. */
  enum Role {
    PARAMETER, INPUT, STATE, TARGET, INTERMEDIATE, LOSS
  }

  /** A whole number (the 1 in {@code 1 - s^2}). */
  record Num(long value) implements Expr {}

  /** {@code \partial of / \partial by}: a local gradient as the lesson's chain notation writes it. */
  record Partial(Expr of, Expr by) implements Expr {
    public Partial {
      Objects.requireNonNull(of, "of");
      Objects.requireNonNull(by, "by");
    }
  }

  /**
   * A product of factors in order. {@code style} says how the lesson writes it: as a chain of
   * Jacobians separated by a product dot, or as juxtaposed matrix products.
   */
  record Product(List<Expr> factors, ProductStyle style) implements Expr {
    public Product {
      factors = List.copyOf(factors);
      Objects.requireNonNull(style, "style");
      if (factors.size() < 2) {
        throw new IllegalArgumentException("A product needs at least two factors, got " + factors.size() + ".");
      }
    }
  }

  /** How a product is written. */
  enum ProductStyle {
    /** {@code a \cdot b}: the lesson's chain of Jacobians. */
    CHAIN,
    /** {@code a b}: matrix products, as in {@code U x_t}. */
    JUXTAPOSE
  }

  /** A sum of terms in order; {@code Negate} terms print as subtraction. */
  record Sum(List<Expr> terms) implements Expr {
    public Sum {
      terms = List.copyOf(terms);
      if (terms.size() < 2) {
        throw new IllegalArgumentException("A sum needs at least two terms, got " + terms.size() + ".");
      }
    }
  }

  record Negate(Expr operand) implements Expr {
    public Negate {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** An elementwise power, {@code s_t^2}. */
  record Power(Expr base, int exponent) implements Expr {
    public Power {
      Objects.requireNonNull(base, "base");
    }
  }

  record Transpose(Expr operand) implements Expr {
    public Transpose {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** {@code \operatorname{diag}(v)}: the diagonal matrix with v on its diagonal. */
  record Diag(Expr operand) implements Expr {
    public Diag {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** The elementwise product {@code a \odot b}. */
  record Hadamard(Expr left, Expr right) implements Expr {
    public Hadamard {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** A named function applied to arguments: {@code \tanh(z_t)}, {@code softmax(q_t)}, {@code f'(z_t)}. */
  record Apply(String function, List<Expr> arguments) implements Expr {
    public Apply {
      Objects.requireNonNull(function, "function");
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * {@code \sum} or {@code \prod} over a stage index: {@code index} is the bound variable (offset
   * 0), running from {@code from} to {@code to} one stage at a time, up or down. The order matters for
   * a product of matrices: its factors stand left to right in the order the index takes its values.
   * {@code style} is how an expanded product's factors are joined.
   */
  record Series(SeriesKind kind, Time index, Time from, Time to, boolean descending, ProductStyle style, Expr body)
      implements Expr {
    public Series {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(style, "style");
      Objects.requireNonNull(body, "body");
    }
  }

  enum SeriesKind {
    SUM, PRODUCT
  }

  static Expr chain(List<? extends Expr> factors) {
    return factors.size() == 1 ? factors.get(0) : new Product(List.copyOf(factors), ProductStyle.CHAIN);
  }

  static Expr juxtapose(List<? extends Expr> factors) {
    return factors.size() == 1 ? factors.get(0) : new Product(List.copyOf(factors), ProductStyle.JUXTAPOSE);
  }

  static Expr sum(List<? extends Expr> terms) {
    return terms.size() == 1 ? terms.get(0) : new Sum(List.copyOf(terms));
  }
}
