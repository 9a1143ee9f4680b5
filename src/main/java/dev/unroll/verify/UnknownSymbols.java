package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.List;
import java.util.Set;

/**
 * Names in a formula that the file's notation does not map to the network: each a warning naming the
 * symbol and the nearest known one, never an error (a symbol the tool cannot place says nothing false).
 */
final class UnknownSymbols {
  /** Symbols too common in prose mathematics to report when they are unknown. */
  private static final Set<String> ORDINARY = Set.of("d", "t", "k", "i", "j", "n", "m", "N", "T", "K", "H", "D", "f",
      "g", "e", "\\sigma", "\\tau", "\\gamma", "\\lambda", "\\alpha", "\\eta", "\\theta", "\\delta", "\\epsilon");

  private UnknownSymbols() {}

  /**
   * Warnings for the symbols of {@code s} that {@code notation} does not know, placed in {@code span};
   * the first such warning's message, if there was one.
   */
  static java.util.Optional<String> report(MathSpan span, ParsedMath parsed, Statement s, Notation notation,
      List<Finding> findings) {
    return report(span, parsed, s, notation, Set.of(), findings);
  }

  /** As above, where {@code defined} are the names the document defines itself ({@code \delta_t = ...}): never unknown. */
  static java.util.Optional<String> report(MathSpan span, ParsedMath parsed, Statement s, Notation notation,
      Set<String> defined, List<Finding> findings) {
    int before = findings.size();
    for (Expr side : s.sides()) {
      collect(side, span, parsed, notation, defined, findings);
    }
    return findings.size() > before ? java.util.Optional.of(findings.get(before).message()) : java.util.Optional.empty();
  }

  private static void collect(Expr e, MathSpan span, ParsedMath parsed, Notation notation, Set<String> defined,
      List<Finding> findings) {
    if (e instanceof Expr.Symbol sym) {
      String name = sym.name().replace("'", "");
      if (defined.contains(sym.name()) || notation.variable(name).isPresent() || notation.resolve(sym).isPresent() || ORDINARY.contains(name)
          || name.startsWith("\\") && sym.time().isEmpty()) {
        return;
      }
      boolean otherNotation = notation.otherSpelling(name).isPresent();
      if (sym.time().isEmpty() && !otherNotation) {
        return;
      }
      String nearest = notation.nearest(name);
      String why = otherNotation ? " (" + tex(name) + " is the " + notation.otherSpelling(name).get().name()
          + " spelling; this file uses the " + notation.name() + " notation, where it is " + tex(nearest) + ")" : "";
      findings.add(Finding.at(span.position(parsed.offset(e, 0)), Severity.WARNING, "unknown symbol "
          + WrittenTex.of(sym) + ": the " + notation.name() + " notation has no such variable; nearest is "
          + tex(nearest) + why + "."));
      return;
    }
    for (Expr child : Subexpressions.children(e)) {
      collect(child, span, parsed, notation, defined, findings);
    }
  }

  private static String tex(String name) {
    int u = name.indexOf('_');
    return u < 0 ? name : name.substring(0, u) + "_{" + name.substring(u + 1) + "}";
  }
}
