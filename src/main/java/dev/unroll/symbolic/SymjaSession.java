package dev.unroll.symbolic;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.ApfloatNum;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.INumber;
import org.matheclipse.parser.client.ParserConfig;

/**
 * One Symja evaluator, set up the way this project needs it, owned by the thread that made it.
 *
 * <p>Symja keeps two switches in static fields that must be set before any other of its classes
 * initialises: {@code ParserConfig.PARSER_USE_LOWERCASE_SYMBOLS = false} (otherwise {@code Tanh},
 * {@code N} and {@code D} come back unevaluated) and {@code Config.JAS_NO_THREADS = true} (otherwise
 * a non-daemon thread keeps the JVM alive). This class sets both in its static initialiser, which
 * runs before the first evaluator is built; that is the only static state here, and it is Symja's,
 * written once with constant values. Everything else (the engine, its variables) belongs to one
 * session.
 *
 * <p>The engine uses Symja's strict syntax ({@code Tanh[z]}); {@link #parseDefinition} accepts the
 * function-call parentheses of the {@code .cell} files ({@code Tanh(z)}), because Symja's relaxed
 * parser would also lower-case every name. The engine's printed messages (such as "Inverse functions
 * are being used") go to a discarding stream, never to standard output.
 *
 * <p>Symja's engine is bound to a thread ({@code EvalEngine.set}); every method checks that it is
 * called on the thread that built the session and throws {@link IllegalStateException} otherwise.
 */
public final class SymjaSession {
  static {
    ParserConfig.PARSER_USE_LOWERCASE_SYMBOLS = false;
    Config.JAS_NO_THREADS = true;
  }

  private final Thread owner;
  private final EvalEngine engine;
  private final ExprEvaluator evaluator;

  /** Builds the evaluator; the first session of a JVM pays Symja's cold start (about 2 s). */
  public SymjaSession() {
    this.owner = Thread.currentThread();
    this.engine = new EvalEngine(false);
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    engine.setOutPrintStream(discard);
    engine.setErrorPrintStream(discard);
    this.evaluator = new ExprEvaluator(engine, true, (short) 0);
  }

  /** Evaluates an expression on this session's engine. */
  public IExpr eval(IExpr expr) {
    checkThread();
    EvalEngine.set(engine);
    return engine.evaluate(Objects.requireNonNull(expr, "expr"));
  }

  /**
   * Evaluates an expression, computing each sum and product whose arguments come out as numbers
   * directly with Symja's number arithmetic ({@code INumber.plus}, {@code times}), at the engine's
   * precision, instead of through the evaluator's rules: the same value at a fraction of the cost,
   * for the many small sums of products of a matrix product of numbers. A number to a whole power
   * ({@code x^2}, and {@code x^-1}, which is how Symja writes a division) is Apfloat's power by
   * repeated multiplication: Symja's {@code Power} of a 50-digit number takes the general route
   * {@code exp(k log x)} even for a whole {@code k}, and was the most of a symbolic check's time.
   * Likewise e to a number's power is its {@code exp} (Symja's {@code Power} computes {@code log e}
   * to 50 digits first, 2.5 ms against 1.1 ms); that and every other one-argument function of a
   * number are remembered ({@link #functionValue}).
   */
  IExpr evalNumbers(IExpr expr) {
    if (expr.isNumber()) {
      return expr;
    }
    boolean plus = expr.isPlus();
    if ((plus || expr.isTimes()) && expr instanceof IAST ast) {
      INumber acc = null;
      for (int k = 1; k <= ast.argSize(); k++) {
        IExpr arg = evalNumbers(ast.get(k));
        if (!(arg instanceof INumber n)) {
          acc = null;
          break;
        }
        acc = acc == null ? n : plus ? acc.plus(n) : acc.times(n);
      }
      if (acc != null) {
        return atPrecision(acc);
      }
    }
    if (expr.isPower() && isE(expr.base())) {
      IExpr x = evalNumbers(expr.exponent());
      if (x instanceof ApfloatNum a) {
        return functionValue(expr.base(), a, () -> a.exp());
      }
    } else if (expr.isPower() && expr.exponent() instanceof IInteger k) {
      int power = k.toIntDefault();
      IExpr base = evalNumbers(expr.base());
      if (base instanceof ApfloatNum x && power != Integer.MIN_VALUE && power != 0) {
        return atPrecision(x.pow(power));
      }
    }
    if (expr.isAST1() && expr.head().isBuiltInSymbol() && !expr.isList() && !expr.isPlus() && !expr.isTimes()) {
      IExpr x = evalNumbers(expr.first());
      if (x instanceof ApfloatNum a) {
        return functionValue(expr.head(), a, () -> eval(F.unaryAST1(expr.head(), a)));
      }
    }
    return atPrecision(eval(expr));
  }

