package dev.unroll.unroll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellLibrary;
import dev.unroll.expr.Time;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gated cells unroll into the gates their equations name, with no case for either in the unroller. */
class GatedUnrollTest {
  private final CellLibrary cells = new CellLibrary();

  private static Node at(UnrolledGraph g, String name, int offset) {
    return g.node(name, Time.t(offset)).orElseThrow();
  }

  @Test
  void theLstmCellStateIsAnAdditionOfTwoElementwiseProducts() {
    UnrolledGraph g = new Unroller().unroll(cells.load("lstm"), 3);
    Node c = at(g, "c", 0);
    assertThat(c.op()).isEqualTo(Op.ADD);
    assertThat(c.inputs()).extracting(Node::op).containsExactly(Op.HADAMARD, Op.HADAMARD);
    assertThat(c.input(0).inputs()).containsExactly(at(g, "f", 0), at(g, "c", -1));
    assertThat(c.input(1).inputs()).containsExactly(at(g, "i", 0), at(g, "g", 0));
    // Both states start from their own initial values.
    assertThat(at(g, "c", -2).op()).isEqualTo(Op.INITIAL_STATE);
    assertThat(at(g, "h", -2).op()).isEqualTo(Op.INITIAL_STATE);
    Node h = at(g, "h", 1);
    assertThat(h.op()).isEqualTo(Op.HADAMARD);
    assertThat(h.input(1).op()).isEqualTo(Op.ACTIVATION);
    assertThat(h.input(1).function()).isEqualTo("tanh");
    assertThat(h.input(1).input(0)).isEqualTo(at(g, "c", 1));
  }

  @Test
  void theGruUpdateReadsOneMinusTheGateAndTheCandidateReadsTheResetState() {
    UnrolledGraph g = new Unroller().unroll(cells.load("gru"), 2);
    Node h = at(g, "h", 0);
    Node keep = h.input(0);
    assertThat(keep.op()).isEqualTo(Op.HADAMARD);
    Node oneMinusZ = keep.input(0);
    assertThat(oneMinusZ.op()).isEqualTo(Op.ADD);
    assertThat(oneMinusZ.input(0).op()).isEqualTo(Op.CONSTANT);
    assertThat(oneMinusZ.input(0).constant()).isEqualTo(1);
    assertThat(oneMinusZ.input(1).op()).isEqualTo(Op.NEGATE);
    assertThat(oneMinusZ.input(1).input(0)).isEqualTo(at(g, "z", 0));
    assertThat(keep.input(1)).isEqualTo(at(g, "h", -1));

    Node candidateSum = at(g, "n", 0).input(0);
    Node reset = candidateSum.inputs().stream().filter(n -> n.op() == Op.MATMUL
        && n.input(0).equals(g.param("Uh"))).findFirst().orElseThrow();
    assertThat(reset.input(1).op()).isEqualTo(Op.HADAMARD);
    assertThat(reset.input(1).inputs()).containsExactly(at(g, "r", 0), at(g, "h", -1));
  }

  @Test
  void eachStageAddsTheSameNumberOfNodes() {
    for (String cell : List.of("lstm", "gru")) {
      int one = new Unroller().unroll(cells.load(cell), 1).nodes().size();
      int two = new Unroller().unroll(cells.load(cell), 2).nodes().size();
      int ten = new Unroller().unroll(cells.load(cell), 10).nodes().size();
      assertThat(ten - one).as(cell).isEqualTo(9 * (two - one));
    }
  }
}
