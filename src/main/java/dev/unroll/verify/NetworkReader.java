package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the simple recurrent network a document defines from its own forward equations, whatever
 * the names: the state is the symbol whose equation holds its own previous value ({@code h_t = \tanh(W_{hh}
 * h_{t-1} + W_{xh} x_t + b_h)}, {@code a^{<t>} = g(W_{aa} a^{<t-1>} + W_{ax} x^{<t>})}, {@code s_t = f(z_t)}
 * with {@code z_t} defined apart); the weight multiplying the previous state is the cell's {@code W},
 * the one multiplying the input {@code U}; the output's weight is {@code V}, read off
 * {@code \hat y_t = \operatorname{softmax}(V h_t + c)} or a logits equation; the activation comes from
 * the function named, or, for a letter ({@code \phi}, {@code f}, {@code g}), from the prose
 * ("we use the identity activation", "f is tanh"). The result is a {@link Notation} of the
 * {@code rnn} cell whose spelling is the author's: the same judges then work on the author's symbols.
 * Biases have no counterpart in the cell and stay unmapped (claims about them are not judged).
 */
final class NetworkReader {
  /** Names authors give the loss. */
  private static final Set<String> LOSSES = Set.of("E", "L", "J", "C", "\\ell", "\\mathcal", "l");

  /** What was read: the notation, the activation, and the equations that defined them (by identity). */
  record Network(Notation notation, String activation, Map<Statement, String> definitions,
      Optional<dev.unroll.cell.CellDefinition> cell) {
    Network(Notation notation, String activation, Map<Statement, String> definitions) {
      this(notation, activation, definitions, Optional.empty());
    }
  }

  /** A mark in the spelling while reading: the author writes row vectors. */
  private static final String ROWS = "\\rows";

  private NetworkReader() {}

  /** The network the statements define, if they hold a recurrence of one state through a weight. */
  static Optional<Network> read(List<Statement> statements, String prose) {
    Map<String, Statement> byName = new LinkedHashMap<>();
    for (Statement s : statements) {
      // Forward equations only: a delta recursion (\delta_t = ...) or a right side with derivatives is backward.
      if (s.isEquation() && s.sides().get(0) instanceof Expr.Symbol l && l.time().isPresent()
          && l.time().get().offset() == 0 && !l.name().startsWith("\\") && !l.name().contains("delta")
          && !FormulaFacts.hasPartial(s.sides().get(s.sides().size() - 1))) {
        byName.putIfAbsent(l.name(), s);
      }
    }
    Map<String, String> spelling = new LinkedHashMap<>();
    Map<Statement, String> used = new IdentityHashMap<>();
    String activation = null;
    String state = null;
    for (Map.Entry<String, Statement> e : byName.entrySet()) {
      Expr rhs = e.getValue().sides().get(e.getValue().sides().size() - 1);
      if (!mentions(rhs, e.getKey(), -1) && !throughPreActivation(rhs, e.getKey(), byName)) {
        continue;
      }
      Expr inner = rhs;
      String act = "identity";
      if (rhs instanceof Expr.Apply a && a.arguments().size() == 1) {
        act = activation(a.function(), prose);
        inner = a.arguments().get(0);
      }
      if (act == null) {
        continue;
      }
      // s_t = f(z_t) with z_t = U x_t + W s_{t-1} written apart
      if (inner instanceof Expr.Symbol z && z.time().isPresent() && byName.containsKey(z.name())
          && !mentions(inner, e.getKey(), -1)) {
        Statement zs = byName.get(z.name());
        spelling.put(z.name(), "z");
        used.put(zs, "the pre-activation z");
        inner = zs.sides().get(zs.sides().size() - 1);
      }
      if (!weights(inner, e.getKey(), spelling)) {
        spelling.clear();
        used.clear();
        continue;
      }
      state = e.getKey();
      activation = act;
      spelling.put(state, "s");
      used.put(e.getValue(), "the state s");
      break;
    }
    if (state == null || isGated(byName, state)) {
      return Optional.empty();
    }
    output(byName, state, spelling, used);
    boolean linearOutput = spelling.remove("\\unmapped-output") != null;
    boolean rows = spelling.remove(ROWS) != null;
    // The loss is mapped even under a linear readout: the engine's cross-entropy stands in for it, and a
    // claim inside the recurrence holds whatever loss sits on top (the readout's own names stay unmapped).
    for (Statement s : statements) {
      for (Expr side : s.sides()) {
        losses(side, spelling);
      }
    }
    if (!linearOutput) {
      spelling.putIfAbsent("y", "y");
    }
    if (!linearOutput && !spelling.containsValue("o") && !spelling.containsKey("o")) {
      spelling.put("o", "o");
    }
    for (String v : linearOutput ? List.of("x", "z", "U", "W") : List.of("x", "z", "q", "E", "U", "W", "V")) {
      if (!spelling.containsValue(v) && !spelling.containsKey(v)) {
        spelling.put(v, v);
      }
    }
    Notation read = Notation.read(spelling);
    return Optional.of(new Network(rows ? new Notation(Notation.DOCUMENT, read.cell(), read.spelling(), true, false) : read,
        activation, used));
  }

