package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.Map;
import java.util.Set;

/**
 * What the formulas of a document say about the network they define, read before the network is
 * built ({@link AuthorNetwork#read}): where its stages start and end (a sum from 0, a horizon written
 * {@code T}, the largest stage written), which names are inputs and which are weights, which formulas
 * reach the network's values, and which belong to a backward pass (a later stage, a derivative).
 */
final class FormulaFacts {
  private static final java.util.regex.Pattern INDEXED = java.util.regex.Pattern.compile("[A-Za-z]+_[a-z],([a-z])_[a-z]");

  private FormulaFacts() {}

  /** Whether a formula numbers stages from 0: a sum over stages from 0, a value at stage -1. */
  static boolean countsFromZero(Expr e) {
    return AdHocDeltas.any(e, x -> x instanceof Expr.Apply a && a.function().equals("sum") && a.arguments().size() == 3
        && a.arguments().get(0) instanceof Expr.Apply r && r.function().equals("relation")
        && r.arguments().get(1) instanceof Expr.Num n && n.value() == 0
        || x instanceof Expr.Symbol s && s.time().isPresent() && s.time().get().offset() < 0 && s.name().isEmpty()
        || x instanceof Expr.Symbol s && s.time().isEmpty() && s.name().endsWith("_-1"));
  }

  /** Whether {@code e} names the last stage as a letter: {@code T} or {@code N} alone or as a stage ({@code h_T}). */
  static boolean namesOpenHorizon(Expr e) {
    return AdHocDeltas.any(e, x -> x instanceof Expr.Symbol s && (s.time().isEmpty() && (s.name().equals("T")
        || s.name().equals("N")) || s.time().isPresent() && s.time().get().variable().equals("T")));
  }

  /** The largest stage number a sum's upper limit writes. */
  static int upperLimits(Expr e) {
    int[] max = {0};
    AdHocDeltas.any(e, x -> {
      if (x instanceof Expr.Apply a && a.function().equals("sum") && a.arguments().size() == 3
          && a.arguments().get(1) instanceof Expr.Num n && n.value() < 100) {
        max[0] = Math.max(max[0], (int) n.value());
      }
      return false;
    });
    return max[0];
  }

  /** The largest absolute stage written below a value or an input ({@code s_3}, {@code x_2}). */
  static int absoluteStages(Expr e, Set<String> staged, Set<String> leaves) {
    int[] max = {0};
    AdHocDeltas.any(e, x -> {
      if (x instanceof Expr.Symbol s && s.time().isEmpty() && s.name().matches(".+_\\d{1,2}")) {
        String base = s.name().substring(0, s.name().lastIndexOf('_'));
        if (staged.contains(base) || leaves.contains(base)) {
          max[0] = Math.max(max[0], Integer.parseInt(s.name().substring(s.name().lastIndexOf('_') + 1)));
        }
      }
      return false;
    });
    return max[0];
  }

  /**
   * The names a formula uses that no equation defines: per-stage inputs and targets into
   * {@code stagedLeaves}, weights into {@code params}.
   */
  static void leaves(Expr e, Set<String> staged, Set<String> timeless, Set<String> stagedLeaves, Set<String> params) {
    AdHocDeltas.any(e, x -> {
      if (x instanceof Expr.Symbol s && !staged.contains(s.name()) && !timeless.contains(s.name())
          && !AuthorNetwork.INDEX_LETTERS.contains(s.name())) {
        if (s.time().isPresent()) {
          stagedLeaves.add(s.name());
        } else if (!s.name().contains("_") && s.name().length() <= 2 && !s.name().equals("e")
            || s.name().matches("[A-Za-z]+_[A-Za-z]{1,3}") && !staged.contains(s.name().substring(0, s.name().indexOf('_')))) {
          params.add(s.name());
        } else if (s.name().contains("_") && s.name().indexOf(',') > 0) {
          String base = s.name().substring(0, Math.max(0, s.name().lastIndexOf('_', s.name().indexOf(','))));
          if (!staged.contains(base) && !timeless.contains(base)) {
            stagedLeaves.add(base);
          }
        }
      }
      java.util.regex.Matcher m = x instanceof Expr.Symbol s && s.time().isEmpty()
          ? INDEXED.matcher(s.name()) : null;
      if (m != null && m.matches()) {
        // p_{t,c_t} names the target index c
        stagedLeaves.add(m.group(1));
      }
      return false;
    });
  }

  /** Whether a formula depends, through the document's definitions, on a value per stage that an equation defines. */
  static boolean reachesValues(Expr e, Map<String, Expr> staged, Map<String, Expr> timeless, Set<String> seen) {
    return AdHocDeltas.any(e, x -> {
      if (!(x instanceof Expr.Symbol s)) {
        return false;
      }
      for (String name : staged.keySet()) {
        if (s.name().equals(name) || s.name().startsWith(name + "_")) {
          return !AuthorNetwork.LOSSES.contains(name) || seen.add(name) && reachesValues(staged.get(name), staged, timeless, seen);
        }
      }
      return timeless.containsKey(s.name()) && seen.add(s.name())
          && reachesValues(timeless.get(s.name()), staged, timeless, seen);
    });
  }

  /** Whether a formula reads a value at a later stage ({@code r_{t+1}}): only a backward pass does. */
  static boolean future(Expr e) {
    return AdHocDeltas.any(e, x -> x instanceof Expr.Symbol s && s.time().isPresent() && s.time().get().offset() > 0
        || x instanceof Expr.Symbol n && n.time().isEmpty() && n.name().matches(".*_[a-z]\\+\\d+(,.*)?"));
  }

  static boolean mentionsName(Expr e, String name) {
    return AdHocDeltas.any(e, x -> x instanceof Expr.Symbol s && (s.name().equals(name) || s.name().startsWith(name + "_")));
  }

  static boolean isZero(Expr e) {
    return e instanceof Expr.Num n && n.value() == 0;
  }


  /** Whether the state's equation writes a staged vector before a weight: {@code x_t W_x + h_{t-1} W_h}. */
  static boolean rowVectors(Expr state) {
    return AdHocDeltas.any(state, x -> x instanceof Expr.Product p && p.factors().size() == 2
        && p.factors().get(0) instanceof Expr.Symbol v && v.time().isPresent()
        && p.factors().get(1) instanceof Expr.Symbol w && w.time().isEmpty() && AuthorNetwork.capital(w.name()));
  }

  /** Whether a formula writes a derivative anywhere: then it is a backward pass's, not a definition. */
  static boolean hasPartial(Expr e) {
    return AdHocDeltas.any(e, x -> x instanceof Expr.Partial);
  }
}
