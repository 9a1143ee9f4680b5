package dev.unroll.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.unroll.Unroller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One cross-check serving many lessons of a cell keeps the nodes they share: each lesson still gets
 * exactly the result a check of it alone gives (the same worst differences, to the last bit), in
 * whatever order lessons of different N, parameters, losses and activations come.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardMemoTest {
  private final CellLibrary cells = new CellLibrary();
  private final SymjaSession session = new SymjaSession();
  private final CellDefinition rnn = cells.load("rnn");
  private final Forms forms = new Forms(new SymjaCalculus(session, rnn.activations()));

  private Derivation derive(String activation, String wrt, int steps, LossKind loss) {
    return new Differentiator().derive(new Unroller().unroll(rnn.withPlaceholder("f", activation), steps), wrt, loss);
  }

  private CrossCheckResult alone(Derivation d) {
    return new SymbolicCrossCheck(session, rnn.activations()).check(d, forms.concreteSum(d));
  }

  @Test
  void lessonsCheckedOneAfterAnotherGetTheResultsOfTheirOwnN() {
    SymbolicCrossCheck shared = new SymbolicCrossCheck(session, rnn.activations());
    String[][] order = {
        {"tanh", "W", "2", "LAST"}, {"tanh", "W", "4", "TOTAL"}, {"tanh", "W", "3", "LAST"}, {"tanh", "U", "4", "LAST"},
        {"sigmoid", "W", "3", "TOTAL"}, {"tanh", "V", "1", "TOTAL"}, {"tanh", "W", "5", "LAST"},
    };
    for (String[] o : order) {
      Derivation d = derive(o[0], o[1], Integer.parseInt(o[2]), LossKind.valueOf(o[3]));
      CrossCheckResult shared1 = shared.check(d, forms.concreteSum(d));
      assertThat(shared1).as(String.join(" ", o)).isEqualTo(alone(d));
      assertThat(shared1.steps()).isEqualTo(Integer.parseInt(o[2]));
      assertThat(shared1.passed()).isTrue();
    }
  }

  @Test
  void aLongerGraphExtendsWhatIsKeptAndAShorterOneKeepsIt() {
    SymbolicCrossCheck shared = new SymbolicCrossCheck(session, rnn.activations());
    Derivation three = derive("tanh", "W", 3, LossKind.LAST);
    Derivation five = derive("tanh", "U", 5, LossKind.TOTAL);
    shared.check(three, forms.concreteSum(three));
    assertThat(shared.rememberedNodes()).isEqualTo(three.graph().nodes().size());
    shared.check(five, forms.concreteSum(five));
    assertThat(shared.rememberedNodes()).isEqualTo(five.graph().nodes().size());
    shared.check(three, forms.concreteSum(three));
    assertThat(shared.rememberedNodes()).as("the 3-stage graph is the start of the 5-stage one")
        .isEqualTo(five.graph().nodes().size());
    // Another activation differs at the first activation gate: what follows it is forgotten.
    Derivation other = derive("sigmoid", "W", 2, LossKind.LAST);
    shared.check(other, forms.concreteSum(other));
    assertThat(shared.rememberedNodes()).isEqualTo(other.graph().nodes().size());
  }

  @Test
  void gatedLessonsToo() {
    CellDefinition lstm = cells.load("lstm");
    Adjoints adjoints = new Adjoints(new SymjaCalculus(session, lstm.activations()));
    SymbolicCrossCheck shared = new SymbolicCrossCheck(session, lstm.activations());
    for (int n : new int[] {3, 2, 4}) {
      AdjointSystem system = adjoints.derive(new Unroller().unroll(lstm, n), LossKind.TOTAL);
      CrossCheckResult r = shared.check(system, adjoints, "Wf");
      assertThat(r).isEqualTo(new SymbolicCrossCheck(session, lstm.activations()).check(system, adjoints, "Wf"));
      assertThat(r.passed()).isTrue();
    }
  }
}