  /**
   * Whether the state's recurrence runs through a pre-activation named apart and without a bias, as in
   * {@code h^{(t)} = \tanh(a^{(t)})} with {@code a^{(t)} = W h^{(t-1)} + U x^{(t)}}: the cell's z. With a bias
   * ({@code a^{(t)} = b + ...}, the Deep Learning book's) the network is not the built-in cell, and
   * {@link CellReader} builds one that has it.
   */
  private static boolean throughPreActivation(Expr rhs, String state, Map<String, Statement> byName) {
    if (!(rhs instanceof Expr.Apply a) || a.arguments().size() != 1 || !(a.arguments().get(0) instanceof Expr.Symbol z)
        || z.time().isEmpty() || z.time().get().offset() != 0 || !byName.containsKey(z.name())) {
      return false;
    }
    Statement zs = byName.get(z.name());
    Expr body = zs.sides().get(zs.sides().size() - 1);
    List<Expr> terms = body instanceof Expr.Sum s ? s.terms() : List.of(body);
    return mentions(body, state, -1) && terms.stream().noneMatch(t -> matrix(t).isPresent());
  }

  /** Gated cells are read by their own notations: a second recurrence or a gate product means not the simple RNN. */
  private static boolean isGated(Map<String, Statement> byName, String state) {
    int recurrences = 0;
    for (Map.Entry<String, Statement> e : byName.entrySet()) {
      Expr rhs = e.getValue().sides().get(e.getValue().sides().size() - 1);
      if (mentions(rhs, state, -1)) {
        recurrences++;
      }
      // only a recurrence's own product counts: r_t = g_t \odot h_t \odot (1 - h_t) is a backward name
      if (hasHadamard(rhs) && mentionsPrevious(rhs)) {
        return true;
      }
    }
    return recurrences > 1;
  }

  private static boolean mentionsPrevious(Expr e) {
    if (e instanceof Expr.Symbol s) {
      return s.time().isPresent() && s.time().get().offset() < 0;
    }
    return Subexpressions.children(e).stream().anyMatch(NetworkReader::mentionsPrevious);
  }

  private static boolean hasHadamard(Expr e) {
    return e instanceof Expr.Hadamard || Subexpressions.children(e).stream().anyMatch(NetworkReader::hasHadamard);
  }

  /** {@code W s_{t-1} + U x_t (+ b)}, in either order, column or row vectors: maps W, U and x. */
  private static boolean weights(Expr inner, String state, Map<String, String> spelling) {
    List<Expr> terms = inner instanceof Expr.Sum s ? s.terms() : List.of(inner);
    boolean recurrent = false;
    for (Expr t : terms) {
      List<Expr> f = t instanceof Expr.Product p ? p.factors() : List.of(t);
      if (f.size() != 2) {
        continue; // a bias, or a term the cell has no counterpart for
      }
      Optional<Expr.Symbol> m = matrix(f.get(0)).or(() -> matrix(f.get(1)));
      Expr other = matrix(f.get(0)).isPresent() ? f.get(1) : f.get(0);
      if (m.isEmpty() || !(other instanceof Expr.Symbol v) || v.time().isEmpty()) {
        continue;
      }
      if (matrix(f.get(0)).isEmpty()) {
        spelling.put(ROWS, "-"); // x_t U + h_{t-1} W: row vectors, as code writes them
      }
      if (v.name().equals(state) && v.time().get().offset() == -1) {
        spelling.put(m.get().name(), "W");
        recurrent = true;
      } else if (v.time().get().offset() == 0 && !v.name().equals(state)) {
        spelling.put(m.get().name(), "U");
        spelling.put(v.name(), "x");
      }
    }
    return recurrent;
  }

  private static Optional<Expr.Symbol> matrix(Expr e) {
    return e instanceof Expr.Symbol s && s.time().isEmpty() && !s.name().startsWith("\\") ? Optional.of(s) : Optional.empty();
  }

