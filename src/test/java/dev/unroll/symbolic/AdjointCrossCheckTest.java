package dev.unroll.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.LossKind;
import dev.unroll.unroll.Unroller;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gated cells' adjoint equations against the forward-mode derivative of the unrolled loss:
 * every gate of an LSTM and a GRU (sigmoid and tanh gates, elementwise products, 1 - z) on the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdjointCrossCheckTest {
  private final CellLibrary cells = new CellLibrary();
  private final SymjaSession session = new SymjaSession();

  private record Setup(AdjointSystem system, Adjoints adjoints, SymbolicCrossCheck check) {}

  private Setup setup(String cellName, int steps, LossKind loss) {
    CellDefinition cell = cells.load(cellName);
    Adjoints adjoints = new Adjoints(new SymjaCalculus(session, cell.activations()));
    return new Setup(adjoints.derive(new Unroller().unroll(cell, steps), loss), adjoints,
        new SymbolicCrossCheck(session, cell.activations()));
  }

  @ParameterizedTest(name = "{0} {1} N={2} {3}")
  @CsvSource({"lstm, Uf, 3, LAST", "lstm, Wi, 2, TOTAL", "lstm, bo, 2, LAST", "gru, Uz, 3, TOTAL", "gru, Uh, 2, LAST"})
  void theAdjointEquationsMatchTheForwardDerivative(String cell, String wrt, int steps, LossKind loss) {
    Setup s = setup(cell, steps, loss);
    CrossCheckResult r = s.check().check(s.system(), s.adjoints(), wrt);
    assertThat(r.passed()).as(r.summary()).isTrue();
    assertThat(r.steps()).isEqualTo(steps);
    assertThat(r.parameter()).isEqualTo(wrt);
    assertThat(r.entries()).isEqualTo(wrt.startsWith("b") ? 2 : 4);
    assertThat(r.worstRelative()).isLessThan(1e-30);
  }

  @Test
  void anAdjointMissingARouteFails() {
    Setup s = setup("lstm", 2, LossKind.LAST);
    List<AdjointSystem.Adjoint> adjoints = new ArrayList<>();
    boolean dropped = false;
    for (AdjointSystem.Adjoint a : s.system().adjoints()) {
      if (!dropped && a.routes().size() > 1 && a.variable().name().orElseThrow().name().equals("h")) {
        adjoints.add(new AdjointSystem.Adjoint(a.variable(), a.routes().subList(1, a.routes().size())));
        dropped = true;
      } else {
        adjoints.add(a);
      }
    }
    assertThat(dropped).isTrue();
    AdjointSystem broken = new AdjointSystem(s.system().graph(), s.system().loss(), s.system().lossSymbol(),
        s.system().roots(), adjoints, s.system().uses());
    CrossCheckResult r = s.check().check(broken, s.adjoints(), "Uf");
    assertThat(r.passed()).as(r.summary()).isFalse();
    assertThat(r.worstRelative()).isGreaterThan(1e-6);
  }
}