  /**
   * Whether a power's base is e: the constant itself, or e as a number at the engine's precision, which
   * is how it comes back from an evaluation in numeric mode ({@code D} of a softmax under
   * {@link #withPrecision}).
   */
  private boolean isE(IExpr base) {
    if (base.equals(F.E)) {
      return true;
    }
    if (!(base instanceof ApfloatNum)) {
      return false;
    }
    long digits = engine.getNumericPrecision();
    // Remembered as N applied to the constant e: a key no function value of a number can have.
    IExpr e = functionValue(F.N, F.E, () -> eval(F.N(F.E, F.ZZ(digits))));
    return base.equals(e);
  }

  /** How many function values {@link #evalNumbers} keeps; the least recently used go first. */
  private static final int FUNCTION_VALUES = 1 << 16;

  /** A built-in function's value at a number, at a precision: the function, the number and the digits. */
  private record FunctionCall(IExpr head, IExpr argument, long digits) {}

  private final Map<FunctionCall, IExpr> functionValues = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<FunctionCall, IExpr> eldest) {
      return size() > FUNCTION_VALUES;
    }
  };

  /**
   * The value of a one-argument built-in function ({@code Tanh}, {@code Sech}, {@code Log}, or e to
   * a power) at a number, computed once per session and precision: a cross-check asks for the same
   * {@code Tanh} or exponential many times over (a softmax's four partial derivatives use its two
   * exponentials; the checks of W, U and V at the same network evaluate the same nodes), and at 50
   * digits each costs about a millisecond.
   */
  private IExpr functionValue(IExpr head, IExpr argument, java.util.function.Supplier<IExpr> compute) {
    FunctionCall call = new FunctionCall(head, argument, engine.getNumericPrecision());
    IExpr known = functionValues.get(call);
    if (known == null) {
      known = atPrecision(compute.get());
      functionValues.put(call, known);
    }
    return known;
  }

  /**
   * A number with more digits than the engine's precision cut back to it. Apfloat keeps every digit
   * that is exact in a sum: an exact 1 plus a 50-digit number near 1e-20 has 70 digits, and a long
   * chain of such sums (1 - s^2 at every stage) makes the digits, and the cost of each Tanh, grow
   * without bound.
   */
  IExpr atPrecision(IExpr number) {
    if (number instanceof ApfloatNum a) {
      long digits = engine.getNumericPrecision();
      if (a.apfloatValue().precision() > digits) {
        return F.num(a.apfloatValue().precision(digits));
      }
    }
    return number;
  }

  /** Parses and evaluates a line of Symja's strict syntax ({@code D[Tanh[z], z]}). */
  public IExpr eval(String strictSyntax) {
    checkThread();
    return keepingPrecision(() -> evaluator.eval(strictSyntax));
  }

  /**
   * Parses an activation's definition as a {@code .cell} file writes it, with parentheses for
   * function calls ({@code z/(1+Abs(z))}), without evaluating it.
   *
   * @throws IllegalArgumentException if Symja cannot parse it, naming the definition
   */
  public IExpr parseDefinition(String definition) {
    checkThread();
    String strict = strictCalls(definition);
    try {
      return keepingPrecision(() -> evaluator.parse(strict));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Symja cannot read the activation definition '" + definition + "': "
          + firstLine(e.getMessage()) + ".", e);
    }
  }

  /** Parses a line of Symja's strict syntax without evaluating it (for rules and patterns). */
  IExpr parse(String strictSyntax) {
    checkThread();
    return keepingPrecision(() -> evaluator.parse(strictSyntax));
  }

  /**
   * Runs a call of Symja's {@code ExprEvaluator} that takes a string. Each such call resets the
   * engine ({@code EvalEngine.setReset}), and the reset forgets the numeric precision: every
   * {@code Tanh}, {@code Exp} or {@code E^x} of a number after it is computed with Apfloat's
   * maximum precision (32,768 digits, seconds each) instead of {@link #withPrecision}'s digits. A
   * string parsed in the middle of a numeric evaluation (a function's name, looked up by parsing it)
   * made the gated cells' cross-check run for hours; the precision is put back after the call.
   */
  private <T> T keepingPrecision(java.util.function.Supplier<T> call) {
    long digits = engine.getNumericPrecision();
    try {
      return call.get();
    } finally {
      engine.setNumericPrecision(digits);
    }
  }

  /**
   * Runs {@code work} with the engine's numeric precision set to {@code digits} decimal digits, then
   * restores it. Arithmetic on Symja's arbitrary-precision numbers outside {@code N[...]} uses this
   * precision; at the default (machine precision) it can run for minutes.
   */
  public <T> T withPrecision(long digits, java.util.function.Supplier<T> work) {
    checkThread();
    long before = engine.getNumericPrecision();
    engine.setNumericPrecision(digits);
    try {
      return work.get();
    } finally {
      engine.setNumericPrecision(before);
    }
  }

  /**
   * Runs {@code work} on this session, asking Symja to stop once {@code limit} has passed: a daemon
   * timer calls the engine's {@code stopRequest()}, which its evaluation loop polls, so even a long
   * {@code Simplify} ends soon after. Symja answers a stop with its {@code TimeoutException} (or with
   * whatever its caller makes of it); any failure after the stop becomes one
   * {@link SymjaTimeLimitException} naming {@code what} ("derive the activation softsign(z) = ...").
   */
  public <T> T limited(java.time.Duration limit, String what, java.util.function.Supplier<T> work) {
    checkThread();
    java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.Timer timer = new java.util.Timer("symja-time-limit", true);
    timer.schedule(new java.util.TimerTask() {
      @Override
      public void run() {
        stopped.set(true);
        engine.stopRequest();
      }
    }, Math.max(1, limit.toMillis()));
    try {
      T result = work.get();
      if (stopped.get()) {
        throw new SymjaTimeLimitException(what, limit);
      }
      return result;
    } catch (RuntimeException | StackOverflowError e) {
      if (stopped.get() && !(e instanceof SymjaTimeLimitException)) {
        throw new SymjaTimeLimitException(what, limit);
      }
      throw e;
    } finally {
      timer.cancel();
      engine.setStopRequested(false);
    }
  }

  /** The engine, for the few Symja calls that take it; on the owning thread only. */
  EvalEngine engine() {
    checkThread();
    EvalEngine.set(engine);
    return engine;
  }

  /**
   * Rewrites calls of built-in functions ({@code Name(...)}, capitalised as Symja's are) into the
   * strict syntax's brackets. Other parentheses group, and a lower-case name before one, as in
   * {@code z(1+z)}, is an implicit product as in Symja's strict syntax.
   */
  static String strictCalls(String definition) {
    StringBuilder out = new StringBuilder(definition.length());
    java.util.ArrayDeque<Character> closers = new java.util.ArrayDeque<>();
    for (int i = 0; i < definition.length(); i++) {
      char c = definition.charAt(i);
      if (c == '(') {
        boolean call = callNameEndsAt(definition, i);
        out.append(call ? '[' : '(');
        closers.push(call ? ']' : ')');
      } else if (c == ')') {
        if (closers.isEmpty()) {
          throw new IllegalArgumentException("The activation definition '" + definition + "' has an unmatched ')'.");
        }
        out.append(closers.pop());
      } else {
        out.append(c);
      }
    }
    if (!closers.isEmpty()) {
      throw new IllegalArgumentException("The activation definition '" + definition + "' has an unclosed '('.");
    }
    return out.toString();
  }

  private static boolean callNameEndsAt(String s, int paren) {
    int start = paren;
    while (start > 0 && Character.isLetterOrDigit(s.charAt(start - 1))) {
      start--;
    }
    return start < paren && Character.isUpperCase(s.charAt(start));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  private void checkThread() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("A Symja session belongs to the thread that made it (" + owner.getName()
          + "), not to " + Thread.currentThread().getName() + ".");
    }
  }
}