  /** {@code \hat y_t = softmax(V h_t + c)}, or {@code o_t = V h_t} with {@code \hat y_t = softmax(o_t)}. */
  private static void output(Map<String, Statement> byName, String state, Map<String, String> spelling,
      Map<Statement, String> used) {
    for (Map.Entry<String, Statement> e : byName.entrySet()) {
      Expr rhs = e.getValue().sides().get(e.getValue().sides().size() - 1);
      boolean softmax = rhs instanceof Expr.Apply a && a.function().equals("softmax") && a.arguments().size() == 1;
      Expr inner = softmax ? ((Expr.Apply) rhs).arguments().get(0) : rhs;
      if (!mentions(inner, state, 0) || e.getKey().equals(state) || spelling.containsKey(e.getKey())) {
        continue;
      }
      List<Expr> terms = inner instanceof Expr.Sum s ? s.terms() : List.of(inner);
      for (Expr t : terms) {
        if (t instanceof Expr.Product p && p.factors().size() == 2) {
          Optional<Expr.Symbol> m = matrix(p.factors().get(0)).or(() -> matrix(p.factors().get(1)));
          m.ifPresent(v -> spelling.putIfAbsent(v.name(), "V"));
        }
      }
      if (!spelling.containsValue("V")) {
        continue;
      }
      spelling.put(e.getKey(), softmax ? "o" : "q");
      used.put(e.getValue(), softmax ? "the output o" : "the logits q");
      boolean probabilities = softmax;
      if (!softmax) {
        // the prediction named apart: \hat y_t = softmax(o_t)
        for (Map.Entry<String, Statement> p : byName.entrySet()) {
          Expr r = p.getValue().sides().get(p.getValue().sides().size() - 1);
          if (r instanceof Expr.Apply a && a.function().equals("softmax") && a.arguments().size() == 1
              && a.arguments().get(0) instanceof Expr.Symbol q && q.name().equals(e.getKey())) {
            spelling.put(p.getKey(), "o");
            used.put(p.getValue(), "the output o");
            probabilities = true;
          }
        }
      }
      if (!probabilities) {
        // A linear output (a regression, a squared loss): the cell's softmax and cross-entropy are not the
        // author's, so its output weight and loss stay unmapped and claims about them are not judged.
        spelling.values().removeIf(v -> v.equals("V") || v.equals("q"));
        used.remove(e.getValue());
        spelling.put("\\unmapped-output", "-");
      }
      return;
    }
    // no output equation: a hat on y, or p, is the prediction
    for (String name : List.of("hat_y", "hat_{y}", "p")) {
      spelling.putIfAbsent(name, "o");
    }
  }

  /** Names the author differentiates as the loss: the numerators of partials that are not the network's values. */
  private static void losses(Expr e, Map<String, String> spelling) {
    // One loss: a mean L = (1/T) sum l_t names two, and only the first differentiated is the cell's E.
    if (e instanceof Expr.Partial p && p.of() instanceof Expr.Symbol l && !spelling.containsKey(l.name())
        && !spelling.containsValue("E") && (LOSSES.contains(base(l)) || l.name().startsWith("\\mathcal"))) {
      spelling.put(base(l), "E");
    }
    for (Expr c : Subexpressions.children(e)) {
      losses(c, spelling);
    }
  }

  /** A loss's name without the stage number it is written at ({@code C^3} is read {@code C_3}: the name is C). */
  private static String base(Expr.Symbol l) {
    return AbsoluteTimes.numberedName(l).map(Expr.Symbol::name).orElse(l.name());
  }

  /** The activation a function name stands for; a letter is read from the prose; null if none can be told. */
  static String activation(String function, String prose) {
    String f = function.replace("\\", "").toLowerCase(Locale.ROOT);
    switch (f) {
      case "tanh":
        return "tanh";
      case "sigma", "sigmoid":
        return "sigmoid";
      case "relu", "max":
        return "relu";
      case "softmax":
        return null;
      default:
        break;
    }
    String p = prose.toLowerCase(Locale.ROOT);
    if (p.contains("identity") || p.contains("linear activation") || p.contains("no activation")
        || p.contains("no nonlinearity") || p.contains("linear recurrent")) {
      return "identity";
    }
    if (p.contains("relu") || p.contains("rectified")) {
      return "relu";
    }
    if (p.contains("sigmoid") || p.contains("logistic")) {
      return p.contains("tanh") || p.contains("hyperbolic") ? "tanh" : "sigmoid";
    }
    return "tanh";
  }

  /** Whether {@code e} holds {@code name} at the time offset {@code offset}. */
  static boolean mentions(Expr e, String name, int offset) {
    if (e instanceof Expr.Symbol s) {
      return s.name().equals(name) && s.time().isPresent() && s.time().get().offset() == offset;
    }
    for (Expr c : Subexpressions.children(e)) {
      if (mentions(c, name, offset)) {
        return true;
      }
    }
    return false;
  }

  /** The statements of the reads, in order. */
  static List<Statement> statements(List<ParsedMath> parsed) {
    List<Statement> out = new ArrayList<>();
    parsed.forEach(p -> out.addAll(p.statements()));
    return out;
  }
}
