package dev.unroll.render;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one emitter that turns an {@link Expr} into Python with NumPy, the sibling of
 * {@link LatexWriter}: the same tree, walked to code instead of TeX. Its semantics are those of
 * {@code numeric.ExprEvaluator}: vectors are columns ({@code (n, 1)} arrays), a symbol with a time is
 * that stage's value in a dictionary keyed by stage ({@code s_{t-1}} is {@code s[t-1]}, with
 * {@code t} a number in the program), a symbol without one a weight ({@code W}), juxtaposition the
 * matrix product {@code @} (or {@code *} with a number), {@code \odot} and powers elementwise,
 * {@code diag(v)} {@code np.diagflat(v)}, the adjoint {@code \partial E/\partial h_k}
 * {@code dE_dh[k]}, and {@code \sum_k} or {@code \prod_j} over stages a generator over
 * {@code range}: a matrix product over stages is {@code mprod(...)}, which the program defines.
 *
 * <p>Functions: the cell's activations are called by name ({@code tanh(z)}; the program defines them
 * from the engine's reading of their definitions), {@code step} is NumPy's Heaviside step with 0 at
 * 0, and the elementary functions Symja may write in a derivative ({@code sign}, {@code exp},
 * {@code sech}, ...) are NumPy's. With {@link #forArrays} the calls go to an array module {@code xp}
 * passed at run time instead, so that one forward pass serves NumPy and PyTorch.
 */
public final class NumpyWriter {
  private static final int SUM = 1;
  private static final int PRODUCT = 2;
  private static final int UNARY = 3;
  private static final int POWER = 4;
  private static final int ATOM = 5;

