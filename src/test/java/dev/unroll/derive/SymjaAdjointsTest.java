package dev.unroll.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.symbolic.SymjaCalculus;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With the production calculus the gated cells' adjoints come out as with the textbook one: Symja's
 * derivatives are rewritten in each gate's output, also where that output is an unnamed
 * {@code tanh(c_t)}, so the lesson needs nothing LSTM-specific from {@code symbolic}.
 */
class SymjaAdjointsTest {
  @Test
  void symjasLocalDerivativesGiveTheTextbookAdjointsForBothGatedCells() {
    // One Symja session for both cells (its start and proofs are most of this test's time).
    Adjoints symja = new Adjoints(new SymjaCalculus(CellLibrary.builtInActivations()));
    Adjoints textbook = new Adjoints(new TextbookCalculus());
    for (String name : List.of("lstm", "gru")) {
      CellDefinition cell = new CellLibrary().load(name);
      UnrolledGraph g = new Unroller().unroll(cell, 2);
      AdjointSystem s = symja.derive(g, LossKind.TOTAL);
      for (AdjointSystem.Adjoint a : s.adjoints()) {
        assertThat(symja.rhs(s, a)).as("%s %s", name, a.variable()).isEqualTo(textbook.rhs(s, a));
      }
      for (String p : g.params().keySet()) {
        assertThat(symja.gradient(s, p)).as("%s %s", name, p).isEqualTo(textbook.gradient(s, p));
      }
    }
  }
}
