package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.verify.TexLexer.Token;
import dev.unroll.verify.TexLexer.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Third stage of {@code verify}: reads the TeX of one span into {@link Expr}s. Grammar, loosest first:
 *
 * <pre>
 *   statement = expr { '=' expr }                 rows split at \\ ; a row with no '=' continues the last
 *   expr      = ['+'|'-'] outer { ('+'|'-') outer }
 *   outer     = hadamard { '\otimes' hadamard }   an outer product: Apply("otimes", [a, b])
 *   hadamard  = product { ('\odot' | '\circ') product }
 *   product   = unary { [ '.' | '\cdot' | '\times' | '*' | '/' ] unary }
 *   unary     = primary { '_' arg | '^' arg | "'" }
 *   primary   = number | symbol | function '(' expr ')' | '(' expr ')' | '{' expr '}'
 *             | '\frac' arg arg | '\partial' unary | ('\sum'|'\prod') ['_' arg] ['^' arg] hadamard
 *             | '\operatorname{diag}' arg
 * </pre>
 *
 * <p>Precedence of the products, tightest first: juxtaposition and the explicit matrix-product signs
 * ({@code \cdot}, {@code \times}, {@code *}, {@code /}) in one tier; then {@code \odot} and {@code \circ};
 * then {@code \otimes}. Why: a product written together is one value in the author's eye, so
 * {@code (1 - s^2) \odot V^\top (\hat y - y)} is {@code (1 - s^2) \odot (V^\top (\hat y - y))} and
 * {@code W^\top \delta \odot f'(z)} is {@code (W^\top \delta) \odot f'(z)}: an elementwise product of two
 * per-unit vectors, each side usually a matrix-vector product. Reading {@code \odot} tighter would
 * multiply a vector elementwise by a matrix, which no author means. {@code \cdot} stays with
 * juxtaposition because it is the chain rule's product of Jacobians in chain notation
 * ({@code \frac{\partial E}{\partial s} \cdot \frac{\partial s}{\partial W}}), a matrix product. {@code *}
 * stays there too: authors use it as a plain multiplication sign as often as elementwise, and
 * {@link Notation} turns a {@code *} chain into elementwise products only where the document says so and
 * every factor is a vector, where grouping makes no difference. {@code \otimes} is loosest because
 * {@code \delta \odot f' \otimes x} is only well formed as {@code (\delta \odot f') \otimes x}. The body
 * of a {@code \sum} is a {@code hadamard}, so {@code \sum_t a_t \odot b_t} sums the products.
 *
 * <p>A product with an explicit operator is a {@code CHAIN} product, one written by juxtaposition a
 * {@code JUXTAPOSE} product. {@code \frac{\partial A}{\partial B}}, {@code \frac{dA}{dB}} and
 * {@code \partial A / \partial B} are partials. A subscript {@code t}, {@code t+1}, {@code k-1} (index
 * letters t, k, i, j, n, m, tau) is a time; any other subscript becomes part of the name
 * ({@code W_{hh}} is the symbol {@code W_hh}). {@code ^T} and {@code ^\top} are transposes, a whole
 * number exponent an elementwise power. Symbols get role PARAMETER without a time and INTERMEDIATE
 * with one; the notation assigns real roles later.
 *
 * <p>Nesting is limited to {@link #MAX_DEPTH} levels so that no input can exhaust the stack.
 */
public final class TexParser {
  /** The letters a loss is written with, whose "(\theta)" names what it is a function of. */
  private static final java.util.Set<String> LOSS_LETTERS = java.util.Set.of("E", "L", "J", "C", "\\ell", "\\mathcal{L}");

  public static final int MAX_DEPTH = 200;

  /** Greek letters authors name an activation by: {@code \\phi(z)}, {@code \\sigma'(z)}. */
  static final Set<String> ACTIVATION_LETTERS = Set.of("sigma", "phi", "varphi", "psi");

  /** Functions the reader gives a meaning of its own. */
  static final Set<String> FUNCTIONS = Set.of("tanh", "sigmoid", "softmax", "exp", "log", "ln", "relu",
      "ReLU", "sech", "cosh", "sinh", "max", "sign", "step");

  private TexCursor in;
  private int depth;
  private final IdentityHashMap<Expr, Integer> offsets = new IdentityHashMap<>();

  /** Reads a whole span. */
  public ParsedMath parse(String tex) {
    offsets.clear();
    TexRows rows = TexRows.split(TexLexer.lex(TexWrappers.unwrap(tex)));
    List<Statement> statements = new ArrayList<>();
    for (List<Token> row : rows.statements()) {
      statements.add(statement(row));
    }
    return new ParsedMath(statements, rows.environments(), offsets);
  }

  private Statement statement(List<Token> row) {
    in = new TexCursor(row, row.isEmpty() ? 0 : row.get(row.size() - 1).offset());
    depth = 0;
    List<Expr> sides = new ArrayList<>();
    int start = peek().offset();
    sides.add(expr());
    boolean inequality = false;
    if (peek().is(Type.COMMAND, "in")) {
      // W \in \mathbb{R}^{n \times m}: a declaration of shape, which claims nothing to judge
      while (peek().type() != Type.END) {
        next();
      }
      return new Statement(sides, start, true, "in");
    }
    String relation = "";
    while (peek().isSymbol("=") || TexCursor.isInequality(peek())) {
      Token r = next();
      inequality |= !r.isSymbol("=");
      relation = relation.isEmpty() ? r.text() : relation;
      sides.add(expr());
    }
    // A sentence's full stop after a formula is not a product.
    while (peek().isSymbol(".") || peek().isSymbol(",")) {
      next();
    }
    if (peek().type() != Type.END) {
      throw new TexSyntaxException("unexpected '" + TexScripts.describe(peek()) + "'", peek().offset());
    }
    return new Statement(sides, start, inequality, relation);
  }

  private Expr expr() {
    enter();
    int start = peek().offset();
    List<Expr> terms = new ArrayList<>();
    boolean negative = false;
    if (peek().isSymbol("+") || peek().isSymbol("-")) {
      negative = next().text().equals("-");
    }
    Expr first = outer();
    terms.add(negative ? at(new Expr.Negate(first), start) : first);
    while (peek().isSymbol("+") || peek().isSymbol("-")) {
      Token sign = next();
      if (TexScripts.startsPrimary(peek()) || peek().isSymbol("(")) {
        Expr term = outer();
        terms.add(sign.text().equals("-") ? at(new Expr.Negate(term), sign.offset()) : term);
      }
    }
    depth--;
    return at(Expr.sum(terms), start);
  }

  private Expr outer() {
    int start = peek().offset();
    Expr left = elementwise();
    while (peek().is(Type.COMMAND, "otimes")) {
      next();
      Expr right = elementwise();
      left = at(new Expr.Apply("otimes", List.of(left, right)), start);
    }
    return left;
  }

  /** {@code a \odot b c}: an elementwise product of products (see the class comment for why it binds looser). */
  private Expr elementwise() {
    Expr left = product();
    while (peek().is(Type.COMMAND, "odot") || peek().is(Type.COMMAND, "circ")) {
      // placed at its operator, where a finding about the product points
      int operator = next().offset();
      left = at(new Expr.Hadamard(left, product()), operator);
    }
    return left;
  }

  private Expr product() {
    int start = peek().offset();
    List<Expr> factors = new ArrayList<>();
    boolean explicit = false;
    factors.add(unary());
    while (true) {
      Token t = peek();
      if (t.isSymbol(".") || t.isSymbol("*") || t.is(Type.COMMAND, "cdot") || t.is(Type.COMMAND, "times")) {
        next();
        if (!TexScripts.startsPrimary(peek())) {
          break;
        }
        explicit = true;
        factors.add(unary());
      } else if (t.isSymbol("/")) {
        next();
        Expr left = factors.remove(factors.size() - 1);
        Expr right = unary();
        factors.add(at(divide(left, right), offsetOf(left, t.offset())));
      } else if (t.isSymbol("|") && in.peekAt(1).isSymbol("_")) {
        // An evaluation bar, \Big|_{z = z_t}: the derivative before it is taken at the point the subscript names.
        next();
        next();
        in.argument();
      } else if (TexScripts.startsPrimary(t) || t.isSymbol("\u2016") && norms == 0) {
        Expr f = unary();
        Expr last = factors.get(factors.size() - 1);
        if (f instanceof Expr.Transpose tr && tr.operand() instanceof Expr.Apply g && g.function().equals("empty")) {
          // h^{(t)}{}^\top: the empty group carries a second superscript for the factor before it
          factors.set(factors.size() - 1, at(new Expr.Transpose(last), offsetOf(last, t.offset())));
          continue;
        }
        if (f instanceof Expr.Symbol th && th.name().matches("\\\\(theta|Theta)") && th.time().isEmpty()
            && last instanceof Expr.Symbol l && LOSS_LETTERS.contains(l.name())) {
          // J^{(t)}(\theta): a loss written as a function of the parameters is the loss
          continue;
        }
        if (f instanceof Expr.Apply a && a.function().equals("tuple") && last instanceof Expr.Symbol l) {
          // E_t(y_t, \hat y_t): the loss written with what it depends on is the loss; \ell(o_t, y_t) is \ell_t
          java.util.Set<Optional<dev.unroll.expr.Time>> times = new java.util.HashSet<>();
          a.arguments().forEach(x -> times.add(x instanceof Expr.Symbol s ? s.time() : Optional.empty()));
          if (l.time().isEmpty() && times.size() == 1 && times.iterator().next().isPresent()) {
            factors.set(factors.size() - 1, at(l.withTime(times.iterator().next().get()), offsetOf(l, t.offset())));
          }
          continue;
        }
        factors.add(f);
      } else {
        break;
      }
    }
    return at(factors.size() == 1 ? factors.get(0)
        : explicit ? Expr.chain(factors) : Expr.juxtapose(factors), start);
  }

  private Expr divide(Expr left, Expr right) {
    if (left instanceof Expr.Apply l && l.function().equals("\\partial")
        && right instanceof Expr.Apply r && r.function().equals("\\partial")) {
      return new Expr.Partial(l.arguments().get(0), r.arguments().get(0));
    }
    return new Expr.Apply("frac", List.of(left, right));
  }

  /** How many norm bars {@code \|} are open where the parser is. */
  private int norms;

  private Expr unary() {
    enter();
    int start = peek().offset();
    Expr base = primary();
    while (true) {
      Token t = peek();
      if (t.isSymbol("_")) {
        next();
        base = at(subscript(base, in.argument()), start);
      } else if (t.isSymbol("^")) {
        next();
        List<Token> sup = in.argument();
        Optional<Expr> labelled = TexScripts.labelled(base, TexScripts.joined(sup));
        if (labelled.isPresent()) {
          // a_t^i: the gate's label after the time
          base = at(labelled.get(), start);
        } else if (TexScripts.isLabel(base, TexScripts.joined(sup)) && peek().isSymbol("_")) {
          // a^i_t, a^f_{t-1}: a label then the time; any other subscript reads as before
          next();
          List<Token> sub = in.argument();
          Expr timed = subscript(TexScripts.withLabel((Expr.Symbol) base, TexScripts.joined(sup)), sub);
          base = at(timed instanceof Expr.Symbol s && s.time().isPresent() ? timed
              : subscript(superscript(base, sup), sub), start);
        } else {
          base = at(superscript(base, sup), start);
        }
      } else if (t.isSymbol("'")) {
        next();
        base = at(base instanceof Expr.Symbol s ? new Expr.Symbol(s.name() + "'", s.time(), s.role())
            : new Expr.Apply("prime", List.of(base)), start);
      } else {
        break;
      }
    }
    depth--;
    return base;
  }

  private Expr primary() {
    Token t = next();
    int o = t.offset();
    switch (t.type()) {
      case NUMBER:
        return at(t.text().contains(".") ? new Expr.Apply(t.text(), List.of())
            : new Expr.Num(Long.parseLong(t.text().length() > 15 ? t.text().substring(0, 15) : t.text())), o);
      case OPEN: {
        Expr inner = peek().type() == Type.CLOSE ? at(new Expr.Apply("empty", List.of()), o) : expr();
        in.expect(Type.CLOSE, o);
        return inner;
      }
      case WORD:
        return word(t);
      case COMMAND:
        return command(t);
      case SYMBOL:
        if (t.text().equals("\u2016")) {
          // \|v\|: the Euclidean norm (inside it, the next bar closes it)
          norms++;
          Expr inner = expr();
          norms--;
          if (!peek().isSymbol("\u2016")) {
            throw new TexSyntaxException("'\\|' is never closed by '\\|'", o);
          }
          next();
          return at(new Expr.Apply("norm", List.of(inner)), o);
        }
        if (t.text().equals("(") || t.text().equals("[") || t.text().equals("{") || t.text().equals("|")) {
          String close = t.text().equals("(") ? ")" : t.text().equals("[") ? "]" : t.text().equals("{") ? "}" : "|";
          Expr inner = expr();
          // A list: the arguments of E_t(y_t, \hat y_t), an interval (0, 1), a concatenation [h_{t-1}, x_t].
          List<Expr> items = new ArrayList<>(List.of(inner));
          while (!t.text().equals("|") && peek().isSymbol(",")) {
            next();
            items.add(expr());
          }
          if (!peek().isSymbol(close) && !(t.text().equals("(") && peek().isSymbol("]"))
              && !(t.text().equals("[") && peek().isSymbol(")"))) {
            throw new TexSyntaxException("'" + t.text() + "' is never closed by '" + close + "'", o);
          }
          next();
          if (items.size() > 1) {
            return at(new Expr.Apply(t.text().equals("[") ? "concat" : "tuple", items), o);
          }
          return t.text().equals("|") ? at(new Expr.Apply("abs", List.of(inner)), o) : inner;
        }
        throw new TexSyntaxException("unexpected '" + t.text() + "'", o);
      default:
        throw new TexSyntaxException(t.type() == Type.END ? "the formula ends too early" : "unexpected '" + TexScripts.describe(t) + "'", o);
    }
  }

  private Expr word(Token t) {
    String w = t.text();
    int o = t.offset();
    if (FUNCTIONS.contains(w) || w.equals("diag")) {
      return function(w, o);
    }
    if (w.length() == 1) {
      if ((w.equals("f") || w.equals("g")) && (peek().isSymbol("(") || peek().isSymbol("'"))) {
        return function(w, o);
      }
      return at(new Expr.Symbol(w, Optional.empty(), Expr.Role.PARAMETER), o);
    }
    // Letters written together are juxtaposed one-letter symbols: "Ux" is U x.
    List<Expr> letters = new ArrayList<>();
    for (int k = 0; k < w.length(); k++) {
      letters.add(at(new Expr.Symbol(w.substring(k, k + 1), Optional.empty(), Expr.Role.PARAMETER), o + k));
    }
    Expr last = letters.remove(letters.size() - 1);
    // Subscripts bind to the last letter only: re-enter unary's postfix loop by returning a product whose last factor is completed later.
    List<Expr> all = new ArrayList<>(letters);
    all.add(postfixOn(last, offsetOf(last, o)));
    return at(Expr.juxtapose(all), o);
  }

  private Expr postfixOn(Expr base, int start) {
    Expr b = base;
    while (peek().isSymbol("_") || peek().isSymbol("^")) {
      boolean sub = next().text().equals("_");
      List<Token> arg = in.argument();
      b = at(sub ? subscript(b, arg) : superscript(b, arg), start);
    }
    return b;
  }

  private Expr command(Token t) {
    String c = t.text();
    int o = t.offset();
    if ((c.equals("frac") || c.equals("dfrac") || c.equals("tfrac")) && peek().type() == Type.NUMBER
        && peek().text().length() == 2) {
      // \frac12: TeX reads two single-digit arguments
      Token digits = next();
      return at(new Expr.Apply("frac", List.of(at(new Expr.Num(digits.text().charAt(0) - '0'), digits.offset()),
          at(new Expr.Num(digits.text().charAt(1) - '0'), digits.offset() + 1))), o);
    }
    if (c.equals("frac") || c.equals("dfrac") || c.equals("tfrac")) {
      Expr num = argument();
      Expr den = argument();
      Optional<Expr> numerator = TexScripts.differential(num);
      Optional<Expr> denominator = TexScripts.differential(den);
      if (numerator.isPresent() && denominator.isPresent()) {
        return at(new Expr.Partial(numerator.get(), denominator.get()), o);
      }
      return at(new Expr.Apply("frac", List.of(num, den)), o);
    }
    if (c.equals("nabla") && peek().isSymbol("_")) {
      // \nabla_{o^{(t)}} L, the Deep Learning book's gradient: \partial L/\partial o_t, a column shaped like o_t
      next();
      Expr by = group(in.argument(), o);
      return at(new Expr.Partial(unary(), by), o);
    }
    if (c.equals("partial")) {
      return at(new Expr.Apply("\\partial", List.of(unary())), o);
    }
    if (c.equals("sum") || c.equals("prod")) {
      Expr lower = at(new Expr.Apply("empty", List.of()), o);
      Expr upper = lower;
      for (int k = 0; k < 2; k++) {
        if (peek().isSymbol("_")) {
          next();
          lower = group(in.argument(), o);
        } else if (peek().isSymbol("^")) {
          next();
          upper = group(in.argument(), o);
        }
      }
      Expr body = elementwise();
      return at(new Expr.Apply(c, List.of(lower, upper, body)), o);
    }
    if (c.equals("underbrace") || c.equals("overbrace") || c.equals("boxed") || c.equals("cancel")
        || c.equals("underset") || c.equals("overset") || c.equals("textcolor") || c.equals("colorbox")) {
      // Presentation around a formula: an underbrace with its note, underset, textcolor: the formula inside.
      if (c.equals("underset") || c.equals("overset") || c.equals("textcolor") || c.equals("colorbox")) {
        in.argument();
      }
      Expr inner = argument();
      while (peek().isSymbol("_") || peek().isSymbol("^")) {
        if (c.equals("underbrace") && peek().isSymbol("^") || c.equals("overbrace") && peek().isSymbol("_")) {
          break;
        }
        next();
        in.argument();
      }
      return at(inner, o);
    }
    if (c.equals("text") || c.equals("textrm") || c.equals("mbox") || c.equals("textit") || c.equals("textbf")) {
      List<Token> arg = in.argument();
      String name = TexScripts.joined(arg).strip();
      if (FUNCTIONS.contains(name) || name.equals("diag") || peek().isSymbol("(") && name.matches("[A-Za-z]+")) {
        return function(name, o);
      }
      // words between formulas ("for all", "where"): a name that stands for nothing
      return at(new Expr.Symbol("\\text{" + name + "}", Optional.empty(), Expr.Role.PARAMETER), o);
    }
    if (c.equals("mathbb") && peek().type() == Type.OPEN) {
      // \mathbb{1}_{c_t}: the indicator (one-hot) vector, named so that its subscript stays with it
      return at(new Expr.Symbol("\\mathbb" + TexScripts.joined(in.argument()).strip(), Optional.empty(),
          Expr.Role.PARAMETER), o);
    }
    if (c.equals("operatorname") || TexCursor.FONT.contains(c)) {
      List<Token> arg = in.argument();
      String name = TexScripts.joined(arg);
      if (name.equals("diag") || FUNCTIONS.contains(name)) {
        return function(name, o);
      }
      if (c.equals("operatorname")) {
        return function(name, o);
      }
      return group(arg, o);
    }
    if (c.equals("hat") || c.equals("tilde") || c.equals("bar") || c.equals("widehat") || c.equals("widetilde")) {
      // \hat{\boldsymbol{y}} is \hat{y}: the font says nothing about the value
      String name = TexScripts.joined(in.argument()).replaceAll("\\\\(mathbf|boldsymbol|bm|mathrm|mathit|vec)", "").replace("{", "").replace("}", "");
      c = c.replace("wide", "");
      return at(new Expr.Symbol(c + "_" + name, Optional.empty(), Expr.Role.PARAMETER), o);
    }
    if (FUNCTIONS.contains(c)) {
      return function(c, o);
    }
    if (Character.isLetter(c.charAt(0)) && !c.equals("otimes") && !c.equals("odot")
        && !c.equals("cdot") && !c.equals("times")) {
      if (ACTIVATION_LETTERS.contains(c) && (peek().isSymbol("(") || peek().isSymbol("'"))) {
        return function(c, o);
      }
      if (c.equals("sigma") && peek().isSymbol("_") && in.peekAt(2).isSymbol("'")) {
        // \sigma_h'(c): Wikipedia's named activation, differentiated
        next();
        String sub = TexScripts.joined(in.argument());
        return function("sigma_" + sub, o);
      }
      // \sigma_g(x): the gate activation of the LSTM as Wikipedia writes it (\sigma_c, \sigma_h the others)
      Optional<String> sub = c.equals("sigma") ? in.subscriptBeforeParenthesis() : Optional.empty();
      if (sub.isPresent()) {
        return function("sigma_" + sub.get(), o);
      }
      // A Greek letter or another named symbol: \delta_t, \theta.
      return at(new Expr.Symbol("\\" + c, Optional.empty(), Expr.Role.PARAMETER), o);
    }
    throw new TexSyntaxException("unexpected '\\" + c + "'", o);
  }

  /** {@code name(args)}, {@code name x} or {@code name'(x)}. */
  private Expr function(String name, int o) {
    String f = name;
    while (peek().isSymbol("'")) {
      next();
      f = f + "'";
    }
    if (peek().isSymbol("^")) {
      // \tanh^2(z): the square of the function's value.
      next();
      List<Token> exp = in.argument();
      Expr value = function(f, o);
      return at(superscript(value, exp), o);
    }
    if (!peek().isSymbol("(") && !TexScripts.startsPrimary(peek())) {
      // \sigma' = \sigma(1 - \sigma), diag(\tanh'): the function named without its argument
      return at(new Expr.Symbol(f.startsWith("\\") ? f : "\\" + f, Optional.empty(), Expr.Role.PARAMETER), o);
    }
    // A parenthesised argument is the whole argument: the power in \tanh(c_t)^2 squares the value,
    // as in \tanh^2(c_t); without parentheses the argument is one factor with its scripts (\tanh c_t^2).
    Expr arg = peek().isSymbol("(") ? primary() : unary();
    if (f.equals("diag")) {
      return at(new Expr.Diag(arg), o);
    }
    return at(new Expr.Apply(f, List.of(arg)), o);
  }

  private Expr superscript(Expr base, List<Token> arg) {
    String text = TexScripts.joined(arg);
    Optional<Expr> timed = TexScripts.timeOrName(base, text);
    if (timed.isPresent()) {
      return timed.get();
    }
    return TexScripts.superscript(base, text).orElseGet(() -> new Expr.Apply("pow", List.of(base, group(arg, 0))));
  }

  private Expr subscript(Expr base, List<Token> arg) {
    return TexScripts.subscript(base, TexScripts.joined(arg));
  }

  /** The tokens of one argument: a braced group or a single token. */
  private Expr argument() {
    enter();
    int start = peek().offset();
    Expr e = group(in.argument(), start);
    depth--;
    return e;
  }

  /** Parses a token list on its own, as the contents of a group. */
  private Expr group(List<Token> arg, int fallbackOffset) {
    return in.within(arg, arg.isEmpty() ? fallbackOffset : arg.get(arg.size() - 1).offset(), () -> {
      if (peek().type() == Type.END) {
        return at(new Expr.Apply("empty", List.of()), fallbackOffset);
      }
      Expr e = expr();
      while (peek().isSymbol("=") || peek().isSymbol(",") || peek().isSymbol("<") || peek().isSymbol(">")
          || peek().is(Type.COMMAND, "le") || peek().is(Type.COMMAND, "leq")) {
        next();
        if (peek().type() != Type.END) {
          e = at(new Expr.Apply("relation", List.of(e, expr())), fallbackOffset);
        }
      }
      if (peek().type() != Type.END) {
        throw new TexSyntaxException("unexpected '" + TexScripts.describe(peek()) + "'", peek().offset());
      }
      return e;
    });
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw new TexSyntaxException("the formula is nested more than " + MAX_DEPTH + " levels deep", peek().offset());
    }
  }

  private Token peek() {
    return in.peek();
  }

  private Token next() {
    return in.next();
  }

  private <E extends Expr> E at(E e, int offset) {
    offsets.putIfAbsent(e, offset);
    return e;
  }

  private int offsetOf(Expr e, int fallback) {
    Integer o = offsets.get(e);
    return o == null ? fallback : o;
  }
}
