package dev.unroll.numeric;

import dev.unroll.derive.Derivation;
import dev.unroll.derive.Term;
import dev.unroll.unroll.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.linear.RealMatrix;

/**
 * Finds the term of a derived sum that makes it wrong. Terms are grouped by the loss they start at
 * and the gate where the parameter enters; the backward pass, seeded at that loss alone, gives each
 * such gate's own contribution to the gradient, which is what the group's terms must add up to. The
 * group whose sum differs most from it at the worst entry is the culprit.
 */
final class TermDiagnosis {
  private final Tape tape;
  private final Map<Node, Map<Node, RealMatrix>> perLoss = new LinkedHashMap<>();

  TermDiagnosis(Tape tape) {
    this.tape = tape;
  }

  /**
   * @param termValues the value of each term as the source computed it, in the derivation's order
   *     (empty if the source's terms cannot be matched to the derivation's)
   */
  Optional<Diagnosis> diagnose(Source source, Derivation d, List<RealMatrix> termValues, EntrySample.Entry entry) {
    if (termValues.size() != d.terms().size()) {
      return Optional.empty();
    }
    Map<List<Node>, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < d.terms().size(); i++) {
      Term t = d.terms().get(i);
      groups.computeIfAbsent(List.of(t.loss(), t.end().gate()), k -> new ArrayList<>()).add(i);
    }
    List<Integer> culprit = null;
    double worst = -1;
    double culpritValue = 0;
    double culpritExpected = 0;
    for (Map.Entry<List<Node>, List<Integer>> g : groups.entrySet()) {
      RealMatrix reference = contributions(g.getKey().get(0)).get(g.getKey().get(1));
      double expected = reference == null ? 0 : reference.getEntry(entry.row(), entry.col());
      double value = 0;
      for (int i : g.getValue()) {
        value += termValues.get(i).getEntry(entry.row(), entry.col());
      }
      double gap = Math.abs(value - expected);
      if (gap > worst || Double.isNaN(gap)) {
        worst = Double.isNaN(gap) ? Double.POSITIVE_INFINITY : gap;
        culprit = g.getValue();
        culpritValue = value;
        culpritExpected = expected;
      }
    }
    if (culprit == null) {
      return Optional.empty();
    }
    Term first = d.terms().get(culprit.get(0));
    String path = "from " + spell(first.loss()) + " into " + d.parameterName() + " at stage "
        + first.end().gate().stage().map(t -> t.spelled()).orElse("?") + ", " + first.factors().size() + " factors";
    return Optional.of(new Diagnosis(source, d.parameterName(), entry, culprit.stream().map(i -> i + 1).toList(),
        d.terms().size(), path, culpritValue, culpritExpected));
  }

  private Map<Node, RealMatrix> contributions(Node loss) {
    return perLoss.computeIfAbsent(loss, l -> {
      Map<Node, RealMatrix> perGate = new LinkedHashMap<>();
      new Backprop().gradients(tape, List.of(l), perGate);
      return perGate;
    });
  }

  private static String spell(Node n) {
    return n.name().map(s -> s.name() + "_{" + s.time().map(t -> t.spelled()).orElse("") + "}").orElse(n.toString());
  }
}