  /** Names the generated program uses itself, and Python's keywords: a cell symbol so named gets a trailing _. */
  private static final Set<String> RESERVED = Set.of("np", "xp", "t", "N", "P", "STAGES", "SIZES", "DATA", "sum",
      "range", "mprod", "softmax", "forward", "initial", "derived", "torch", "rng", "math", "loss_last",
      "loss_total", "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
      "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
      "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

  /** Elementary functions by the lower-case name the engine gives them, and NumPy's name for each. */
  private static final Map<String, String> ELEMENTARY = Map.ofEntries(Map.entry("exp", "exp"), Map.entry("log", "log"),
      Map.entry("tanh", "tanh"), Map.entry("sinh", "sinh"), Map.entry("cosh", "cosh"), Map.entry("sin", "sin"),
      Map.entry("cos", "cos"), Map.entry("tan", "tan"), Map.entry("abs", "abs"), Map.entry("sign", "sign"),
      Map.entry("sqrt", "sqrt"), Map.entry("arctan", "arctan"), Map.entry("max", "maximum"),
      Map.entry("min", "minimum"));

  private final Set<String> activations;
  private final Set<String> symbols;
  private final boolean arrays;

  /**
   * @param activations the cell's activation functions, which the program defines under their names
   * @param symbols the cell's symbol names, so that a stage index never shadows one
   */
  public NumpyWriter(Set<String> activations, Set<String> symbols) {
    this(activations, symbols, false);
  }

  private NumpyWriter(Set<String> activations, Set<String> symbols, boolean arrays) {
    this.activations = new TreeSet<>(Objects.requireNonNull(activations, "activations"));
    this.symbols = new TreeSet<>(Objects.requireNonNull(symbols, "symbols"));
    this.arrays = arrays;
  }

  /** The same writer with every function taken from an array module {@code xp} given at run time. */
  public NumpyWriter forArrays() {
    return new NumpyWriter(activations, symbols, true);
  }

  /**
   * A writer for the body of an activation's definition: a function named there is always the
   * elementary one ({@code tanh(z) = Tanh(z)} calls {@code xp.tanh}, never itself).
   */
  public NumpyWriter forDefinitions() {
    return new NumpyWriter(Set.of(), symbols, true);
  }

  public String write(Expr e) {
    return write(e, 0);
  }

  /** {@code lhs = rhs}, one Python statement. */
  public String assign(Expr lhs, Expr rhs) {
    return write(lhs) + " = " + write(rhs);
  }

  /** The Python name of a cell symbol, a parameter or a dictionary of stages: {@code s}, {@code Wf}, {@code lambda_}. */
  public static String name(String symbol) {
    String plain = symbol.replaceAll("[^A-Za-z0-9_]", "_");
    if (plain.isEmpty() || Character.isDigit(plain.charAt(0))) {
      plain = "v" + plain;
    }
    return RESERVED.contains(plain) ? plain + "_" : plain;
  }

  /** The dictionary an adjoint is kept in: {@code dE_dh} for {@code \partial E/\partial h_k}. */
  public static String adjointName(String loss, String value) {
    return "d" + name(loss) + "_d" + name(value);
  }

  /** A stage as a Python index: {@code t+1}, {@code k-1}, {@code j}. */
  public String time(Time time) {
    String v = index(time.variable());
    if (time.offset() == 0) {
      return v;
    }
    return v + (time.offset() > 0 ? "+" : "-") + Math.abs(time.offset());
  }

  /** A stage index's Python name; one a cell symbol already uses (an LSTM's i) gets a trailing _. */
  public String index(String variable) {
    return variable.equals("t") || !symbols.contains(variable) ? variable : variable + "_";
  }

  /** Whether e is a number wherever it stands: it names no vector or matrix. */
  public static boolean isScalar(Expr e) {
    if (e instanceof Expr.Num) {
      return true;
    }
    if (e instanceof Expr.Symbol || e instanceof Expr.Partial) {
      return false;
    }
    if (e instanceof Expr.Apply a) {
      return !a.function().equals("softmax") && a.arguments().stream().allMatch(NumpyWriter::isScalar);
    }
    List<Expr> children = new ArrayList<>();
    dev.unroll.expr.Rewrite.children(e, x -> {
      children.add(x);
      return x;
    });
    return children.stream().allMatch(NumpyWriter::isScalar);
  }

  private String write(Expr e, int context) {
    String text;
    int level;
    if (e instanceof Expr.Symbol s) {
      text = name(s.name()) + s.time().map(t -> "[" + time(t) + "]").orElse("");
      level = ATOM;
    } else if (e instanceof Expr.Num n) {
      text = Long.toString(n.value());
      level = ATOM;
    } else if (e instanceof Expr.Partial p) {
      text = partial(p);
      level = ATOM;
    } else if (e instanceof Expr.Sum s) {
      text = sum(s);
      level = SUM;
    } else if (e instanceof Expr.Negate n) {
      text = "-" + write(n.operand(), UNARY);
      level = UNARY;
    } else if (e instanceof Expr.Product p) {
      return product(p, context);
    } else if (e instanceof Expr.Hadamard h) {
      text = write(h.left(), PRODUCT) + " * " + write(h.right(), PRODUCT + 1);
      level = PRODUCT;
    } else if (e instanceof Expr.Power p) {
      text = write(p.base(), ATOM) + "**" + (p.exponent() < 0 ? "(" + p.exponent() + ")" : p.exponent());
      level = POWER;
    } else if (e instanceof Expr.Transpose t) {
      if (isScalar(t.operand())) {
        return write(t.operand(), context);
      }
      text = write(t.operand(), ATOM) + ".T";
      level = ATOM;
    } else if (e instanceof Expr.Diag d) {
      if (isScalar(d.operand())) {
        // diag of a number c is c times the identity, which a product takes as the number c.
        return write(d.operand(), context);
      }
      text = "np.diagflat(" + write(d.operand()) + ")";
      level = ATOM;
    } else if (e instanceof Expr.Apply a) {
      text = apply(a);
      level = ATOM;
    } else if (e instanceof Expr.Series s) {
      text = series(s);
      level = ATOM;
    } else {
      throw new IllegalArgumentException("No Python for " + e + ".");
    }
    return level < context ? "(" + text + ")" : text;
  }

  private String partial(Expr.Partial p) {
    if (p.of() instanceof Expr.Symbol loss && loss.role() == Expr.Role.LOSS && p.by() instanceof Expr.Symbol by) {
      return adjointName(loss.name(), by.name()) + by.time().map(t -> "[" + time(t) + "]").orElse("");
    }
    throw new IllegalArgumentException("The chain notation's factor " + p + " has no value of its own; generated code "
        + "computes the concrete or the matrix form, where every factor is a matrix.");
  }

  private String sum(Expr.Sum s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.terms().size(); i++) {
      Expr term = s.terms().get(i);
      if (i > 0 && term instanceof Expr.Negate n) {
        out.append(" - ").append(write(n.operand(), SUM + 1));
      } else {
        out.append(i == 0 ? "" : " + ").append(write(term, SUM));
      }
    }
    return out.toString();
  }

  /** Matrix products with {@code @}, a number's with {@code *}; a product over stages makes it an {@code mprod}. */
  private String product(Expr.Product p, int context) {
    if (p.factors().stream().anyMatch(f -> f instanceof Expr.Series s && s.kind() == Expr.SeriesKind.PRODUCT)) {
      List<String> args = new ArrayList<>();
      for (Expr f : p.factors()) {
        args.add(f instanceof Expr.Series s && s.kind() == Expr.SeriesKind.PRODUCT ? "*" + factors(s) : write(f));
      }
      return "mprod(" + String.join(", ", args) + ")";
    }
    StringBuilder out = new StringBuilder(write(p.factors().get(0), PRODUCT));
    for (int i = 1; i < p.factors().size(); i++) {
      Expr f = p.factors().get(i);
      boolean number = isScalar(f) || isScalar(p.factors().get(i - 1));
      out.append(number ? " * " : " @ ").append(write(f, PRODUCT + 1));
    }
    return PRODUCT < context ? "(" + out + ")" : out.toString();
  }

  private String apply(Expr.Apply a) {
    String f = a.function();
    List<String> args = a.arguments().stream().map(this::write).toList();
    String joined = String.join(", ", args);
    String module = arrays ? "xp" : "np";
    if (activations.contains(f)) {
      return name(f) + "(" + joined + (arrays ? ", xp" : "") + ")";
    }
    if (f.equals("softmax") || f.equals("cross_entropy") || f.equals("cross_entropy_from_logits")) {
      return f + "(" + joined + (arrays ? ", xp" : "") + ")"; // the program's own functions
    }
    if (f.equals("step") && args.size() == 1) {
      // The engine's step is 0 at 0, as relu's derivative is taken there.
      return module + ".heaviside(" + joined + ", 0.0)";
    }
    if (f.equals("sech") && args.size() == 1) {
      return "(1 / " + module + ".cosh(" + joined + "))";
    }
    String numpy = ELEMENTARY.get(f);
    if (numpy == null) {
      throw new IllegalArgumentException("Generated code has no NumPy spelling for the function '" + f + "'; it knows "
          + String.join(", ", new TreeSet<>(ELEMENTARY.keySet())) + ", sech, step and the cell's activations.");
    }
    return module + "." + numpy + "(" + joined + ")";
  }

  private String series(Expr.Series s) {
    if (s.kind() == Expr.SeriesKind.PRODUCT) {
      return "mprod(*" + factors(s) + ")";
    }
    return "sum(" + write(s.body()) + " for " + index(s.index().variable()) + " in " + range(s) + ")";
  }

  /** A product's factors over its stages, in the order the product takes them, as a Python list. */
  private String factors(Expr.Series s) {
    return "[" + write(s.body()) + " for " + index(s.index().variable()) + " in " + range(s) + "]";
  }

  /** The stages from {@code from} to {@code to}, both included, in the series' order. */
  private String range(Expr.Series s) {
    return s.descending()
        ? "range(" + time(s.from()) + ", " + time(s.to().plus(-1)) + ", -1)"
        : "range(" + time(s.from()) + ", " + time(s.to().plus(1)) + ")";
  }
}
